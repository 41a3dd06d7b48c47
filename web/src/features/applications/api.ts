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

export { BOARD_COLUMNS, enterpriseMoves, OPEN_STATUSES } from './workflow';
