import { z } from 'zod';
import {
  ApplicationSchema,
  pageOf,
  type Application,
  type ApplicationStatus,
  type UpdateApplicationBodySchema,
} from '@jiuye/shared';
import { apiRequest } from '../../app/api-client';

export type { Application, ApplicationStatus };
export type UpdateApplicationBody = z.input<typeof UpdateApplicationBodySchema>;

const ApplicationPageSchema = pageOf(ApplicationSchema);

export const applicationKeys = {
  all: ['applications'] as const,
  mine: ['applications', 'mine'] as const,
  ofPosting: (postingId: string) => ['applications', 'posting', postingId] as const,
  one: (id: string) => ['applications', 'one', id] as const,
};

/** One page of 100: a seeker rarely has more open applications than that. */
export async function listMyApplications(): Promise<Application[]> {
  return (
    await apiRequest('/api/v1/me/applications', { query: { page: 1, pageSize: 100 } }, ApplicationPageSchema)
  ).items;
}

export async function listPostingApplications(postingId: string): Promise<Application[]> {
  return (
    await apiRequest(
      `/api/v1/job-postings/${encodeURIComponent(postingId)}/applications`,
      { query: { page: 1, pageSize: 100 } },
      ApplicationPageSchema,
    )
  ).items;
}

export function getApplication(id: string) {
  return apiRequest(`/api/v1/applications/${encodeURIComponent(id)}`, {}, ApplicationSchema);
}

/**
 * Applies with the résumé-sharing consent. The caller keeps one Idempotency-Key per attempt and
 * sends it again when retrying that attempt, so a lost answer never becomes a second application.
 */
export function applyToPosting(postingId: string, idempotencyKey: string, message?: string) {
  return apiRequest(
    `/api/v1/job-postings/${encodeURIComponent(postingId)}/applications`,
    {
      method: 'POST',
      body: { shareResumeConsent: true, ...(message ? { message } : {}) },
      headers: { 'Idempotency-Key': idempotencyKey },
    },
    ApplicationSchema,
  );
}

export function updateApplication(id: string, body: UpdateApplicationBody) {
  return apiRequest(
    `/api/v1/applications/${encodeURIComponent(id)}`,
    { method: 'PATCH', body },
    ApplicationSchema,
  );
}

export const OPEN_STATUSES: readonly ApplicationStatus[] = ['submitted', 'viewed', 'interview', 'offer'];
export const BOARD_COLUMNS = ['submitted', 'viewed', 'interview', 'offer', 'hired', 'rejected'] as const;
const PROGRESS: Partial<Record<ApplicationStatus, number>> = {
  submitted: 0,
  viewed: 1,
  interview: 2,
  offer: 3,
  hired: 4,
};

/**
 * Where the enterprise may move an application (mirrors the server's workflow: forward only,
 * steps may be skipped, an interview may be rescheduled, reject from any open status).
 */
export function enterpriseMoves(from: ApplicationStatus): ApplicationStatus[] {
  if (!OPEN_STATUSES.includes(from)) return [];
  const at = PROGRESS[from] ?? 0;
  const forward = (['viewed', 'interview', 'offer', 'hired'] as const).filter(
    (s) => (PROGRESS[s] ?? 0) > at || (s === 'interview' && from === 'interview'),
  );
  return [...forward, 'rejected'];
}
