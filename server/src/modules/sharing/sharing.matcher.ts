import type { Locale } from '@jiuye/shared';
import { districtDistanceKm } from './sharing.geo.js';

/**
 * Shared-employment matching (共享用工): how well an idle-workforce declaration answers a shortage.
 * A pure function: the same inputs always give the same score and reasons.
 *
 *   occupation  40  exact 40, same minor group 30, same medium group 18; otherwise no proposal
 *   distance    20  same district 20, ≤ 20 km 16, ≤ 50 km 11, ≤ 100 km 6, farther 2
 *   period      25  share of the shortage's need window the idle period covers; no overlap, no proposal
 *   count       15  share of the open headcount the available workers cover
 *
 * The need window runs from today to the shortage's neededUntil, or for an open-ended shortage
 * to 90 days after its deadline (lent workers bridge a gap; they are not a permanent hire).
 * Every point is a reason with a label in zh-CN and en-US. Protected attributes of workers are
 * not inputs: a declaration is a count, occupations and a period.
 */

export const WEIGHTS = { occupation: 40, distance: 20, period: 25, count: 15 } as const;
export const OPEN_ENDED_WINDOW_DAYS = 90;

const DAY_MS = 86_400_000;

export type ShortageNeed = {
  occupationCode: string;
  districtCode: string;
  headcountOpen: number;
  deadline: string;
  neededUntil: string | null;
};

export type IdleOffer = {
  occupationCodes: readonly string[];
  districtCode: string;
  availableCount: number;
  availableFrom: string;
  availableUntil: string;
};

export type Bilingual = Record<Locale, string>;
export type ReasonCode =
  | 'occupation_exact'
  | 'occupation_minor'
  | 'occupation_medium'
  | 'distance_same_district'
  | 'distance'
  | 'period_overlap'
  | 'period_before_deadline'
  | 'count_coverage';

export type MatchReason = { code: ReasonCode; points: number; label: Bilingual };

export type SharingScore = {
  score: number;
  reasons: MatchReason[];
  occupationLevel: 'exact' | 'minor' | 'medium';
  distanceKm: number | null;
  overlapDays: number;
  suggested: { workerCount: number; startsOn: string; endsOn: string };
};

/** Names for labels; a code stands in for a name it does not know. */
export type Names = {
  occupation?: (code: string) => Bilingual | undefined;
  district?: (code: string) => Bilingual | undefined;
};

function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** How close two GB/T 6565 codes are: equal, or the depth of their common prefix. */
export function occupationRelation(a: string, b: string): 'exact' | 'minor' | 'medium' | null {
  if (a === b) return 'exact';
  const pa = a.split('-');
  const pb = b.split('-');
  let common = 0;
  while (common < pa.length && common < pb.length && pa[common] === pb[common]) common++;
  if (common >= 3) return 'minor';
  if (common === 2) return 'medium';
  return null;
}

const OCC_POINTS = { exact: 40, minor: 30, medium: 18 } as const;
const OCC_RANK = { exact: 3, minor: 2, medium: 1 } as const;

function distancePoints(km: number | null): number {
  if (km === null) return 0;
  if (km === 0) return 20;
  if (km <= 20) return 16;
  if (km <= 50) return 11;
  if (km <= 100) return 6;
  return 2;
}

/** The days a shortage needs workers, from today (inclusive day numbers). */
export function needWindow(need: ShortageNeed, today: string): { from: number; to: number } {
  const from = dayNumber(today);
  const to = need.neededUntil
    ? dayNumber(need.neededUntil)
    : Math.max(dayNumber(need.deadline), from) + OPEN_ENDED_WINDOW_DAYS;
  return { from, to: Math.max(from, to) };
}

/**
 * Scores one declaration for one shortage, or null when it cannot help: no occupation in common
 * (at least the medium group), no day in common, no worker available, nothing open.
 */
export function scoreSharing(
  need: ShortageNeed,
  offer: IdleOffer,
  today: string,
  names: Names = {},
): SharingScore | null {
  if (need.headcountOpen <= 0 || offer.availableCount <= 0) return null;

  let best: { level: 'exact' | 'minor' | 'medium'; code: string } | null = null;
  for (const code of offer.occupationCodes) {
    const level = occupationRelation(need.occupationCode, code);
    if (level && (!best || OCC_RANK[level] > OCC_RANK[best.level])) best = { level, code };
  }
  if (!best) return null;

  const window = needWindow(need, today);
  const from = Math.max(window.from, dayNumber(offer.availableFrom));
  const to = Math.min(window.to, dayNumber(offer.availableUntil));
  const overlapDays = to - from + 1;
  if (overlapDays <= 0) return null;
  const windowDays = window.to - window.from + 1;

  const km = districtDistanceKm(need.districtCode, offer.districtCode);
  const workerCount = Math.min(offer.availableCount, need.headcountOpen);

  const occName = names.occupation?.(best.code) ?? { 'zh-CN': best.code, 'en-US': best.code };
  const distName = names.district?.(offer.districtCode) ?? {
    'zh-CN': offer.districtCode,
    'en-US': offer.districtCode,
  };

  const reasons: MatchReason[] = [];
  const occLabel: Record<typeof best.level, Bilingual> = {
    exact: { 'zh-CN': `工种一致：${occName['zh-CN']}`, 'en-US': `Same occupation: ${occName['en-US']}` },
    minor: {
      'zh-CN': `相近工种（同一小类）：${occName['zh-CN']}`,
      'en-US': `Closely related occupation (same minor group): ${occName['en-US']}`,
    },
    medium: {
      'zh-CN': `同类工种（同一中类）：${occName['zh-CN']}`,
      'en-US': `Related occupation (same medium group): ${occName['en-US']}`,
    },
  };
  reasons.push({
    code: `occupation_${best.level}`,
    points: OCC_POINTS[best.level],
    label: occLabel[best.level],
  });

  const dPoints = distancePoints(km);
  if (km === 0) {
    reasons.push({
      code: 'distance_same_district',
      points: dPoints,
      label: { 'zh-CN': `同在${distName['zh-CN']}`, 'en-US': `Same district: ${distName['en-US']}` },
    });
  } else if (km !== null) {
    reasons.push({
      code: 'distance',
      points: dPoints,
      label: {
        'zh-CN': `距离约${km}公里（${distName['zh-CN']}）`,
        'en-US': `About ${km} km away (${distName['en-US']})`,
      },
    });
  }

  const coverage = Math.min(1, overlapDays / windowDays);
  const pPoints = Math.round(WEIGHTS.period * coverage);
  reasons.push({
    code: 'period_overlap',
    points: pPoints,
    label: {
      'zh-CN': `可共享期间与用工期重叠${overlapDays}天`,
      'en-US': `Available for ${overlapDays} days of the period needed`,
    },
  });
  if (dayNumber(offer.availableFrom) <= dayNumber(need.deadline)) {
    reasons.push({
      code: 'period_before_deadline',
      points: 0,
      label: { 'zh-CN': '可在到岗期限前到岗', 'en-US': 'Available before the deadline' },
    });
  }

  const cPoints = Math.round(WEIGHTS.count * (workerCount / need.headcountOpen));
  reasons.push({
    code: 'count_coverage',
    points: cPoints,
    label: {
      'zh-CN': `可提供${workerCount}人，缺口${need.headcountOpen}人`,
      'en-US': `${workerCount} of the ${need.headcountOpen} workers needed`,
    },
  });

  return {
    score: OCC_POINTS[best.level] + dPoints + pPoints + cPoints,
    reasons,
    occupationLevel: best.level,
    distanceKm: km,
    overlapDays,
    suggested: { workerCount, startsOn: dateOf(from), endsOn: dateOf(to) },
  };
}

/** Ranks scored offers: best score first, then more workers, then nearer, then a stable key. */
export function rankMatches<T extends { key: string; result: SharingScore }>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) =>
      b.result.score - a.result.score ||
      b.result.suggested.workerCount - a.result.suggested.workerCount ||
      (a.result.distanceKm ?? 1e9) - (b.result.distanceKm ?? 1e9) ||
      a.key.localeCompare(b.key),
  );
}
