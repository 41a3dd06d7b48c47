import { ResumeSchema, type PutResumeBody, type Resume } from '@jiuye/shared';
import { apiRequest, isApiError } from '../../app/api-client';

export type { Resume, PutResumeBody };

export const resumeKeys = { mine: ['resume', 'mine'] as const };

/** The seeker's résumé, or null before they have written one. */
export async function getMyResume(): Promise<Resume | null> {
  try {
    return await apiRequest('/api/v1/me/resume', {}, ResumeSchema);
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null;
    throw error;
  }
}

export function putMyResume(body: PutResumeBody) {
  return apiRequest('/api/v1/me/resume', { method: 'PUT', body }, ResumeSchema);
}
