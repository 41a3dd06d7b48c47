import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  IdNumberSchema,
  SEEKER_MIN_AGE,
  idCheckChar,
  isValidIdNumber,
  maskIdNumber,
  parseIdNumber,
  seekerIdNumberSchema,
} from './id-number.js';

// 1 March 2020: the spring the platform models. Built from local components, as parseIdNumber reads them.
const TODAY = new Date(2020, 2, 1);

function withCheck(first17: string): string {
  return first17 + idCheckChar(first17);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// Birth dates as calendar components, independent of any time zone.
const birthDateArb = fc
  .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2020, 2, 1)), noInvalidDate: true })
  .map((d) => ({ y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() }));

const validIdArb = fc
  .record({
    region: fc.stringMatching(/^\d{6}$/),
    birth: birthDateArb,
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, birth, seq }) => ({
    region,
    birth,
    seq,
    id: withCheck(`${region}${pad(birth.y, 4)}${pad(birth.m, 2)}${pad(birth.d, 2)}${pad(seq, 3)}`),
  }));

describe('idCheckChar', () => {
  it('computes the published check characters', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    // Worked by hand: Σ dᵢ·wᵢ = 217, 217 mod 11 = 8, "10X98765432"[8] = '4'.
    expect(idCheckChar('44080319900101123')).toBe('4');
  });

  it('refuses anything but 17 digits', () => {
    expect(() => idCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => idCheckChar('110105194912310021')).toThrow(RangeError);
    expect(() => idCheckChar('1101051949123100X')).toThrow(RangeError);
  });
});

describe('parseIdNumber: known vectors', () => {
  it('decodes the GB 11643 example', () => {
    expect(parseIdNumber('11010519491231002X', { today: TODAY })).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
      regionCode: '110105',
      age: 70,
    });
  });

  it('decodes a Zhanjiang (Xiashan) number of a man born on 1 January 1990', () => {
    expect(parseIdNumber('440803199001011234', { today: TODAY })).toEqual({
      ok: true,
      value: '440803199001011234',
      birthDate: '1990-01-01',
      gender: 'male',
      regionCode: '440803',
      age: 30,
    });
  });

  it('accepts a lowercase x and answers it uppercased', () => {
    const r = parseIdNumber('11010519491231002x', { today: TODAY });
    expect(r.ok && r.value).toBe('11010519491231002X');
  });

  it.each([
    ['', 'empty'],
    ['11010519491231002', '17 characters'],
    ['11010519491231002X1', '19 characters'],
    ['1101051949123100X2', 'X not last'],
    ['11010519491231002Y', 'letter other than X'],
    [' 11010519491231002X', 'leading space (the schema trims, the parser does not)'],
    ['１１０１０５１９４９１２３１００２Ｘ', 'full-width digits'],
  ])('refuses %j (%s) as id_format', (input) => {
    expect(parseIdNumber(input, { today: TODAY })).toEqual({ ok: false, code: 'id_format' });
  });

  it('refuses a wrong check character as id_checksum', () => {
    expect(parseIdNumber('110105194912310021', { today: TODAY })).toEqual({ ok: false, code: 'id_checksum' });
    expect(parseIdNumber('440803199001011235', { today: TODAY })).toEqual({ ok: false, code: 'id_checksum' });
  });

  it.each([
    ['440803', '19901301', 'month 13'],
    ['440803', '19900001', 'month 00'],
    ['440803', '19900431', '31 April'],
    ['440803', '19900100', 'day 00'],
    ['440803', '19990229', '29 February of a common year'],
    ['440803', '19000229', '29 February 1900 (not a leap year)'],
    ['440803', '18991231', 'before 1900'],
    ['440803', '20200302', 'tomorrow'],
  ])('refuses %s%s… (%s) as id_birth_date even with a correct check character', (region, date) => {
    const id = withCheck(`${region}${date}123`);
    expect(parseIdNumber(id, { today: TODAY })).toEqual({ ok: false, code: 'id_birth_date' });
  });

  it('accepts 29 February of leap years, including 2000', () => {
    expect(parseIdNumber(withCheck('44080320000229123'), { today: TODAY }).ok).toBe(true);
    expect(parseIdNumber(withCheck('44080319960229123'), { today: TODAY }).ok).toBe(true);
  });

  it('accepts someone born today, aged 0', () => {
    const r = parseIdNumber(withCheck('44080320200301123'), { today: TODAY });
    expect(r.ok && r.age).toBe(0);
  });
});

describe('parseIdNumber: age and minimum age', () => {
  const born = (date: string) => withCheck(`440803${date}123`);

  it('counts a year only once the birthday is reached', () => {
    expect(parseIdNumber(born('20040301'), { today: TODAY })).toMatchObject({ ok: true, age: 16 });
    expect(parseIdNumber(born('20040302'), { today: TODAY })).toMatchObject({ ok: true, age: 15 });
    expect(parseIdNumber(born('20040229'), { today: TODAY })).toMatchObject({ ok: true, age: 16 });
  });

  it('makes a 29 February child a year older on 1 March in common years', () => {
    const id = born('20000229');
    expect(parseIdNumber(id, { today: new Date(2017, 1, 28) })).toMatchObject({ ok: true, age: 16 });
    expect(parseIdNumber(id, { today: new Date(2017, 2, 1) })).toMatchObject({ ok: true, age: 17 });
  });

  it('refuses someone under minAge as id_too_young, and accepts them on their birthday', () => {
    expect(parseIdNumber(born('20040302'), { today: TODAY, minAge: 16 })).toEqual({
      ok: false,
      code: 'id_too_young',
    });
    expect(parseIdNumber(born('20040301'), { today: TODAY, minAge: 16 }).ok).toBe(true);
  });

  it('ignores the time of day of `today`', () => {
    const lateEvening = new Date(2020, 2, 1, 23, 59, 59);
    expect(parseIdNumber(born('20040301'), { today: lateEvening })).toMatchObject({ ok: true, age: 16 });
  });

  it('refuses an invalid `today` loudly rather than answering a NaN age', () => {
    expect(() => parseIdNumber('11010519491231002X', { today: new Date(Number.NaN) })).toThrow(RangeError);
  });

  it('agrees with an age computed from the date strings, for any birth date and day', () => {
    fc.assert(
      fc.property(
        validIdArb,
        fc.date({ min: new Date(2020, 2, 1), max: new Date(2060, 0, 1), noInvalidDate: true }),
        ({ id }, today) => {
          const r = parseIdNumber(id, { today });
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          const birthMonthDay = r.birthDate.slice(5).replace('-', '');
          const todayMonthDay = pad(today.getMonth() + 1, 2) + pad(today.getDate(), 2);
          const expected =
            today.getFullYear() - Number(r.birthDate.slice(0, 4)) - (todayMonthDay < birthMonthDay ? 1 : 0);
          expect(r.age).toBe(expected);
        },
      ),
    );
  });
});

describe('parseIdNumber: properties', () => {
  it('parses any well-formed number and round-trips region, birth date and gender', () => {
    fc.assert(
      fc.property(validIdArb, ({ id, region, birth, seq }) => {
        const r = parseIdNumber(id, { today: TODAY });
        expect(r).toMatchObject({
          ok: true,
          value: id,
          regionCode: region,
          birthDate: `${pad(birth.y, 4)}-${pad(birth.m, 2)}-${pad(birth.d, 2)}`,
          gender: seq % 2 === 1 ? 'male' : 'female',
        });
      }),
    );
  });

  it('detects every change of a single digit among the first 17', () => {
    fc.assert(
      fc.property(
        validIdArb,
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        ({ id }, pos, delta) => {
          const digit = (Number(id[pos]) + delta) % 10;
          const changed = id.slice(0, pos) + digit + id.slice(pos + 1);
          const r = parseIdNumber(changed, { today: TODAY });
          expect(r.ok).toBe(false);
          // A typo that still leaves a possible birth date is caught by the check character.
          if (!r.ok) expect(['id_checksum', 'id_birth_date']).toContain(r.code);
        },
      ),
    );
  });

  it('detects every swap of two different adjacent digits among the first 17', () => {
    fc.assert(
      fc.property(validIdArb, fc.integer({ min: 0, max: 15 }), ({ id }, pos) => {
        fc.pre(id[pos] !== id[pos + 1]);
        const swapped = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2);
        expect(parseIdNumber(swapped, { today: TODAY }).ok).toBe(false);
      }),
    );
  });

  it('refuses every other check character', () => {
    fc.assert(
      fc.property(validIdArb, fc.constantFrom(...'0123456789X'), ({ id }, check) => {
        fc.pre(check !== id[17]);
        expect(parseIdNumber(id.slice(0, 17) + check, { today: TODAY })).toEqual({
          ok: false,
          code: 'id_checksum',
        });
      }),
    );
  });

  it('never throws on arbitrary input, and only accepts 17 digits plus a digit or X', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^\d{17}[\dXx]$/)),
        (s) => {
          const r = parseIdNumber(s, { today: TODAY });
          if (r.ok) expect(r.value).toMatch(/^\d{17}[\dX]$/);
          else expect(['id_format', 'id_checksum', 'id_birth_date']).toContain(r.code);
        },
      ),
    );
  });
});

describe('isValidIdNumber and maskIdNumber', () => {
  it('validates against the current date', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    // Born on 31 December 2999: always in the future.
    expect(isValidIdNumber(withCheck('44080329991231123'))).toBe(false);
  });

  it('keeps the first and last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskIdNumber('1234')).toBe('***');
  });

  it('never reveals the birth date or sequence', () => {
    fc.assert(
      fc.property(validIdArb, ({ id }) => {
        const masked = maskIdNumber(id);
        expect(masked).toHaveLength(18);
        expect(masked.slice(4, 14)).toBe('*'.repeat(10));
        expect(masked.slice(0, 4) + masked.slice(14)).toBe(id.slice(0, 4) + id.slice(14));
      }),
    );
  });
});

describe('IdNumberSchema and seekerIdNumberSchema', () => {
  it('trims, uppercases and answers the number', () => {
    expect(IdNumberSchema.parse(' 11010519491231002x ')).toBe('11010519491231002X');
  });

  it('reports the failure code in params so the server can map it to a field error', () => {
    const r = IdNumberSchema.safeParse('110105194912310021');
    expect(r.success).toBe(false);
    expect(r.error?.issues).toHaveLength(1);
    expect(r.error?.issues[0]).toMatchObject({
      code: 'custom',
      message: 'id_checksum',
      params: { code: 'id_checksum' },
    });
  });

  it('refuses non-strings and overlong strings', () => {
    expect(IdNumberSchema.safeParse(12345).success).toBe(false);
    expect(IdNumberSchema.safeParse('1'.repeat(33)).success).toBe(false);
  });

  it('refuses seekers under 16 on the given day', () => {
    const schema = seekerIdNumberSchema(TODAY);
    expect(SEEKER_MIN_AGE).toBe(16);
    expect(schema.parse(withCheck('44080320040301123'))).toHaveLength(18);
    const r = schema.safeParse(withCheck('44080320040302124'));
    expect(r.error?.issues[0]).toMatchObject({ message: 'id_too_young', params: { code: 'id_too_young' } });
  });

  it('reads the current date at parse time when no date is given', () => {
    const now = new Date();
    const fifteen = `440803${pad(now.getFullYear() - 15, 4)}0101123`;
    const r = seekerIdNumberSchema().safeParse(withCheck(fifteen));
    expect(r.error?.issues[0]).toMatchObject({ params: { code: 'id_too_young' } });
    // Anyone IdNumberSchema accepts need not be 16.
    expect(IdNumberSchema.safeParse(withCheck(fifteen)).success).toBe(true);
  });
});
