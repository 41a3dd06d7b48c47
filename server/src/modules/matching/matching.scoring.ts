import { canonicalWord, indexWords } from '../search/index.js';

/**
 * The match score between a seeker and a posting, the same in both directions (recommendations for
 * a seeker, candidates for a posting), explained factor by factor.
 *
 * Only job-related facts enter it. The profile types below have no field for gender, ethnicity,
 * age or birth date, household registration or key-group status, so no change to the scoring can
 * use them by accident (Employment Promotion Law art. 3, 26–31: equal employment); the fairness
 * tests check the whole path from the database to the ranking.
 */

/** Points of each factor; they add up to 100. */
export const WEIGHTS = {
  occupation: 35,
  skills: 20,
  location: 20,
  salary: 10,
  education: 5,
  experience: 5,
  freshness: 5,
} as const;
export type Factor = keyof typeof WEIGHTS;

export type SeekerProfile = {
  desiredOccupationCodes: readonly string[];
  /** Occupations of past jobs (résumé experiences). */
  experienceOccupationCodes: readonly string[];
  skills: readonly string[];
  /** Districts, cities or provinces the seeker wants to work in; empty: anywhere. */
  desiredRegionCodes: readonly string[];
  currentRegionCode: string | null;
  willingToRelocate: boolean;
  expectedSalaryMinFen: number | null;
  educationRank: number | null;
  experienceYears: number;
};

export type PostingProfile = {
  occupationCode: string;
  districtCode: string;
  /** Regions the enterprise recruits from (districts, cities or provinces). */
  targetRegionCodes: readonly string[];
  salaryMonthMaxFen: number;
  requiredEducationRank: number | null;
  experienceYears: number;
  skills: readonly string[];
  publishedAt: Date | null;
};

export const REASON_CODES = [
  'occupation_exact',
  'occupation_wanted_group',
  'occupation_minor',
  'occupation_medium',
  'occupation_major',
  'occupation_experience',
  'skills',
  'location_district',
  'location_city_wanted',
  'location_city',
  'location_province',
  'location_recruits_from',
  'location_relocate',
  'location_any',
  'salary_fit',
  'salary_near',
  'salary_open',
  'education_fit',
  'education_near',
  'education_open',
  'experience_fit',
  'experience_near',
  'experience_open',
  'freshness',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export type ScoredReason = {
  code: ReasonCode;
  factor: Factor;
  /** Points of the score (0–100 scale), one decimal. */
  weight: number;
  /** Skills that matched, days since publication… for the label. */
  detail?: string[];
};

export type MatchScore = { score: number; reasons: ScoredReason[] };

type Part = { code: ReasonCode; value: number; detail?: string[] } | null;

const round1 = (x: number) => Math.round(x * 10) / 10;

function segments(code: string): string[] {
  return code.split('-');
}

/** How many leading segments two occupation codes share (6-18-02-04 vs 6-18-03-01: 2). */
function commonSegments(a: string, b: string): number {
  const x = segments(a);
  const y = segments(b);
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

/**
 * Same occupation 1.0 > a group the seeker asked for as a whole > same minor group 0.7 > same
 * medium group 0.45 > same major group 0.2. Past jobs count at 80 %.
 */
export function occupationPart(s: SeekerProfile, code: string): Part {
  const one = (wanted: string): Part => {
    if (wanted === code) return { code: 'occupation_exact', value: 1 };
    if (code.startsWith(`${wanted}-`)) {
      const level = segments(wanted).length;
      return { code: 'occupation_wanted_group', value: level === 3 ? 0.9 : level === 2 ? 0.8 : 0.5 };
    }
    const k = commonSegments(wanted, code);
    if (k >= 3) return { code: 'occupation_minor', value: 0.7 };
    if (k === 2) return { code: 'occupation_medium', value: 0.45 };
    if (k === 1) return { code: 'occupation_major', value: 0.2 };
    return null;
  };
  let best: Part = null;
  for (const w of s.desiredOccupationCodes) {
    const p = one(w);
    if (p && (!best || p.value > best.value)) best = p;
  }
  for (const w of s.experienceOccupationCodes) {
    const p = one(w);
    if (p && (!best || p.value * 0.8 > best.value))
      best = { code: 'occupation_experience', value: p.value * 0.8 };
  }
  return best;
}

function normSkill(s: string): string {
  return s.trim().toLowerCase();
}

/** Words of a skill reduced to their synonym group (二保焊 and 氩弧焊 are both welding), two characters or more. */
function skillConcepts(skill: string): Set<string> {
  return new Set(
    indexWords(skill)
      .map(canonicalWord)
      .filter((w) => [...w].length >= 2),
  );
}

/**
 * The share of the posting's skills the seeker has: the same skill counts fully, a skill of the
 * same kind (after synonym canonicalisation) counts 60 %.
 */
export function skillsPart(s: SeekerProfile, p: PostingProfile): Part {
  if (p.skills.length === 0 || s.skills.length === 0) return null;
  const exact = new Set(s.skills.map(normSkill));
  const concepts = new Set(s.skills.flatMap((k) => [...skillConcepts(k)]));
  let sum = 0;
  const matched: string[] = [];
  for (const k of p.skills) {
    if (exact.has(normSkill(k))) {
      sum += 1;
      matched.push(k);
    } else if ([...skillConcepts(k)].some((c) => concepts.has(c))) {
      sum += 0.6;
      matched.push(k);
    }
  }
  return sum > 0 ? { code: 'skills', value: sum / p.skills.length, detail: matched } : null;
}

/** The region codes containing a district: itself, its city, its province. */
export function regionAncestors(code: string): string[] {
  const out = [code];
  if (!code.endsWith('00')) out.push(`${code.slice(0, 4)}00`);
  if (!code.endsWith('0000')) out.push(`${code.slice(0, 2)}0000`);
  return out;
}

/** Does `region` (a province, city or county code) contain `code`? */
export function regionContains(region: string, code: string): boolean {
  if (region.endsWith('0000')) return code.startsWith(region.slice(0, 2));
  if (region.endsWith('00')) return code.startsWith(region.slice(0, 4));
  return region === code;
}

/**
 * Same district 1.0 > the city the seeker wants 0.85 > same city 0.7 > the province the seeker
 * wants 0.6 > a region the posting recruits from 0.5 > elsewhere: 0.3 if the seeker is willing to
 * relocate (or named no place), else nothing.
 */
export function locationPart(s: SeekerProfile, p: PostingProfile): Part {
  const d = p.districtCode;
  const city = d.slice(0, 4);
  const parts: Part[] = [];
  for (const w of s.desiredRegionCodes) {
    if (w === d) parts.push({ code: 'location_district', value: 1 });
    else if (w.endsWith('0000') && regionContains(w, d))
      parts.push({ code: 'location_province', value: 0.6 });
    else if (w.endsWith('00') && regionContains(w, d))
      parts.push({ code: 'location_city_wanted', value: 0.85 });
    else if (w.startsWith(city) && !w.endsWith('00')) parts.push({ code: 'location_city', value: 0.7 });
  }
  const cur = s.currentRegionCode;
  if (cur) {
    if (cur === d) parts.push({ code: 'location_district', value: 1 });
    else if (cur.startsWith(city) && !cur.endsWith('00')) parts.push({ code: 'location_city', value: 0.7 });
    if (p.targetRegionCodes.some((t) => regionContains(t, cur))) {
      parts.push({ code: 'location_recruits_from', value: 0.5 });
    }
  }
  if (s.willingToRelocate) parts.push({ code: 'location_relocate', value: 0.3 });
  else if (s.desiredRegionCodes.length === 0) parts.push({ code: 'location_any', value: 0.3 });
  let best: Part = null;
  for (const x of parts) if (x && (!best || x.value > best.value)) best = x;
  return best;
}

/** The posting's monthly maximum reaches the seeker's minimum 1.0, within 10 % 0.5; none given 0.5. */
export function salaryPart(s: SeekerProfile, p: PostingProfile): Part {
  if (s.expectedSalaryMinFen === null || s.expectedSalaryMinFen <= 0)
    return { code: 'salary_open', value: 0.5 };
  if (p.salaryMonthMaxFen >= s.expectedSalaryMinFen) return { code: 'salary_fit', value: 1 };
  if (p.salaryMonthMaxFen >= 0.9 * s.expectedSalaryMinFen) return { code: 'salary_near', value: 0.5 };
  return null;
}

/** Education rank at or above the requirement 1.0, one level below 0.4; no requirement 1.0. */
export function educationPart(s: SeekerProfile, p: PostingProfile): Part {
  if (p.requiredEducationRank === null) return { code: 'education_open', value: 1 };
  if (s.educationRank === null) return null;
  if (s.educationRank >= p.requiredEducationRank) return { code: 'education_fit', value: 1 };
  if (s.educationRank === p.requiredEducationRank - 1) return { code: 'education_near', value: 0.4 };
  return null;
}

/** Years at or above the requirement 1.0, else a share of 60 %; none required 1.0. */
export function experiencePart(s: SeekerProfile, p: PostingProfile): Part {
  if (p.experienceYears <= 0) return { code: 'experience_open', value: 1 };
  if (s.experienceYears >= p.experienceYears) return { code: 'experience_fit', value: 1 };
  if (s.experienceYears > 0)
    return { code: 'experience_near', value: (0.6 * s.experienceYears) / p.experienceYears };
  return null;
}

const DAY_MS = 86400_000;
/** Days between two instants as China calendar days (UTC+8): a score does not drift within a day. */
function calendarDays(from: Date, to: Date): number {
  const day = (d: Date) => Math.floor((d.getTime() + 8 * 3600_000) / DAY_MS);
  return Math.max(0, day(to) - day(from));
}

/** Published within 3 days 1.0, fading to nothing at 60 days: a month-old ad is often filled. */
export function freshnessPart(p: PostingProfile, now: Date): Part {
  if (!p.publishedAt) return null;
  const days = calendarDays(p.publishedAt, now);
  const value = days <= 3 ? 1 : Math.max(0, 1 - (days - 3) / 57);
  return value > 0 ? { code: 'freshness', value, detail: [String(Math.max(1, days))] } : null;
}

export function scoreMatch(s: SeekerProfile, p: PostingProfile, now: Date): MatchScore {
  const parts: [Factor, Part][] = [
    ['occupation', occupationPart(s, p.occupationCode)],
    ['skills', skillsPart(s, p)],
    ['location', locationPart(s, p)],
    ['salary', salaryPart(s, p)],
    ['education', educationPart(s, p)],
    ['experience', experiencePart(s, p)],
    ['freshness', freshnessPart(p, now)],
  ];
  let total = 0;
  const reasons: ScoredReason[] = [];
  for (const [factor, part] of parts) {
    if (!part || part.value <= 0) continue;
    const points = WEIGHTS[factor] * Math.min(1, part.value);
    total += points;
    const r: ScoredReason = { code: part.code, factor, weight: round1(points) };
    if (part.detail) r.detail = part.detail;
    reasons.push(r);
  }
  reasons.sort((a, b) => b.weight - a.weight || REASON_CODES.indexOf(a.code) - REASON_CODES.indexOf(b.code));
  return { score: round1(Math.min(100, total)), reasons };
}
