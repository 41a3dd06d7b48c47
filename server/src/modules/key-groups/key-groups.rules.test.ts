import { describe, expect, it } from 'vitest';
import type { KeyGroup } from '@jiuye/shared';
import { getFactDefinition } from '../policies/index.js';
import { addMonths, wholeMonths, wholeYears } from './key-groups.calendar.js';
import { classify, SEED_RULES, type RawPersonFacts } from './index.js';

const AS_OF = '2026-06-15';

function person(o: Partial<RawPersonFacts> = {}): RawPersonFacts {
  return {
    birthDate: '1990-01-01',
    gender: 'male',
    householdRegionCode: '440803',
    residenceDistrictCode: '440803',
    educationLevel: null,
    graduationDate: null,
    ruralHousehold: false,
    veteran: false,
    poorHousehold: false,
    disability: false,
    registeredUnemployedOn: '2026-05-01',
    unemployedSince: '2026-04-30',
    employed: false,
    ...o,
  };
}

function rule(group: KeyGroup) {
  const r = SEED_RULES.find((x) => x.group === group);
  if (!r) throw new Error(group);
  return { rule: r.rule, validityMonths: r.validityMonths, effectiveTo: null };
}

function member(group: KeyGroup, raw: RawPersonFacts, asOf = AS_OF): boolean {
  return classify(rule(group), raw, asOf, getFactDefinition).member;
}

/** Born so that `years` are completed exactly on `asOf` (the birthday is that day). */
function bornYearsBefore(years: number, asOf = AS_OF): string {
  return `${Number(asOf.slice(0, 4)) - years}${asOf.slice(4)}`;
}

describe('calendar', () => {
  it.each([
    ['2000-02-29', '2001-02-28', 0],
    ['2000-02-29', '2001-03-01', 1],
    ['1986-06-15', '2026-06-14', 39],
    ['1986-06-15', '2026-06-15', 40],
  ])('age from %s on %s is %i', (from, to, years) => {
    expect(wholeYears(from, to)).toBe(years);
  });
  it('counts months to the day, short months rolling over to the 1st', () => {
    expect(wholeMonths('2026-01-31', '2026-02-28')).toBe(0);
    expect(addMonths('2026-01-31', 1)).toBe('2026-03-01');
    expect(wholeMonths('2024-06-15', '2026-06-14')).toBe(23);
    expect(wholeMonths('2024-06-15', '2026-06-15')).toBe(24);
  });
});

describe('key-group rules (seeded, 2020 practice)', () => {
  // 4050: women from 40, men from 50, registered unemployed, up to retirement age.
  it.each([
    ['woman of 39 (the day before her 40th birthday)', 'female', '1986-06-16', true, false],
    ['woman of 40 (her birthday)', 'female', bornYearsBefore(40), true, true],
    ['woman of 40 not registered unemployed', 'female', bornYearsBefore(40), false, false],
    ['woman of 54', 'female', bornYearsBefore(54), true, true],
    ['woman of 55', 'female', bornYearsBefore(55), true, false],
    ['man of 49 (the day before his 50th birthday)', 'male', '1976-06-16', true, false],
    ['man of 50 (his birthday)', 'male', bornYearsBefore(50), true, true],
    ['man of 45', 'male', bornYearsBefore(45), true, false],
    ['man of 59', 'male', bornYearsBefore(59), true, true],
    ['man of 60', 'male', bornYearsBefore(60), true, false],
  ] as const)('4050: %s', (_label, gender, birthDate, registered, expected) => {
    const raw = person({
      gender,
      birthDate,
      registeredUnemployedOn: registered ? '2026-05-01' : null,
      unemployedSince: registered ? '2026-04-30' : null,
    });
    expect(member('middle_aged_4050', raw)).toBe(expected);
  });

  it.each([
    ['left school 2 years ago to the day', '2024-06-15', false, false],
    ['left school 2 years less a day ago', '2024-06-16', false, true],
    ['left school last month', '2026-05-15', false, true],
    ['left school last month but employed', '2026-05-15', true, false],
    ['no school leaving date', null, false, false],
  ] as const)('graduates: %s', (_label, graduationDate, employed, expected) => {
    const raw = person({ graduationDate, employed, registeredUnemployedOn: null, unemployedSince: null });
    expect(member('college_graduate', raw)).toBe(expected);
  });

  it('a graduate stays classified until the day before the second anniversary of leaving school', () => {
    const c = classify(
      rule('college_graduate'),
      person({ graduationDate: '2025-07-01' }),
      AS_OF,
      getFactDefinition,
    );
    expect(c).toMatchObject({ member: true, validUntil: '2027-06-30' });
    expect(c.evidence.map((e) => e.fact)).toEqual(['person.employed', 'person.monthsSinceLeavingSchool']);
  });

  it('a 4050 woman is valid until the day before she reaches retirement age, or 12 months', () => {
    const c = classify(
      rule('middle_aged_4050'),
      person({ gender: 'female', birthDate: '1972-01-10' }),
      AS_OF,
      getFactDefinition,
    );
    expect(c).toMatchObject({ member: true, validUntil: '2027-01-09' });
    const young = classify(
      rule('middle_aged_4050'),
      person({ gender: 'female', birthDate: '1980-01-10' }),
      AS_OF,
      getFactDefinition,
    );
    expect(young.validUntil).toBe('2027-06-14');
  });

  it.each([
    ['rural household living away from it', { ruralHousehold: true, householdRegionCode: '450221' }, true],
    ['rural household at home', { ruralHousehold: true, householdRegionCode: '440803' }, false],
    ['urban household away from it', { ruralHousehold: false, householdRegionCode: '450221' }, false],
    [
      'residence unknown',
      { ruralHousehold: true, householdRegionCode: '450221', residenceDistrictCode: null },
      false,
    ],
  ] as const)('migrant workers: %s', (_label, o, expected) => {
    expect(member('migrant_worker', person(o))).toBe(expected);
  });

  it('retired soldiers and poor households follow their evidence flags', () => {
    expect(member('retired_soldier', person({ veteran: true }))).toBe(true);
    expect(member('retired_soldier', person())).toBe(false);
    expect(member('poor_household', person({ poorHousehold: true, registeredUnemployedOn: null }))).toBe(
      true,
    );
    expect(member('poor_household', person())).toBe(false);
  });

  it.each([
    ['registered unemployed with a disability', { disability: true }, true],
    [
      'a disability but not registered unemployed',
      { disability: true, registeredUnemployedOn: null, unemployedSince: null },
      false,
    ],
    ['unemployed 11 months', { unemployedSince: '2025-06-16' }, false],
    ['unemployed 12 months (long-term)', { unemployedSince: '2025-06-15' }, true],
    ['from a poor household, registered', { poorHousehold: true }, true],
    ['a 4050 woman', { gender: 'female', birthDate: bornYearsBefore(40) }, true],
    ['a man of 36, unemployed 2 months', {}, false],
  ] as const)('employment difficulties: %s', (_label, o, expected) => {
    expect(member('employment_difficulty', person(o as Partial<RawPersonFacts>))).toBe(expected);
  });

  it('a long-term unemployed person is classified from the day the 12th month completes', () => {
    const raw = person({ unemployedSince: '2025-07-01' });
    expect(member('employment_difficulty', raw, '2026-06-30')).toBe(false);
    expect(member('employment_difficulty', raw, '2026-07-01')).toBe(true);
  });
});
