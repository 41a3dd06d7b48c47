import { z } from 'zod';
import { CandidateSchema, RecommendationSchema, type Candidate, type Recommendation } from '@jiuye/shared';
import { apiRequest } from '../../app/api-client';

export type { Candidate, Recommendation };

// The page fields are read when present; the items are what the pages need.
const RecommendationListSchema = z.object({
  items: z.array(RecommendationSchema),
  total: z.number().int().optional(),
});
const CandidateListSchema = z.object({
  items: z.array(CandidateSchema),
  total: z.number().int().optional(),
});

export const matchingKeys = {
  recommendations: (page: number) => ['matching', 'recommendations', page] as const,
  candidates: (postingId: string, page: number) => ['matching', 'candidates', postingId, page] as const,
};

export function listRecommendations(page: number, pageSize = 20) {
  return apiRequest('/api/v1/me/recommendations', { query: { page, pageSize } }, RecommendationListSchema);
}

export function listCandidates(postingId: string, page: number, pageSize = 20) {
  return apiRequest(
    `/api/v1/job-postings/${encodeURIComponent(postingId)}/candidates`,
    { query: { page, pageSize } },
    CandidateListSchema,
  );
}
