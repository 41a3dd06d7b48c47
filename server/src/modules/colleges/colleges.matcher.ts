import type { DemandKind, Locale } from '@jiuye/shared';
import { districtDistanceKm, occupationRelation } from '../sharing/index.js';

/**
 * School–enterprise matching (校企对接): how well a graduate cohort answers an enterprise's
 * internship or order-training demand. Pure: the same inputs give the same score and reasons.
 *
 *   occupation  45  exact 45, same minor group 34, same medium group 20; otherwise no pair
 *   timing      20  internship: starting within the final year before graduation (顶岗实习);
 *                   order training (订单培养): graduation within the training period or the
 *                   90 days after it. Outside, the points fall to 0 over 180 days.
 *   count       20  share of the demand's open places the cohort's available students cover
 *   distance    15  same district 15, ≤ 20 km 12, ≤ 50 km 8, ≤ 100 km 5, farther 2; 0 outside the city
 *
 * Students' personal data are not inputs: a cohort is a major, occupations, a count and a date.
 */

export const COLLEGE_WEIGHTS = { occupation: 45, timing: 20, count: 20, distance: 15 } as const;
const DECAY_DAYS = 180;
const DAY_MS = 86_400_000;

export type CohortOffer = {
  occupationCodes: readonly string[];
  availableCount: number;
  graduationDate: string;
  districtCode: string;
};

export type DemandNeed = {
  kind: DemandKind;
  occupationCodes: readonly string[];
  openCount: number;
  startsOn: string;
  endsOn: string;
  districtCode: string;
};

type Bilingual = Record<Locale, string>;
export type CollegeReasonCode =
  | 'occupation_exact'
  | 'occupation_minor'
  | 'occupation_medium'
  | 'timing'
  | 'count_coverage'
  | 'distance_same_district'
  | 'distance';
export type CollegeReason = { code: CollegeReasonCode; points: number; label: Bilingual };
export type CollegeScore = { score: number; reasons: CollegeReason[]; gapDays: number };

export type CollegeNames = { occupation?: (code: string) => Bilingual | undefined };

function day(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

const OCC = { exact: 45, minor: 34, medium: 20 } as const;
const RANK = { exact: 3, minor: 2, medium: 1 } as const;

/** Days between the demand and the ideal timing for this kind (0 = ideal). */
export function timingGapDays(
  kind: DemandKind,
  graduationDate: string,
  startsOn: string,
  endsOn: string,
): number {
  const g = day(graduationDate);
  const s = day(startsOn);
  const e = day(endsOn);
  if (kind === 'internship') {
    // Ideal: the internship starts in the final year, before graduation.
    if (s > g) return s - g;
    if (s < g - 365) return g - 365 - s;
    return 0;
  }
  // Order training: the class graduates during the training or within 90 days after it.
  if (g < s) return s - g;
  if (g > e + 90) return g - (e + 90);
  return 0;
}

function distancePoints(km: number | null): number {
  if (km === null) return 0;
  if (km === 0) return 15;
  if (km <= 20) return 12;
  if (km <= 50) return 8;
  if (km <= 100) return 5;
  return 2;
}

/** Scores a cohort for a demand, or null when they cannot pair (no occupation in common, nothing left). */
export function scoreCollegePair(
  c: CohortOffer,
  d: DemandNeed,
  names: CollegeNames = {},
): CollegeScore | null {
  if (c.availableCount <= 0 || d.openCount <= 0) return null;
  let best: { level: keyof typeof OCC; code: string } | null = null;
  for (const a of c.occupationCodes) {
    for (const b of d.occupationCodes) {
      const level = occupationRelation(b, a);
      if (level && (!best || RANK[level] > RANK[best.level])) best = { level, code: b };
    }
  }
  if (!best) return null;
  const name = names.occupation?.(best.code) ?? { 'zh-CN': best.code, 'en-US': best.code };
  const reasons: CollegeReason[] = [];
  const occLabels: Record<keyof typeof OCC, Bilingual> = {
    exact: { 'zh-CN': `专业对口：${name['zh-CN']}`, 'en-US': `Trained for the occupation: ${name['en-US']}` },
    minor: {
      'zh-CN': `专业相近（同一小类）：${name['zh-CN']}`,
      'en-US': `Closely related training (same minor group): ${name['en-US']}`,
    },
    medium: {
      'zh-CN': `专业同类（同一中类）：${name['zh-CN']}`,
      'en-US': `Related training (same medium group): ${name['en-US']}`,
    },
  };
  reasons.push({ code: `occupation_${best.level}`, points: OCC[best.level], label: occLabels[best.level] });

  const gap = timingGapDays(d.kind, c.graduationDate, d.startsOn, d.endsOn);
  const tPoints = Math.round(COLLEGE_WEIGHTS.timing * Math.max(0, 1 - gap / DECAY_DAYS));
  reasons.push({
    code: 'timing',
    points: tPoints,
    label:
      gap === 0
        ? d.kind === 'internship'
          ? {
              'zh-CN': '实习时间在毕业前一年内',
              'en-US': 'The internship falls in the final year before graduation',
            }
          : { 'zh-CN': '毕业时间与订单培养期衔接', 'en-US': 'Graduation fits the order-training period' }
        : { 'zh-CN': `时间相差约${gap}天`, 'en-US': `The timing is about ${gap} days off` },
  });

  const n = Math.min(c.availableCount, d.openCount);
  const cPoints = Math.round(COLLEGE_WEIGHTS.count * (n / d.openCount));
  reasons.push({
    code: 'count_coverage',
    points: cPoints,
    label: { 'zh-CN': `可对接${n}人，需求${d.openCount}人`, 'en-US': `${n} of the ${d.openCount} places` },
  });

  const km = districtDistanceKm(c.districtCode, d.districtCode);
  const dPoints = distancePoints(km);
  if (km === 0) {
    reasons.push({
      code: 'distance_same_district',
      points: dPoints,
      label: { 'zh-CN': '学校与企业在同一区县', 'en-US': 'College and enterprise in the same district' },
    });
  } else if (km !== null) {
    reasons.push({
      code: 'distance',
      points: dPoints,
      label: { 'zh-CN': `相距约${km}公里`, 'en-US': `About ${km} km apart` },
    });
  }
  return { score: OCC[best.level] + tPoints + cPoints + dPoints, reasons, gapDays: gap };
}
