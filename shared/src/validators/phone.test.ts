import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isValidPhone, maskPhone, normalizePhone } from './phone.js';

// Mainland mobile numbers: 1, then 3–9, then 9 digits.
const mobileArb = fc
  .tuple(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/))
  .map(([second, rest]) => `1${second}${rest}`);

const separatorArb = fc.constantFrom('', '', '', ' ', '-', '  ', ' - ', '\t', '\u3000');
const prefixArb = fc.constantFrom('', '+86', '0086', '+86 ', '0086 ', '+86-', '(+86) ', '（+86）');

/** How people really type a number: a country prefix, then groups split by spaces or dashes. */
const decoratedArb = fc
  .tuple(mobileArb, prefixArb, fc.array(separatorArb, { minLength: 11, maxLength: 11 }))
  .map(([phone, prefix, seps]) => ({
    phone,
    typed: prefix + [...phone].map((digit, i) => digit + seps[i]).join(''),
  }));

describe('normalizePhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['0086-138-1234-5678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['(+86) 138-1234-5678', '13812345678'],
    ['138 1234 5678 ', '13812345678'],
  ])('%j → %j', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  // "86" without + or 00 is ambiguous with a typo, so it is left alone and the number fails.
  it('does not strip a bare 86', () => {
    expect(normalizePhone('8613812345678')).toBe('8613812345678');
    expect(isValidPhone('8613812345678')).toBe(false);
  });
});

describe('isValidPhone', () => {
  it('accepts every mainland mobile number however it is typed', () => {
    fc.assert(
      fc.property(decoratedArb, ({ phone, typed }) => {
        expect(normalizePhone(typed)).toBe(phone);
        expect(isValidPhone(typed)).toBe(true);
      }),
    );
  });

  it('refuses a second digit of 0, 1 or 2', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.stringMatching(/^\d{9}$/),
        prefixArb,
        (second, rest, prefix) => {
          expect(isValidPhone(`${prefix}1${second}${rest}`)).toBe(false);
        },
      ),
    );
  });

  it('refuses a first digit other than 1 (landlines, typos)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 2, 3, 4, 5, 6, 7, 8, 9),
        fc.stringMatching(/^\d{10}$/),
        (first, rest) => {
          expect(isValidPhone(`${first}${rest}`)).toBe(false);
        },
      ),
    );
  });

  it('refuses one digit too few or too many', () => {
    fc.assert(
      fc.property(mobileArb, fc.integer({ min: 0, max: 9 }), (phone, extra) => {
        expect(isValidPhone(phone.slice(0, 10))).toBe(false);
        expect(isValidPhone(phone + extra)).toBe(false);
        expect(isValidPhone(`+86${phone.slice(0, 10)}`)).toBe(false);
      }),
    );
  });

  it('refuses letters and other punctuation inside the number', () => {
    expect(isValidPhone('138a2345678')).toBe(false);
    expect(isValidPhone('138.1234.5678')).toBe(false);
    expect(isValidPhone('138/1234/5678')).toBe(false);
  });

  it('never throws, and whatever it accepts normalises to 11 digits', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          decoratedArb.map((d) => d.typed),
        ),
        (s) => {
          if (isValidPhone(s)) expect(normalizePhone(s)).toMatch(/^1[3-9]\d{9}$/);
        },
      ),
    );
  });
});

describe('maskPhone', () => {
  it('hides the middle four digits', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });

  it('hides everything when the input is not 11 characters', () => {
    expect(maskPhone('1381234123')).toBe('***');
    expect(maskPhone('')).toBe('***');
  });
});
