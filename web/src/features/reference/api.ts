import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { RegionSchema } from '@jiuye/shared';
import { apiRequest } from '../../app/api-client';

const RegionListSchema = z.object({ items: z.array(RegionSchema) });

/** Zhanjiang (GB/T 2260 440800): staff are scoped to its districts and counties. */
export const CITY_CODE = '440800';

export function useRegions(parent: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['reference', 'regions', parent],
    queryFn: async () =>
      (await apiRequest('/api/v1/reference/regions', { query: { parent } }, RegionListSchema)).items,
    // Region codes change by State Council decision, not during a session.
    staleTime: Infinity,
  });
}

export function useDistricts() {
  return useRegions(CITY_CODE);
}

/** Names for district codes, falling back to the code while loading or when unknown. */
export function useDistrictNames(codes: readonly string[]): string[] {
  const districts = useRegions(CITY_CODE, codes.length > 0);
  const byCode = new Map((districts.data ?? []).map((r) => [r.code, r.name]));
  return codes.map((code) => byCode.get(code) ?? code);
}
