import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CreditCodeSchema, checkCreditCode, creditCodeCheckChar } from './credit-code.js';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const FORBIDDEN = 'IOZSV';

const charArb = fc.constantFrom(...CHARSET);
const first17Arb = fc.array(charArb, { minLength: 17, maxLength: 17 }).map((cs) => cs.join(''));
const validCodeArb = first17Arb.map((f) => f + creditCodeCheckChar(f));

describe('creditCodeCheckChar', () => {
  it('computes the check characters of known codes', () => {
    // Huawei Technologies Co., Ltd. Worked by hand: Σ = 831, 831 mod 31 = 25, 31 − 25 = 6.
    expect(creditCodeCheckChar('91440300192203821')).toBe('6');
    // A code with letters in the body and as check character: Σ = 1782, mod 31 = 15, 31 − 15 = 16 → G.
    expect(creditCodeCheckChar('9144030071526726X')).toBe('G');
  });

  it('maps a sum divisible by 31 to 0, not to an out-of-range index', () => {
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it('refuses input that is not 17 characters of the set', () => {
    expect(() => creditCodeCheckChar('9144030019220382')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('9144030019220382I')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('9144030071526726x')).toThrow(RangeError);
  });
});

describe('checkCreditCode: known vectors', () => {
  it('accepts Huawei', () => {
    expect(checkCreditCode('914403001922038216')).toEqual({
      ok: true,
      value: '914403001922038216',
      checksumValid: true,
    });
  });

  it('accepts lowercase input and answers it uppercased', () => {
    expect(checkCreditCode('9144030071526726xg')).toEqual({
      ok: true,
      value: '9144030071526726XG',
      checksumValid: true,
    });
  });

  it('lets a wrong check character through with checksumValid false, for staff to confirm', () => {
    expect(checkCreditCode('914403001922038217')).toEqual({
      ok: true,
      value: '914403001922038217',
      checksumValid: false,
    });
  });

  it.each([
    ['', 'empty'],
    ['91440300192203821', '17 characters'],
    ['9144030019220382160', '19 characters'],
    ['91440300192203821I', 'I'],
    ['91440300192203821O', 'O'],
    ['9144030019220382Z6', 'Z'],
    ['914403001922038S16', 'S'],
    ['914403001922038V16', 'V'],
    ['9144030019220382-6', 'punctuation'],
    ['91440300192203 8216', 'inner space'],
    ['９１４４０３００１９２２０３８２１６', 'full-width digits'],
  ])('refuses %j (%s) as credit_code_format', (input) => {
    expect(checkCreditCode(input)).toEqual({ ok: false, code: 'credit_code_format' });
  });
});

describe('checkCreditCode: properties', () => {
  it('accepts any 17 characters of the set followed by their check character', () => {
    fc.assert(
      fc.property(validCodeArb, (code) => {
        expect(checkCreditCode(code)).toEqual({ ok: true, value: code, checksumValid: true });
      }),
    );
  });

  it('flags every single-character change of the first 17 (and still accepts the format)', () => {
    fc.assert(
      fc.property(validCodeArb, fc.integer({ min: 0, max: 16 }), charArb, (code, pos, c) => {
        fc.pre(c !== code[pos]);
        const changed = code.slice(0, pos) + c + code.slice(pos + 1);
        expect(checkCreditCode(changed)).toEqual({ ok: true, value: changed, checksumValid: false });
      }),
    );
  });

  it('flags every other check character', () => {
    fc.assert(
      fc.property(validCodeArb, charArb, (code, c) => {
        fc.pre(c !== code[17]);
        const r = checkCreditCode(code.slice(0, 17) + c);
        expect(r.ok && r.checksumValid).toBe(false);
      }),
    );
  });

  it('refuses a code containing a forbidden letter anywhere', () => {
    fc.assert(
      fc.property(
        validCodeArb,
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...FORBIDDEN),
        (code, pos, c) => {
          const bad = code.slice(0, pos) + c + code.slice(pos + 1);
          expect(checkCreditCode(bad)).toEqual({ ok: false, code: 'credit_code_format' });
        },
      ),
    );
  });

  it('never throws on arbitrary input, and only accepts 18 characters of the set', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ minLength: 18, maxLength: 18 })),
        (s) => {
          const r = checkCreditCode(s);
          if (r.ok) expect(r.value).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
          else expect(r.code).toBe('credit_code_format');
        },
      ),
    );
  });
});

describe('CreditCodeSchema', () => {
  it('trims and uppercases', () => {
    expect(CreditCodeSchema.parse('  914403001922038216 ')).toBe('914403001922038216');
    expect(CreditCodeSchema.parse('9144030071526726xg')).toBe('9144030071526726XG');
  });

  it('passes a code whose check character fails', () => {
    expect(CreditCodeSchema.safeParse('914403001922038217')).toEqual({
      success: true,
      data: '914403001922038217',
    });
  });

  it('reports a malformed code with params.code credit_code_format', () => {
    const r = CreditCodeSchema.safeParse('91440300192203821I');
    expect(r.success).toBe(false);
    expect(r.error?.issues).toHaveLength(1);
    expect(r.error?.issues[0]).toMatchObject({
      code: 'custom',
      message: 'credit_code_format',
      params: { code: 'credit_code_format' },
    });
  });
});
