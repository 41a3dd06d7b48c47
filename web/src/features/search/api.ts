import { z } from 'zod';
import {
  type BENEFITS,
  type EMPLOYMENT_TYPES,
  type SEARCH_SORTS,
  SearchResultSchema,
  SuggestResultSchema,
} from '@jiuye/shared';
import { apiRequest } from '../../app/api-client';

export type SearchResult = z.infer<typeof SearchResultSchema>;
export type PostingHit = SearchResult['items'][number];
export type Benefit = (typeof BENEFITS)[number];
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** The filters a seeker sets; pages are added by the infinite list. */
export type SearchFilters = {
  q?: string;
  districtCode?: string;
  occupationCode?: string;
  salaryMinFen?: number;
  employmentType?: EmploymentType;
  benefits?: Benefit[];
  postedWithin?: number;
  sort?: SearchSort;
};

/** Small pages: a migrant worker on a weak signal sees the first results sooner. */
export const SEARCH_PAGE_SIZE = 10;

export const searchKeys = {
  all: ['search'] as const,
  results: (filters: SearchFilters) => ['search', 'results', filters] as const,
  suggest: (q: string) => ['search', 'suggest', q] as const,
};

export function searchPostings(filters: SearchFilters, page: number, signal?: AbortSignal) {
  return apiRequest(
    '/api/v1/job-postings',
    {
      query: {
        ...filters,
        benefits: filters.benefits && filters.benefits.length > 0 ? filters.benefits : undefined,
        page,
        pageSize: SEARCH_PAGE_SIZE,
      },
      signal,
    },
    SearchResultSchema,
  );
}

export async function suggest(q: string, signal?: AbortSignal) {
  return (await apiRequest('/api/v1/job-postings/suggest', { query: { q }, signal }, SuggestResultSchema))
    .items;
}

export { isBenefit, isEmploymentType } from './filters';

/** Monthly pay floors offered as a filter (yuan). */
export const SALARY_FLOORS_YUAN = [3000, 5000, 8000, 12000] as const;

/** Lower bound (yuan) of each salary band facet value the server answers. */
export const BAND_LOWER_YUAN: Record<string, number> = {
  lt3000: 0,
  '3000-5000': 3000,
  '5000-8000': 5000,
  '8000-12000': 8000,
  gte12000: 12000,
};
