import { randomBytes } from 'node:crypto';
import type { TestApp } from '../../../test/app.js';
import { createEnterprise, type TestEnterprise } from '../../../test/channel-factories.js';
import { signedIn, type TestUser } from '../../../test/factories.js';

/** Helpers shared by the issue-6 route tests (shortages, sharing, colleges, key enterprises). */

export type Caller = { user: TestUser; headers: Record<string, string> };
export type Clerk = Caller & { enterprise: TestEnterprise };

export async function clerkOf(t: TestApp, districtCode = '440803', name?: string): Promise<Clerk> {
  const c = await signedIn(t.app, t.db, 'employer');
  const enterprise = await createEnterprise(t.db, {
    ownerUserId: c.user.id,
    ownerPhone: c.user.phone,
    districtCode,
    ...(name ? { name } : {}),
  });
  return { ...c, enterprise };
}

export async function staffOf(t: TestApp, districtCodes: string[] = ['440803']): Promise<Caller> {
  return signedIn(t.app, t.db, 'staff', { districtCodes });
}

export type Res<T = unknown> = { status: number; body: T };

export async function call<T = Record<string, unknown>>(
  t: TestApp,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  who: { headers: Record<string, string> } | null,
  payload?: unknown,
): Promise<Res<T>> {
  const res = await t.app.inject({
    method,
    url,
    headers: who?.headers ?? {},
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: res.statusCode, body: (res.body ? JSON.parse(res.body) : null) as T };
}

/** China's date `days` from now (test clock). */
export function chinaDay(t: TestApp, days = 0): string {
  return new Date(t.clock.now().getTime() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** A minimal PDF: enough for the magic-byte check. */
export const PDF = Buffer.from('%PDF-1.4\n% signed consent form\n%%EOF\n');

export function multipartFile(content: Buffer, filename: string) {
  const boundary = `----jiuye${randomBytes(6).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function uploadConsent(t: TestApp, who: Caller): Promise<string> {
  const m = multipartFile(PDF, 'consent.pdf');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/consent-files',
    headers: { ...who.headers, ...m.headers },
    payload: m.payload,
  });
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return (JSON.parse(res.body) as { fileId: string }).fileId;
}

let workerSeq = 0;
/** Worker details without an account (unique phones). */
export function workers(n: number): { fullName: string; phone: string }[] {
  const base = `17${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;
  return Array.from({ length: n }, () => {
    workerSeq += 1;
    return { fullName: `工人${workerSeq}`, phone: `${base}${String(workerSeq % 10000).padStart(4, '0')}` };
  });
}

export const OPERATOR = '6-25-04-01'; // 电子设备装接工: the assembly-line operators of 2020's shortages
export const WELDER = '6-18-02-04';
