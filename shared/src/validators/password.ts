import type { FieldErrorCode } from '../errors.js';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

// The most common passwords seen in Chinese leaks (CSDN, 12306) and worldwide; a policy that lets
// these through protects nobody.
const COMMON = new Set([
  '12345678',
  '123456789',
  '1234567890',
  '11111111',
  '00000000',
  '88888888',
  '66666666',
  'password',
  'password1',
  'password123',
  'passw0rd',
  'qwerty123',
  'qwertyuiop',
  'abc12345',
  'abcd1234',
  'a1234567',
  'a12345678',
  'aa123456',
  'aa12345678',
  'qq123456',
  '1qaz2wsx',
  'admin123',
  'admin888',
  'woaini1314',
  'iloveyou1',
  '5201314a',
  'abc123456',
  'zxcvbnm123',
  'asdf1234',
  'qwer1234',
  '1q2w3e4r',
  'q1w2e3r4',
  'jiuye123',
  'jiuye2020',
  'zhanjiang1',
]);

/** Returns the first rule the password breaks, or null. Used by the web form and the server. */
export function checkPassword(password: string, phone?: string): FieldErrorCode | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'password_too_short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'too_big';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'password_too_weak';
  if (COMMON.has(password.toLowerCase())) return 'password_common';
  if (phone && phone.length >= 7 && password.includes(phone.slice(-8))) return 'password_contains_phone';
  return null;
}
