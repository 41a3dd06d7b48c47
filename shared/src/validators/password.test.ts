import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { FIELD_ERROR_MESSAGES } from '../errors.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, checkPassword } from './password.js';

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const letterArb = fc.constantFrom(...LETTERS);
const digitArb = fc.constantFrom(...DIGITS);
const alnumArb = fc.constantFrom(...LETTERS, ...DIGITS, ...'!@#$%^&*_-.');
const mobileArb = fc
  .tuple(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/))
  .map(([second, rest]) => `1${second}${rest}`);

// The longest entry of the common-password list has 11 characters, so 12 or more are never common.
const strongArb = fc
  .tuple(letterArb, digitArb, fc.array(alnumArb, { minLength: 10, maxLength: 60 }))
  .map(([l, d, rest]) => l + d + rest.join(''));

describe('checkPassword: rules in order', () => {
  it('accepts a decent password', () => {
    expect(checkPassword('Haixia2020bay')).toBeNull();
  });

  it('refuses anything shorter than 8 characters', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(8);
    fc.assert(
      fc.property(fc.string({ maxLength: PASSWORD_MIN_LENGTH - 1 }), (pw) => {
        expect(checkPassword(pw)).toBe('password_too_short');
      }),
    );
  });

  it('refuses anything longer than 128 characters', () => {
    expect(checkPassword('a1'.repeat(64))).toBeNull();
    expect(checkPassword('a1'.repeat(64) + 'b')).toBe('too_big');
    expect(PASSWORD_MAX_LENGTH).toBe(128);
  });

  it('refuses passwords without both a letter and a digit', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(letterArb, { minLength: 8, maxLength: 40 }),
          fc.array(digitArb, { minLength: 8, maxLength: 40 }),
          fc.array(fc.constantFrom(...'!@#$%^&*()_+ '), { minLength: 8, maxLength: 40 }),
        ),
        (chars) => {
          expect(checkPassword(chars.join(''))).toBe('password_too_weak');
        },
      ),
    );
  });

  it.each(['password1', 'Password1', 'PASSW0RD', 'abcd1234', 'woaini1314', 'JiuYe2020', 'zhanjiang1'])(
    'refuses the common password %j in any case',
    (pw) => {
      expect(checkPassword(pw)).toBe('password_common');
    },
  );

  it('refuses a password containing the last 8 digits of the phone number', () => {
    expect(checkPassword('ab13812345678', '13812345678')).toBe('password_contains_phone');
    expect(checkPassword('ab12345678xy', '13812345678')).toBe('password_contains_phone');
    // The first digits alone are shared by millions of numbers and are not refused.
    expect(checkPassword('ab1381234xyz', '13812345678')).toBeNull();
  });

  it('ignores a phone number shorter than 7 characters', () => {
    expect(checkPassword('xyz123456', '123456')).toBeNull();
  });
});

describe('checkPassword: properties', () => {
  it('accepts every long password with a letter and a digit that avoids the phone number', () => {
    fc.assert(
      fc.property(strongArb, mobileArb, (pw, phone) => {
        fc.pre(!pw.includes(phone.slice(-8)));
        expect(checkPassword(pw)).toBeNull();
        expect(checkPassword(pw, phone)).toBeNull();
      }),
    );
  });

  it('refuses every otherwise strong password that embeds the phone number', () => {
    fc.assert(
      fc.property(strongArb, mobileArb, fc.nat(), (pw, phone, at) => {
        const i = at % (pw.length + 1);
        const withPhone = pw.slice(0, i) + phone.slice(-8) + pw.slice(i);
        fc.pre(withPhone.length <= PASSWORD_MAX_LENGTH);
        expect(checkPassword(withPhone, phone)).toBe('password_contains_phone');
      }),
    );
  });

  it('never throws and only answers null or a known field error code', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.option(fc.string({ maxLength: 20 })), (pw, phone) => {
        const code = checkPassword(pw, phone ?? undefined);
        if (code !== null) expect(Object.keys(FIELD_ERROR_MESSAGES)).toContain(code);
      }),
    );
  });
});
