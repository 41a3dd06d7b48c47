import { idCheckChar } from '@jiuye/shared';

/** Steps and data of the registration-and-assistance journey (issue 7). */

/** Today's calendar date in China (the desk and the server both count ages on it). */
function chinaToday(): { y: number; m: number; d: number } {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
    .format(new Date())
    .split('-')
    .map(Number);
  return { y: y ?? 2000, m: m ?? 1, d: d ?? 1 };
}

/**
 * A valid identity number from 霞山区 (440803) of someone who turned `age` some weeks ago, so the
 * age holds whatever the time of day: a woman's sequence ends even, a man's odd (GB 11643).
 * 4050 is women of 40 and more and men of 50 and more, counted from today.
 */
export function idNumberAged(
  age: number,
  gender: 'male' | 'female',
): { idNumber: string; birthDate: string } {
  const today = chinaToday();
  // Born `age` years ago, 40 days before today's date: well past the birthday in any time zone.
  const birth = new Date(Date.UTC(today.y - age, today.m - 1, today.d - 40));
  const ymd = birth.toISOString().slice(0, 10);
  const seq = `${Math.floor(Math.random() * 90) + 10}${gender === 'male' ? '3' : '4'}`;
  const first17 = `440803${ymd.replaceAll('-', '')}${seq}`;
  return { idNumber: first17 + idCheckChar(first17), birthDate: ymd };
}

/** The same number with its check character changed: a typo the desk must catch as it is typed. */
export function withWrongCheck(idNumber: string): string {
  const right = idNumber[17] ?? '0';
  const wrong = right === '1' ? '2' : '1';
  return idNumber.slice(0, 17) + wrong;
}
