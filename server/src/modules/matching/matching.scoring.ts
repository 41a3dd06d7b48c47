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
const REASON_ORDER = Object.fromEntries(REASON_CODES.map((c, i) => [c, i])) as Record<ReasonCode, number>;

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

/** How many segments an occupation code has (6-18-02-04: 4), without splitting it. */
function levelOf(code: string): number {
  let n = 1;
  for (let i = code.indexOf('-'); i >= 0; i = code.indexOf('-', i + 1)) n++;
  return n;
}

const DASH = 45; // '-'

/**
 * How many leading segments two occupation codes share (6-18-02-04 vs 6-18-03-01: 2). Compares
 * characters in place: this runs for every (wish, posting) pair, thousands per request, and
 * splitting both codes each time was a tenth of a recommendation's CPU.
 */
export function commonSegments(a: string, b: string): number {
  let n = 0;
  let i = 0;
  for (;;) {
    let k = i;
    while (k < a.length && k < b.length && a.charCodeAt(k) === b.charCodeAt(k) && a.charCodeAt(k) !== DASH)
      k++;
    const endA = k === a.length || a.charCodeAt(k) === DASH;
    const endB = k === b.length || b.charCodeAt(k) === DASH;
    if (!endA || !endB) return n;
    n++;
    if (k === a.length || k === b.length) return n;
    i = k + 1;
  }
}

/**
 * Same occupation 1.0 > a group the seeker asked for as a whole > same minor group 0.7 > same
 * medium group 0.45 > same major group 0.2. Past jobs count at 80 %.
 */
function oneOccupation(wanted: string, code: string): Part {
  if (wanted === code) return { code: 'occupation_exact', value: 1 };
  // code.startsWith(`${wanted}-`) without building the string.
  if (code.length > wanted.length && code.charCodeAt(wanted.length) === DASH && code.startsWith(wanted)) {
    const level = levelOf(wanted);
    return { code: 'occupation_wanted_group', value: level === 3 ? 0.9 : level === 2 ? 0.8 : 0.5 };
  }
  const k = commonSegments(wanted, code);
  if (k >= 3) return { code: 'occupation_minor', value: 0.7 };
  if (k === 2) return { code: 'occupation_medium', value: 0.45 };
  if (k === 1) return { code: 'occupation_major', value: 0.2 };
  return null;
}

export function occupationPart(s: SeekerProfile, code: string): Part {
  let best: Part = null;
  for (const w of s.desiredOccupationCodes) {
    const p = oneOccupation(w, code);
    if (p && (!best || p.value > best.value)) best = p;
  }
  for (const w of s.experienceOccupationCodes) {
    const p = oneOccupation(w, code);
    if (p && (!best || p.value * 0.8 > best.value))
      best = { code: 'occupation_experience', value: p.value * 0.8 };
  }
  return best;
}

function normSkill(s: string): string {
  return s.trim().toLowerCase();
}

/** A skill's normalised form and its concepts: words reduced to their synonym group. */
type SkillInfo = { norm: string; concepts: readonly string[] };

/**
 * Skill → its normalised form and concepts, remembered: segmenting with jieba was the costliest
 * step of scoring, and skills repeat (a few thousand distinct ones across a province's ads and
 * résumés). The dictionary is fixed at build time, so an entry never goes stale; the map is
 * bounded and simply emptied when full (user-typed skills are unbounded).
 */
const skillCache = new Map<string, SkillInfo>();
const SKILL_CACHE_MAX = 50_000;

/** Words of a skill reduced to their synonym group (二保焊 and 氩弧焊 are both welding), two characters or more. */
function skillInfo(skill: string): SkillInfo {
  let x = skillCache.get(skill);
  if (x === undefined) {
    const concepts = new Set(
      indexWords(skill)
        .map(canonicalWord)
        .filter((w) => [...w].length >= 2),
    );
    x = { norm: normSkill(skill), concepts: [...concepts] };
    if (skillCache.size >= SKILL_CACHE_MAX) skillCache.clear();
    skillCache.set(skill, x);
  }
  return x;
}

/** Do two short lists of concepts share one? */
function shareConcept(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

/**
 * The share of the posting's skills the seeker has: the same skill counts fully, a skill of the
 * same kind (after synonym canonicalisation) counts 60 %. Both lists are short (a handful of
 * skills each): comparing them pairwise through the remembered skillInfo allocates nothing, which
 * matters more than lookup sets for a thousand pairs per request.
 */
export function skillsPart(s: SeekerProfile, p: PostingProfile): Part {
  if (p.skills.length === 0 || s.skills.length === 0) return null;
  let sum = 0;
  let matched: string[] | null = null;
  for (const k of p.skills) {
    const want = skillInfo(k);
    let w = 0;
    for (const h of s.skills) {
      const has = skillInfo(h);
      if (has.norm === want.norm) {
        w = 1;
        break;
      }
      if (w === 0 && shareConcept(has.concepts, want.concepts)) w = 0.6;
    }
    if (w > 0) {
      sum += w;
      (matched ??= []).push(k);
    }
  }
  return matched ? { code: 'skills', value: sum / p.skills.length, detail: matched } : null;
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

/** Adds a factor's reason (if it scores) and returns its points. */
function addPart(reasons: ScoredReason[], factor: Factor, part: Part): number {
  if (!part || part.value <= 0) return 0;
  const points = WEIGHTS[factor] * Math.min(1, part.value);
  const r: ScoredReason = { code: part.code, factor, weight: round1(points) };
  if (part.detail) r.detail = part.detail;
  reasons.push(r);
  return points;
}

export function scoreMatch(s: SeekerProfile, p: PostingProfile, now: Date): MatchScore {
  // Factor by factor in WEIGHTS order, without intermediate arrays: this runs for every pair.
  const reasons: ScoredReason[] = [];
  let total = addPart(reasons, 'occupation', occupationPart(s, p.occupationCode));
  total += addPart(reasons, 'skills', skillsPart(s, p));
  total += addPart(reasons, 'location', locationPart(s, p));
  total += addPart(reasons, 'salary', salaryPart(s, p));
  total += addPart(reasons, 'education', educationPart(s, p));
  total += addPart(reasons, 'experience', experiencePart(s, p));
  total += addPart(reasons, 'freshness', freshnessPart(p, now));
  reasons.sort((a, b) => b.weight - a.weight || REASON_ORDER[a.code] - REASON_ORDER[b.code]);
  return { score: round1(Math.min(100, total)), reasons };
}
