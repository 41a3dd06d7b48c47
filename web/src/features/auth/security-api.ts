import {
  AdminUserSchema,
  EndedSessionsSchema,
  MeSchema,
  MfaEnrolmentSchema,
  ReauthResultSchema,
  RecoveryCodesSchema,
  SessionListSchema,
  type AdminUser,
  type Me,
  type SessionInfo,
} from '@jiuye/shared';
import type { z } from 'zod';
import { apiRequest } from '../../app/api-client';

/** Issue 9: the second sign-in step, enrolment, re-authentication and session lists. */

export function verifyMfa(body: { code: string } | { recoveryCode: string }): Promise<Me> {
  return apiRequest('/api/v1/auth/mfa/verify', { method: 'POST', body }, MeSchema);
}

export function startMfaEnrolment(): Promise<z.infer<typeof MfaEnrolmentSchema>> {
  return apiRequest('/api/v1/auth/mfa/enrol', { method: 'POST' }, MfaEnrolmentSchema);
}

export function confirmMfaEnrolment(code: string): Promise<string[]> {
  return apiRequest(
    '/api/v1/auth/mfa/enrol/confirm',
    { method: 'POST', body: { code } },
    RecoveryCodesSchema,
  ).then((r) => r.recoveryCodes);
}

export function reauthenticate(body: { password: string; code?: string }): Promise<void> {
  return apiRequest('/api/v1/auth/reauth', { method: 'POST', body }, ReauthResultSchema).then(
    () => undefined,
  );
}

export const sessionKeys = {
  mine: ['me', 'sessions'] as const,
  ofUser: (id: string) => ['admin', 'users', id, 'sessions'] as const,
};

export function listMySessions(): Promise<SessionInfo[]> {
  return apiRequest('/api/v1/me/sessions', {}, SessionListSchema).then((r) => r.items);
}

export function endMySession(id: string): Promise<void> {
  return apiRequest(`/api/v1/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function endMyOtherSessions(): Promise<number> {
  return apiRequest('/api/v1/me/sessions/end-others', { method: 'POST' }, EndedSessionsSchema).then(
    (r) => r.ended,
  );
}

export function listUserSessions(userId: string): Promise<SessionInfo[]> {
  return apiRequest(`/api/v1/admin/users/${encodeURIComponent(userId)}/sessions`, {}, SessionListSchema).then(
    (r) => r.items,
  );
}

export function endUserSessions(userId: string): Promise<number> {
  return apiRequest(
    `/api/v1/admin/users/${encodeURIComponent(userId)}/sessions/end`,
    { method: 'POST' },
    EndedSessionsSchema,
  ).then((r) => r.ended);
}

export function resetUserMfa(userId: string): Promise<AdminUser> {
  return apiRequest(
    `/api/v1/admin/users/${encodeURIComponent(userId)}/mfa/reset`,
    { method: 'POST' },
    AdminUserSchema,
  );
}
