import { BENEFITS, EMPLOYMENT_TYPES, SEARCH_SORTS } from '@jiuye/shared';
import type { Benefit, EmploymentType, SearchFilters, SearchSort } from './api';

// Pure (no API client here), so the URL handling is unit-tested without a browser.
export function isBenefit(value: string): value is Benefit {
  return (BENEFITS as readonly string[]).includes(value);
}

export function isEmploymentType(value: string): value is EmploymentType {
  return (EMPLOYMENT_TYPES as readonly string[]).includes(value);
}

/** Filters live in the URL: a reload, the back button or a shared link shows the same search. */
export function filtersFromParams(params: URLSearchParams): SearchFilters {
  const num = (key: string) => {
    const v = Number(params.get(key));
    return params.has(key) && Number.isInteger(v) && v > 0 ? v : undefined;
  };
  const code = (key: string, re: RegExp) => {
    const v = params.get(key);
    return v && re.test(v) ? v : undefined;
  };
  const employmentType = params.get('employmentType') ?? '';
  const sort = params.get('sort') ?? '';
  const benefits = params.getAll('benefits').filter(isBenefit);
  return {
    q: params.get('q')?.trim() || undefined,
    districtCode: code('districtCode', /^\d{6}$/),
    occupationCode: code('occupationCode', /^\d(-\d{2}){0,3}$/),
    salaryMinFen: num('salaryMinFen'),
    employmentType: isEmploymentType(employmentType) ? employmentType : undefined,
    benefits: benefits.length > 0 ? benefits : undefined,
    postedWithin: num('postedWithin'),
    sort: (SEARCH_SORTS as readonly string[]).includes(sort) ? (sort as SearchSort) : undefined,
  };
}

export function paramsFromFilters(filters: SearchFilters): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(filters) as [string, string | number | string[] | undefined][]) {
    if (Array.isArray(value)) for (const v of value) out.append(key, v);
    else if (value !== undefined && value !== '') out.set(key, String(value));
  }
  return out;
}

/** How many filters (not the words, not the order) are set: the number on the filter button. */
export function activeFilterCount(f: SearchFilters): number {
  return (
    [f.districtCode, f.occupationCode, f.salaryMinFen, f.employmentType, f.postedWithin].filter(
      (v) => v !== undefined,
    ).length + (f.benefits?.length ?? 0)
  );
}
