import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { districtDistanceKm, ZHANJIANG_DISTRICTS } from './sharing.geo.js';
import {
  OPEN_ENDED_WINDOW_DAYS,
  WEIGHTS,
  occupationRelation,
  rankMatches,
  scoreSharing,
  type IdleOffer,
  type ShortageNeed,
} from './sharing.matcher.js';

const TODAY = '2027-03-01';
const need: ShortageNeed = {
  occupationCode: '6-25-04-01',
  districtCode: '440803',
  headcountOpen: 30,
  deadline: '2027-03-15',
  neededUntil: '2027-05-31',
};
const offer: IdleOffer = {
  occupationCodes: ['6-25-04-01'],
  districtCode: '440811',
  availableCount: 40,
  availableFrom: '2027-03-01',
  availableUntil: '2027-06-30',
};

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

const codeArb = fc
  .tuple(
    fc.integer({ min: 1, max: 8 }),
    fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 0, max: 3 }),
  )
  .map(
    ([a, b, c, d]) =>
      `${a}-${String(b).padStart(2, '0')}-${String(c).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  );
const districtArb = fc.constantFrom(...ZHANJIANG_DISTRICTS);
const needArb = fc
  .record({
    occupationCode: codeArb,
    districtCode: districtArb,
    headcountOpen: fc.integer({ min: 1, max: 500 }),
    deadlineIn: fc.integer({ min: 0, max: 60 }),
    untilAfter: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
  })
  .map((n): ShortageNeed => ({
    occupationCode: n.occupationCode,
    districtCode: n.districtCode,
    headcountOpen: n.headcountOpen,
    deadline: addDays(TODAY, n.deadlineIn),
    neededUntil: n.untilAfter === null ? null : addDays(TODAY, n.deadlineIn + n.untilAfter),
  }));
const offerArb = fc
  .record({
    occupationCodes: fc.array(codeArb, { minLength: 1, maxLength: 4 }),
    districtCode: districtArb,
    availableCount: fc.integer({ min: 0, max: 600 }),
    fromIn: fc.integer({ min: -30, max: 120 }),
    length: fc.integer({ min: 0, max: 200 }),
  })
  .map((o): IdleOffer => ({
    occupationCodes: o.occupationCodes,
    districtCode: o.districtCode,
    availableCount: o.availableCount,
    availableFrom: addDays(TODAY, o.fromIn),
    availableUntil: addDays(TODAY, o.fromIn + o.length),
  }));

describe('shared-employment scoring', () => {
  it('proposes B for A: same occupation, nearby, whole period, enough workers', () => {
    const r = scoreSharing(need, offer, TODAY);
    expect(r).not.toBeNull();
    expect(r?.reasons.map((x) => x.code)).toEqual([
      'occupation_exact',
      'distance',
      'period_overlap',
      'period_before_deadline',
      'count_coverage',
    ]);
    expect(r?.score).toBe(40 + 16 + 25 + 15);
    expect(r?.suggested).toEqual({ workerCount: 30, startsOn: '2027-03-01', endsOn: '2027-05-31' });
    expect(r?.reasons[0]?.label['zh-CN']).toContain('工种一致');
    expect(r?.reasons[0]?.label['en-US']).toContain('Same occupation');
  });

  it('ranks the occupation levels exact > minor > medium and drops other groups', () => {
    const at = (codes: string[]) =>
      scoreSharing(need, { ...offer, occupationCodes: codes }, TODAY)?.score ?? null;
    const exact = at(['6-25-04-01']);
    const minor = at(['6-25-04-02']);
    const medium = at(['6-25-01-01']);
    expect(exact).toBeGreaterThan(minor ?? 0);
    expect(minor).toBeGreaterThan(medium ?? 0);
    expect(at(['6-18-02-04'])).toBeNull();
    expect(at(['4-02-05-01'])).toBeNull();
  });

  it('drops offers without a day in common or without workers', () => {
    expect(
      scoreSharing(need, { ...offer, availableFrom: '2027-06-01', availableUntil: '2027-07-01' }, TODAY),
    ).toBeNull();
    expect(scoreSharing(need, { ...offer, availableCount: 0 }, TODAY)).toBeNull();
    expect(scoreSharing({ ...need, headcountOpen: 0 }, offer, TODAY)).toBeNull();
  });

  it('knows Zhanjiang’s district distances, symmetric, zero for the same district', () => {
    for (const a of ZHANJIANG_DISTRICTS)
      for (const b of ZHANJIANG_DISTRICTS) {
        const d = districtDistanceKm(a, b);
        expect(d).not.toBeNull();
        expect(d).toBe(districtDistanceKm(b, a));
        expect(d === 0).toBe(a === b);
      }
    expect(districtDistanceKm('440803', '621200')).toBeNull();
  });

  it('property: a score is the sum of its reasons, within 0–100, with a label in both languages', () => {
    fc.assert(
      fc.property(needArb, offerArb, (n, o) => {
        const r = scoreSharing(n, o, TODAY);
        if (!r) return;
        expect(r.score).toBe(r.reasons.reduce((s, x) => s + x.points, 0));
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(
          WEIGHTS.occupation + WEIGHTS.distance + WEIGHTS.period + WEIGHTS.count,
        );
        for (const x of r.reasons) {
          expect(x.label['zh-CN'].length).toBeGreaterThan(0);
          expect(x.label['en-US'].length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('property: the suggestion never lends more than available or needed, within both periods', () => {
    fc.assert(
      fc.property(needArb, offerArb, (n, o) => {
        const r = scoreSharing(n, o, TODAY);
        if (!r) return;
        expect(r.suggested.workerCount).toBe(Math.min(n.headcountOpen, o.availableCount));
        expect(r.suggested.workerCount).toBeGreaterThan(0);
        expect(r.suggested.startsOn >= o.availableFrom && r.suggested.startsOn >= TODAY).toBe(true);
        expect(r.suggested.endsOn <= o.availableUntil).toBe(true);
        const windowEnd =
          n.neededUntil ?? addDays(n.deadline > TODAY ? n.deadline : TODAY, OPEN_ENDED_WINDOW_DAYS);
        expect(r.suggested.endsOn <= windowEnd).toBe(true);
        expect(r.suggested.startsOn <= r.suggested.endsOn).toBe(true);
        expect(r.overlapDays).toBeGreaterThan(0);
      }),
    );
  });

  it('property: more workers, a longer overlap or a nearer district never lower the score', () => {
    fc.assert(
      fc.property(needArb, offerArb, fc.integer({ min: 1, max: 100 }), (n, o, extra) => {
        const before = scoreSharing(n, o, TODAY);
        if (!before) return;
        const more = scoreSharing(n, { ...o, availableCount: o.availableCount + extra }, TODAY);
        expect(more?.score ?? -1).toBeGreaterThanOrEqual(before.score);
        const longer = scoreSharing(n, { ...o, availableUntil: addDays(o.availableUntil, extra) }, TODAY);
        expect(longer?.score ?? -1).toBeGreaterThanOrEqual(before.score);
        const same = scoreSharing(n, { ...o, districtCode: n.districtCode }, TODAY);
        expect(same?.score ?? -1).toBeGreaterThanOrEqual(before.score);
      }),
    );
  });

  it('property: occupation relation is symmetric and exact only for equal codes', () => {
    fc.assert(
      fc.property(codeArb, codeArb, (a, b) => {
        expect(occupationRelation(a, b)).toBe(occupationRelation(b, a));
        expect(occupationRelation(a, b) === 'exact').toBe(a === b);
      }),
    );
  });

  it('property: the ranking is a deterministic total order, best score first', () => {
    fc.assert(
      fc.property(needArb, fc.array(offerArb, { maxLength: 12 }), (n, offers) => {
        const items = offers.flatMap((o, i) => {
          const result = scoreSharing(n, o, TODAY);
          return result ? [{ key: `k${i}`, result }] : [];
        });
        const a = rankMatches(items);
        const b = rankMatches([...items].reverse());
        expect(a.map((x) => x.key)).toEqual(b.map((x) => x.key));
        for (let i = 1; i < a.length; i++)
          expect((a[i - 1]?.result.score ?? 0) >= (a[i]?.result.score ?? 0)).toBe(true);
      }),
    );
  });
});
