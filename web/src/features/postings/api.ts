import {
  CheckTextResultSchema,
  ImportProblemSchema,
  ImportResultSchema,
  pageOf,
  PostingSchema,
  type CreatePostingBody,
  type DiscriminationFlag,
  type ImportResult,
  type Posting,
  type PostingStatus,
  type ReviewPostingBody,
  type UpdatePostingBody,
} from '@jiuye/shared';
import { apiDownload, apiRequest, isApiError } from '../../app/api-client';

export type { Posting, PostingStatus, DiscriminationFlag };

const PostingPageSchema = pageOf(PostingSchema);

export const postingKeys = {
  all: ['postings'] as const,
  one: (id: string) => ['postings', 'one', id] as const,
  ofEnterprise: (enterpriseId: string, status?: PostingStatus) =>
    ['postings', 'enterprise', enterpriseId, status ?? 'all'] as const,
  reviewQueue: (query: object) => ['postings', 'review-queue', query] as const,
  check: (text: object) => ['postings', 'check-text', text] as const,
};

export function getPosting(id: string) {
  return apiRequest(`/api/v1/job-postings/${encodeURIComponent(id)}`, {}, PostingSchema);
}

export function createPosting(body: CreatePostingBody) {
  return apiRequest('/api/v1/job-postings', { method: 'POST', body }, PostingSchema);
}

export function updatePosting(id: string, body: UpdatePostingBody) {
  return apiRequest(
    `/api/v1/job-postings/${encodeURIComponent(id)}`,
    { method: 'PATCH', body },
    PostingSchema,
  );
}

export function reviewPosting(id: string, body: ReviewPostingBody) {
  return apiRequest(
    `/api/v1/job-postings/${encodeURIComponent(id)}/review`,
    { method: 'POST', body },
    PostingSchema,
  );
}

export function listReviewQueue(query: {
  page: number;
  pageSize: number;
  districtCode?: string;
  flagged?: boolean;
}) {
  return apiRequest(
    '/api/v1/job-postings/review-queue',
    { query: { ...query, flagged: query.flagged === undefined ? undefined : String(query.flagged) } },
    PostingPageSchema,
  );
}

export function listEnterprisePostings(
  enterpriseId: string,
  query: { page: number; pageSize: number; status?: PostingStatus },
) {
  return apiRequest(
    `/api/v1/enterprises/${encodeURIComponent(enterpriseId)}/job-postings`,
    { query },
    PostingPageSchema,
  );
}

export async function checkText(
  body: { title: string; description: string; skills: string[] },
  signal?: AbortSignal,
): Promise<DiscriminationFlag[]> {
  return (
    await apiRequest(
      '/api/v1/job-postings/check-text',
      { method: 'POST', body, signal },
      CheckTextResultSchema,
    )
  ).flags;
}

export function downloadImportTemplate(enterpriseId: string) {
  return apiDownload(`/api/v1/enterprises/${encodeURIComponent(enterpriseId)}/job-postings/import-template`);
}

export type ImportRowProblem = { row: number | null; field: string | null; message: string };

/** The outcome of an upload: every row imported, or a row-by-row report and nothing imported. */
export type ImportOutcome =
  | { ok: true; result: ImportResult }
  | { ok: false; title: string; detail: string | null; rows: ImportRowProblem[] };

export async function importPostings(enterpriseId: string, file: File): Promise<ImportOutcome> {
  const form = new FormData();
  form.append('file', file, file.name);
  try {
    const result = await apiRequest(
      `/api/v1/enterprises/${encodeURIComponent(enterpriseId)}/job-postings/import`,
      { method: 'POST', form },
      ImportResultSchema,
    );
    return { ok: true, result };
  } catch (error) {
    if (!isApiError(error) || error.status >= 500 || error.status === 0) throw error;
    const parsed = ImportProblemSchema.safeParse(error.body);
    const errors = parsed.success ? (parsed.data.errors ?? []) : (error.problem.errors ?? []);
    if (errors.length === 0 && error.status !== 400) throw error;
    return {
      ok: false,
      title: error.problem.title,
      detail: error.problem.detail ?? null,
      rows: errors.map((e) => {
        const withRow = e as { row?: number; field?: string };
        const [first, second] = e.path.split('.');
        const rowFromPath = first !== undefined && /^\d+$/.test(first) ? Number(first) : null;
        return {
          row: withRow.row ?? rowFromPath,
          field: withRow.field ?? (rowFromPath !== null ? (second ?? null) : e.path || null),
          message: e.message,
        };
      }),
    };
  }
}

export const EDITABLE_STATUSES: readonly PostingStatus[] = [
  'draft',
  'pending_review',
  'rejected',
  'published',
  'paused',
];
