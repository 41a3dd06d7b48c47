import { describe, expect, it } from 'vitest';
import {
  ageOn,
  checkBirthDate,
  experienceIssues,
  experienceYears,
  identityFromIdNumber,
} from './resumes.derive.js';
import { idNumber } from './resumes.fixtures.js';

// 2026-11-27 10:00 in China.
const TODAY = new Date('2026-11-27T02:00:00Z');
const provinceExists = (code: string) => ['440000', '450000', '110000'].includes(code);

describe('identity from the identity number', () => {
  it.each([
    ['male from Xiashan, 1990', idNumber('440803', '1990-05-01', '013'), '1990-05-01', 'male', '440803'],
    ['female from Liuzhou, 1975', idNumber('450203', '1975-12-31', '024'), '1975-12-31', 'female', '450203'],
    ['the documented example, X check', '11010519491231002X', '1949-12-31', 'female', '110105'],
  ])('%s', (_name, id, birthDate, gender, region) => {
    const r = identityFromIdNumber(id, { today: TODAY, provinceExists });
    expect(r).toMatchObject({ ok: true, parsed: { birthDate, gender, regionCode: region } });
  });

  it.each([
    ['a birth date that disagrees', { birthDate: '1990-05-02' }, 'birthDate', 'birth_date_mismatch'],
    [
      'under 16 (15 years and 364 days)',
      { id: idNumber('440803', '2010-11-28', '013') },
      'idNumber',
      'id_too_young',
    ],
    ['an unknown province', { id: idNumber('990803', '1990-05-01', '013') }, 'idNumber', 'id_region'],
    ['a wrong check character', { id: '440803199005010130' }, 'idNumber', 'id_checksum'],
  ])('refuses %s', (_name, o: { id?: string; birthDate?: string }, path, code) => {
    const r = identityFromIdNumber(o.id ?? idNumber('440803', '1990-05-01', '013'), {
      today: TODAY,
      provinceExists,
      ...(o.birthDate ? { birthDate: o.birthDate } : {}),
    });
    expect(r).toEqual({ ok: false, issues: [{ path, code }] });
  });

  it('counts age by the China calendar day: 16 on the birthday itself', () => {
    expect(ageOn('2010-11-27', TODAY)).toBe(16);
    expect(ageOn('2010-11-28', TODAY)).toBe(15);
    // 23:30 UTC on the 26th is already the 27th in China.
    expect(ageOn('2010-11-27', new Date('2026-11-26T16:30:00Z'))).toBe(16);
    expect(
      identityFromIdNumber(idNumber('440803', '2010-11-27', '013'), { today: TODAY, provinceExists }).ok,
    ).toBe(true);
  });

  it('checks a birth date given without a number', () => {
    expect(checkBirthDate('1990-01-01', TODAY)).toBeNull();
    expect(checkBirthDate('2011-01-01', TODAY)).toEqual({ path: 'birthDate', code: 'id_too_young' });
    expect(checkBirthDate('2027-01-01', TODAY)).toEqual({ path: 'birthDate', code: 'date_in_future' });
  });
});

describe('years of experience', () => {
  it.each([
    ['nothing', [], 0],
    ['two full years, both months included', [{ from: '2018-03', to: '2020-02' }], 2],
    ['23 months is one year', [{ from: '2018-03', to: '2020-01' }], 1],
    ['a current job up to this month', [{ from: '2023-11', to: null }], 3],
    [
      'overlapping jobs count once',
      [
        { from: '2015-01', to: '2017-12' },
        { from: '2017-01', to: '2018-12' },
      ],
      4,
    ],
    [
      'a gap is not counted',
      [
        { from: '2010-01', to: '2010-12' },
        { from: '2015-01', to: '2015-12' },
      ],
      2,
    ],
    ['an end in the future counts up to now', [{ from: '2025-11', to: '2030-01' }], 1],
  ])('%s', (_name, exps, years) => {
    expect(experienceYears(exps, TODAY)).toBe(years);
  });

  it('names an end before its start and a start in the future', () => {
    expect(
      experienceIssues(
        [
          { from: '2020-05', to: '2020-04' },
          { from: '2027-01', to: null },
          { from: '2020-01', to: '2020-01' },
        ],
        TODAY,
      ),
    ).toEqual([
      { path: 'experiences.0.to', code: 'date_order' },
      { path: 'experiences.1.from', code: 'date_in_future' },
    ]);
  });
});
