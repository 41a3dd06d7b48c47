import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COLLEGE_WEIGHTS,
  scoreCollegePair,
  timingGapDays,
  type CohortOffer,
  type DemandNeed,
} from './colleges.matcher.js';

const cohort: CohortOffer = {
  occupationCodes: ['6-18-02-04'],
  availableCount: 60,
  graduationDate: '2027-06-30',
  districtCode: '440802',
};
const demand: DemandNeed = {
  kind: 'internship',
  occupationCodes: ['6-18-02-04'],
  openCount: 40,
  startsOn: '2027-03-01',
  endsOn: '2027-06-30',
  districtCode: '440811',
};

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

const codeArb = fc
  .tuple(
    fc.integer({ min: 5, max: 6 }),
    fc.integer({ min: 17, max: 19 }),
    fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 1, max: 4 }),
  )
  .map(([a, b, c, d]) => `${a}-${b}-${String(c).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const district = fc.constantFrom('440802', '440803', '440811', '440825', '440881', '110101');
const cohortArb = fc.record({
  occupationCodes: fc.array(codeArb, { minLength: 1, maxLength: 3 }),
  availableCount: fc.integer({ min: 0, max: 300 }),
  graduationDate: fc.integer({ min: 0, max: 900 }).map((n) => addDays('2026-06-30', n)),
  districtCode: district,
});
const demandArb = fc
  .record({
    kind: fc.constantFrom('internship' as const, 'order_training' as const),
    occupationCodes: fc.array(codeArb, { minLength: 1, maxLength: 3 }),
    openCount: fc.integer({ min: 0, max: 300 }),
    start: fc.integer({ min: 0, max: 900 }),
    length: fc.integer({ min: 0, max: 400 }),
    districtCode: district,
  })
  .map((d): DemandNeed => ({
    kind: d.kind,
    occupationCodes: d.occupationCodes,
    openCount: d.openCount,
    startsOn: addDays('2026-06-30', d.start),
    endsOn: addDays('2026-06-30', d.start + d.length),
    districtCode: d.districtCode,
  }));

describe('college–enterprise scoring', () => {
  it('pairs 60 welding students with an internship for welders, with reasons', () => {
    const r = scoreCollegePair(cohort, demand);
    expect(r?.reasons.map((x) => x.code)).toEqual([
      'occupation_exact',
      'timing',
      'count_coverage',
      'distance',
    ]);
    expect(r?.score).toBe(45 + 20 + 20 + 12);
    expect(r?.reasons[1]?.label['zh-CN']).toBe('实习时间在毕业前一年内');
  });

  it('times internships in the final year and order training around graduation', () => {
    expect(timingGapDays('internship', '2027-06-30', '2026-09-01', '2027-01-01')).toBe(0);
    expect(timingGapDays('internship', '2027-06-30', '2027-07-30', '2027-09-01')).toBe(30);
    expect(timingGapDays('internship', '2027-06-30', '2026-05-01', '2026-09-01')).toBe(60);
    expect(timingGapDays('order_training', '2027-06-30', '2026-09-01', '2027-06-01')).toBe(0);
    expect(timingGapDays('order_training', '2027-06-30', '2027-08-01', '2028-06-01')).toBe(32);
    expect(timingGapDays('order_training', '2027-06-30', '2026-01-01', '2026-12-31')).toBe(91);
  });

  it('does not pair other occupation groups or empty sides', () => {
    expect(scoreCollegePair({ ...cohort, occupationCodes: ['4-03-02-01'] }, demand)).toBeNull();
    expect(scoreCollegePair({ ...cohort, availableCount: 0 }, demand)).toBeNull();
    expect(scoreCollegePair(cohort, { ...demand, openCount: 0 })).toBeNull();
  });

  it('property: the score is the sum of its reasons, 0–100, each labelled in both languages', () => {
    fc.assert(
      fc.property(cohortArb, demandArb, (c, d) => {
        const r = scoreCollegePair(c, d);
        if (!r) return;
        const max =
          COLLEGE_WEIGHTS.occupation +
          COLLEGE_WEIGHTS.timing +
          COLLEGE_WEIGHTS.count +
          COLLEGE_WEIGHTS.distance;
        expect(r.score).toBe(r.reasons.reduce((s, x) => s + x.points, 0));
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(max);
        for (const x of r.reasons) expect(x.label['zh-CN'] && x.label['en-US']).toBeTruthy();
      }),
    );
  });

  it('property: more students available never lower the score; a pair exists iff an occupation group is shared', () => {
    fc.assert(
      fc.property(cohortArb, demandArb, fc.integer({ min: 1, max: 100 }), (c, d, extra) => {
        const r = scoreCollegePair(c, d);
        if (r) {
          const more = scoreCollegePair({ ...c, availableCount: c.availableCount + extra }, d);
          expect(more?.score ?? -1).toBeGreaterThanOrEqual(r.score);
        }
        const shared = c.occupationCodes.some((a) =>
          d.occupationCodes.some(
            (b) => a.split('-').slice(0, 2).join('-') === b.split('-').slice(0, 2).join('-'),
          ),
        );
        if (c.availableCount > 0 && d.openCount > 0) expect(r !== null).toBe(shared);
      }),
    );
  });
});
