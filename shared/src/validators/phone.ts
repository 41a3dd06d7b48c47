/** Mainland China mobile numbers: strip +86/0086, spaces and dashes, then ^1[3-9]\d{9}$. */
export function normalizePhone(input: string): string {
  let s = input.replace(/[\s\-()（）]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  return s;
}

export function isValidPhone(input: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalizePhone(input));
}

/** 13812341234 → 138****1234 */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '***';
}
