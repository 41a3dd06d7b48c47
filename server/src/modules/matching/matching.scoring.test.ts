import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  WEIGHTS,
  commonSegments,
  educationPart,
  experiencePart,
  freshnessPart,
  locationPart,
  occupationPart,
  salaryPart,
  scoreMatch,
  skillsPart,
  type PostingProfile,
  type SeekerProfile,
} from './matching.scoring.js';

const NOW = new Date('2026-11-27T02:00:00Z');
const DAY = 86400_000;

const seeker = (o: Partial<SeekerProfile> = {}): SeekerProfile => ({
  desiredOccupationCodes: ['6-18-02-04'],
  experienceOccupationCodes: [],
  skills: ['二保焊'],
  desiredRegionCodes: ['440803'],
  currentRegionCode: '440803',
  willingToRelocate: false,
  expectedSalaryMinFen: 700_000,
  educationRank: 2,
  experienceYears: 3,
  ...o,
});

const posting = (o: Partial<PostingProfile> = {}): PostingProfile => ({
  occupationCode: '6-18-02-04',
  districtCode: '440803',
  targetRegionCodes: [],
  salaryMonthMaxFen: 900_000,
  requiredEducationRank: null,
  experienceYears: 0,
  skills: ['二保焊'],
  publishedAt: new Date(NOW.getTime() - DAY),
  ...o,
});

describe('occupation', () => {
  it.each([
    ['same occupation', ['6-18-02-04'], '6-18-02-04', 'occupation_exact', 1],
    ['a wanted minor group holding it', ['6-18-02'], '6-18-02-04', 'occupation_wanted_group', 0.9],
    ['a wanted medium group holding it', ['6-18'], '6-18-02-04', 'occupation_wanted_group', 0.8],
    ['a wanted major group holding it', ['6'], '6-18-02-04', 'occupation_wanted_group', 0.5],
    ['same minor group (铸造工 vs 焊工)', ['6-18-02-01'], '6-18-02-04', 'occupation_minor', 0.7],
    ['same medium group (钣金工 vs 焊工)', ['6-18-03-01'], '6-18-02-04', 'occupation_medium', 0.45],
    ['same major group (船体制造工 vs 焊工)', ['6-23-02-01'], '6-18-02-04', 'occupation_major', 0.2],
    ['the best of several wishes', ['4-03-02-01', '6-18-02-01'], '6-18-02-04', 'occupation_minor', 0.7],
  ])('%s', (_n, wanted, code, reason, value) => {
    expect(occupationPart(seeker({ desiredOccupationCodes: wanted }), code)).toEqual({ code: reason, value });
  });

  it('ranks same occupation > same minor > same medium > same major > unrelated', () => {
    const v = (c: string) =>
      occupationPart(seeker({ desiredOccupationCodes: [c] }), '6-18-02-04')?.value ?? 0;
    const order = ['6-18-02-04', '6-18-02-01', '6-18-03-01', '6-23-02-01', '4-03-02-01'].map(v);
    expect([...order].sort((a, b) => b - a)).toEqual(order);
    expect(order[4]).toBe(0);
  });

  it('counts past jobs at 80 % when no wish matches better', () => {
    expect(
      occupationPart(
        seeker({ desiredOccupationCodes: ['4-03-02-01'], experienceOccupationCodes: ['6-18-02-04'] }),
        '6-18-02-04',
      ),
    ).toEqual({ code: 'occupation_experience', value: 0.8 });
  });
  it('compares codes segment by segment, as splitting them at the dashes would', () => {
    const bySplit = (a: string, b: string) => {
      const x = a.split('-');
      const y = b.split('-');
      let n = 0;
      while (n < x.length && n < y.length && x[n] === y[n]) n++;
      return n;
    };
    const code = fc
      .array(fc.constantFrom('', '1', '6', '18', '02', '04', '-', '6-18', '6-1'), { maxLength: 6 })
      .map((parts) => parts.join('-'));
    fc.assert(
      fc.property(code, code, (a, b) => {
        expect(commonSegments(a, b)).toBe(bySplit(a, b));
      }),
      { numRuns: 2000 },
    );
    expect(commonSegments('6-18-02-04', '6-18-03-01')).toBe(2);
    expect(commonSegments('6-18-02-04', '6-18-02-04')).toBe(4);
    expect(commonSegments('6-18', '6-1')).toBe(1);
  });
});

describe('skills', () => {
  it.each([
    ['the same skill', ['二保焊'], ['二保焊'], 1],
    ['case and spaces do not matter', ['  PLC '], ['plc'], 1],
    ['a synonym counts 60 % (氩弧焊 ~ 二保焊: both welding)', ['二保焊'], ['氩弧焊'], 0.6],
    ['half of the required skills', ['二保焊'], ['二保焊', '看图纸'], 0.5],
  ])('%s', (_n, has, wants, value) => {
    expect(skillsPart(seeker({ skills: has }), posting({ skills: wants }))?.value).toBeCloseTo(value);
  });

  it('gives nothing for unrelated skills or an ad without skills', () => {
    expect(skillsPart(seeker({ skills: ['低压电工证'] }), posting({ skills: ['焊工证'] }))).toBeNull();
    expect(skillsPart(seeker(), posting({ skills: [] }))).toBeNull();
  });

  it('gives the same answer however often a skill is scored (each skill segmented once, remembered)', () => {
    const s = seeker({ skills: ['二保焊', 'PLC'] });
    const p = posting({ skills: ['氩弧焊', ' plc', '看图纸'] });
    const first = skillsPart(s, p);
    expect(first).toEqual({ code: 'skills', value: (0.6 + 1) / 3, detail: ['氩弧焊', ' plc'] });
    for (let i = 0; i < 3; i++) expect(skillsPart(s, p)).toEqual(first);
    // A different seeker against the same posting: nothing carried over from the first.
    expect(skillsPart(seeker({ skills: ['看图纸'] }), p)).toEqual({
      code: 'skills',
      value: 1 / 3,
      detail: ['看图纸'],
    });
  });
});

describe('location', () => {
  it.each([
    ['the wanted district', { desiredRegionCodes: ['440803'] }, {}, 'location_district', 1],
    [
      'lives in the district',
      { desiredRegionCodes: [], currentRegionCode: '440803' },
      {},
      'location_district',
      1,
    ],
    [
      'the wanted city',
      { desiredRegionCodes: ['440800'], currentRegionCode: null },
      {},
      'location_city_wanted',
      0.85,
    ],
    [
      'another district of the same city',
      { desiredRegionCodes: ['440811'], currentRegionCode: null },
      {},
      'location_city',
      0.7,
    ],
    [
      'the wanted province',
      { desiredRegionCodes: ['440000'], currentRegionCode: null },
      {},
      'location_province',
      0.6,
    ],
    [
      'the posting recruits from the seeker’s city (Liuzhou)',
      { desiredRegionCodes: ['450203'], currentRegionCode: '450203' },
      { targetRegionCodes: ['450200'] },
      'location_recruits_from',
      0.5,
    ],
    [
      'elsewhere, willing to relocate',
      { desiredRegionCodes: ['450203'], currentRegionCode: '450203', willingToRelocate: true },
      {},
      'location_relocate',
      0.3,
    ],
    [
      'no place named: anywhere',
      { desiredRegionCodes: [], currentRegionCode: null },
      {},
      'location_any',
      0.3,
    ],
  ])('%s', (_n, s: Partial<SeekerProfile>, p: Partial<PostingProfile>, code, value) => {
    expect(locationPart(seeker(s), posting(p))).toEqual({ code, value });
  });

  it('gives nothing elsewhere without willingness to move', () => {
    expect(
      locationPart(seeker({ desiredRegionCodes: ['450203'], currentRegionCode: '450203' }), posting()),
    ).toBeNull();
  });
});

describe('salary, education, experience, freshness', () => {
  it.each([
    [700_000, 900_000, 'salary_fit', 1],
    [900_000, 900_000, 'salary_fit', 1],
    [950_000, 900_000, 'salary_near', 0.5],
    [null, 900_000, 'salary_open', 0.5],
  ])('expects %s, the posting pays up to %s: %s', (expected, max, code, value) => {
    expect(
      salaryPart(seeker({ expectedSalaryMinFen: expected }), posting({ salaryMonthMaxFen: max })),
    ).toEqual({ code, value });
  });
  it('pays well below expectations: nothing', () => {
    expect(salaryPart(seeker({ expectedSalaryMinFen: 1_200_000 }), posting())).toBeNull();
  });

  it.each([
    [2, null, 'education_open', 1],
    [5, 4, 'education_fit', 1],
    [4, 4, 'education_fit', 1],
    [3, 4, 'education_near', 0.4],
  ])('education rank %s, required %s', (has, req, code, value) => {
    expect(educationPart(seeker({ educationRank: has }), posting({ requiredEducationRank: req }))).toEqual({
      code,
      value,
    });
  });
  it('education two levels short or unknown: nothing', () => {
    expect(educationPart(seeker({ educationRank: 2 }), posting({ requiredEducationRank: 4 }))).toBeNull();
    expect(educationPart(seeker({ educationRank: null }), posting({ requiredEducationRank: 4 }))).toBeNull();
  });

  it.each([
    [0, 0, 'experience_open', 1],
    [5, 3, 'experience_fit', 1],
    [1, 2, 'experience_near', 0.3],
  ])('%s years, %s required', (has, req, code, value) => {
    expect(experiencePart(seeker({ experienceYears: has }), posting({ experienceYears: req }))).toEqual({
      code,
      value,
    });
  });

  it.each([
    [1, 1],
    [3, 1],
    [31, 0.509],
    [32, 0.491],
    [60, 0],
    [90, 0],
  ])('published %s calendar days ago: %s', (days, value) => {
    const part = freshnessPart(posting({ publishedAt: new Date(NOW.getTime() - days * DAY) }), NOW);
    expect(part?.value ?? 0).toBeCloseTo(value);
  });
});

describe('the score', () => {
  it('adds up to 100 for a perfect match and explains every point', () => {
    const m = scoreMatch(seeker(), posting(), NOW);
    expect(Object.values(WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
    expect(m.score).toBe(100);
    expect(m.reasons.reduce((a, r) => a + r.weight, 0)).toBeCloseTo(100);
    expect(m.reasons[0]).toMatchObject({ code: 'occupation_exact', weight: WEIGHTS.occupation });
    expect(m.reasons.map((r) => r.weight)).toEqual([...m.reasons.map((r) => r.weight)].sort((a, b) => b - a));
  });

  it('scores an unrelated posting elsewhere low', () => {
    const m = scoreMatch(
      seeker(),
      posting({
        occupationCode: '2-06-03-00',
        districtCode: '450203',
        skills: ['用友'],
        requiredEducationRank: 5,
      }),
      NOW,
    );
    expect(m.score).toBeLessThan(30);
    expect(m.reasons.map((r) => r.code)).not.toContain('occupation_exact');
  });

  it('is the same whichever direction it is asked from (pure, no hidden state)', () => {
    const a = scoreMatch(seeker({ skills: ['氩弧焊'] }), posting(), NOW);
    const b = scoreMatch(seeker({ skills: ['氩弧焊'] }), posting(), NOW);
    expect(a).toEqual(b);
  });
});
