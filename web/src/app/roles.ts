import type { Role } from '@jiuye/shared';

/** Where each role lands after sign-in. Colleges and agencies share the partner area. */
export const HOME_PATH: Record<Role, string> = {
  seeker: '/seeker',
  employer: '/employer',
  college: '/partner',
  agency: '/partner',
  staff: '/staff',
  admin: '/admin',
  partner: '/partner',
  // Issue 9: the auditor has an area of their own (the audit trail), apart from the admin's.
  auditor: '/audit',
};

/**
 * A `next` target from the query string, accepted only as an in-app path: `//evil.example` or
 * `https://…` would turn the login page into an open redirect.
 */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}

export function landingPathFor(role: Role, next: string | null): string {
  const target = safeNext(next);
  // Only follow `next` into the role's own area (or a role-neutral page such as /change-password);
  // after switching accounts, an old `next` into another area would just show the 403 page.
  if (target && (target.startsWith(HOME_PATH[role]) || target.startsWith('/change-password'))) return target;
  return HOME_PATH[role];
}

export type Area = 'seeker' | 'employer' | 'partner' | 'staff' | 'admin' | 'audit';

export const AREA_OF: Record<Role, Area> = {
  seeker: 'seeker',
  employer: 'employer',
  college: 'partner',
  agency: 'partner',
  staff: 'staff',
  admin: 'admin',
  partner: 'partner',
  auditor: 'audit',
};
