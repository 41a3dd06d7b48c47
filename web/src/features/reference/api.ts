import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import {
  EducationLevelItemSchema,
  NamedCodeSchema,
  OccupationSchema,
  pageOf,
  RegionSchema,
  type Occupation,
  type Region,
} from '@jiuye/shared';
import { apiRequest } from '../../app/api-client';
import { useLocale } from '../../i18n';

const RegionListSchema = z.object({ items: z.array(RegionSchema) });
const NamedListSchema = z.object({ items: z.array(NamedCodeSchema) });
const EducationListSchema = z.object({ items: z.array(EducationLevelItemSchema) });
const OccupationPageSchema = pageOf(OccupationSchema);

/** Zhanjiang (GB/T 2260 440800): staff are scoped to its districts and counties. */
export const CITY_CODE = '440800';

// Reference data changes by State Council or standards decision, not during a session.
const FOREVER = { staleTime: Infinity, gcTime: Infinity } as const;

function fetchRegions(parent: string | undefined) {
  return apiRequest('/api/v1/reference/regions', { query: { parent } }, RegionListSchema).then(
    (r) => r.items,
  );
}

/** Children of `parent`; the provinces when `parent` is '' . */
export function useRegions(parent: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['reference', 'regions', parent],
    queryFn: () => fetchRegions(parent || undefined),
    ...FOREVER,
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

/** GB/T 2260: 44 0000 province, 4408 00 city, 440803 county. The list a code is found in. */
export function parentOfRegion(code: string): string {
  if (code.endsWith('0000')) return '';
  if (code.endsWith('00')) return `${code.slice(0, 2)}0000`;
  return `${code.slice(0, 4)}00`;
}

/**
 * Names of any region codes (a résumé's regions may be anywhere in China). Each code is looked up
 * in its parent's list, which the region pickers have usually loaded already.
 */
export function useRegionNames(codes: readonly string[]): Map<string, string> {
  const parents = [...new Set(codes.map(parentOfRegion))];
  const lists = useQueries({
    queries: parents.map((parent) => ({
      queryKey: ['reference', 'regions', parent],
      queryFn: () => fetchRegions(parent || undefined),
      ...FOREVER,
    })),
  });
  const names = new Map<string, string>();
  for (const list of lists) for (const r of list.data ?? []) names.set(r.code, r.name);
  return names;
}

/** "广西壮族自治区 柳州市" for a city outside Guangdong's Zhanjiang: enough to tell places apart. */
export function regionPathLabel(code: string, names: Map<string, string>): string {
  const chain: string[] = [];
  for (let c = code; c; c = parentOfRegion(c)) chain.unshift(names.get(c) ?? c);
  return chain.join(' ');
}

export function useRegionAncestors(codes: readonly string[]): Map<string, string> {
  const all = new Set<string>();
  for (const code of codes) for (let c = code; c; c = parentOfRegion(c)) all.add(c);
  return useRegionNames([...all]);
}

export function occupationName(o: Pick<Occupation, 'nameZh' | 'nameEn'>, locale: string): string {
  return locale === 'en-US' ? o.nameEn : o.nameZh;
}

export function searchOccupations(q: string, opts: { level?: number; pageSize?: number } = {}) {
  return apiRequest(
    '/api/v1/reference/occupations',
    { query: { q, level: opts.level, pageSize: opts.pageSize ?? 20 } },
    OccupationPageSchema,
  ).then((p) => p.items);
}

export function useOccupationSearch(q: string) {
  return useQuery({
    queryKey: ['reference', 'occupations', 'search', q],
    queryFn: () => searchOccupations(q),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60 * 60_000,
  });
}

/** The occupations of these codes (a saved résumé, a posting being edited), looked up by code. */
export function useOccupationsByCode(codes: readonly string[]) {
  const results = useQueries({
    queries: codes.map((code) => ({
      queryKey: ['reference', 'occupations', 'code', code],
      // The level is the number of code segments (6 / 6-18 / 6-18-02 / 6-18-02-04): a prefix search
      // at that level finds the code itself first, not its members.
      queryFn: async () =>
        (await searchOccupations(code, { level: code.split('-').length, pageSize: 20 })).find(
          (o) => o.code === code,
        ) ?? null,
      ...FOREVER,
    })),
  });
  const byCode = new Map<string, Occupation>();
  for (const r of results) if (r.data) byCode.set(r.data.code, r.data);
  return byCode;
}

export function useEducationLevels() {
  return useQuery({
    queryKey: ['reference', 'education-levels'],
    queryFn: async () =>
      (await apiRequest('/api/v1/reference/education-levels', {}, EducationListSchema)).items,
    ...FOREVER,
  });
}

export function useIndustries() {
  return useQuery({
    queryKey: ['reference', 'industries'],
    queryFn: async () => (await apiRequest('/api/v1/reference/industries', {}, NamedListSchema)).items,
    ...FOREVER,
  });
}

/** code → name in the UI language, for education levels and industries. */
export function useNamedCodes(kind: 'education' | 'industry'): Map<string, string> {
  const locale = useLocale();
  const education = useEducationLevels();
  const industries = useIndustries();
  const list = kind === 'education' ? education.data : industries.data;
  return new Map((list ?? []).map((x) => [x.code, locale === 'en-US' ? x.nameEn : x.nameZh]));
}

export type { Region };
