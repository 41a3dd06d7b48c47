import { z } from 'zod';
import {
  AdminUserSchema,
  ApiTokenSchema,
  CreatedApiTokenSchema,
  pageOf,
  ResetPasswordResultSchema,
  type CreateApiTokenBodySchema,
  type CreateUserBody,
  type ListUsersQuerySchema,
} from '@jiuye/shared';
import { apiRequest } from '../../app/api-client';

export type ApiToken = z.infer<typeof ApiTokenSchema>;
export type CreatedApiToken = z.infer<typeof CreatedApiTokenSchema>;
export type ListUsersQuery = Partial<z.infer<typeof ListUsersQuerySchema>>;
export type CreateApiTokenBody = z.input<typeof CreateApiTokenBodySchema>;

const UserPageSchema = pageOf(AdminUserSchema);
const TokenPageSchema = pageOf(ApiTokenSchema);

export const adminKeys = {
  users: (query: ListUsersQuery) => ['admin', 'users', query] as const,
  allUsers: ['admin', 'users'] as const,
  tokens: ['admin', 'api-tokens'] as const,
};

export function listUsers(query: ListUsersQuery) {
  return apiRequest('/api/v1/admin/users', { query }, UserPageSchema);
}

export function createUser(body: CreateUserBody) {
  return apiRequest('/api/v1/admin/users', { method: 'POST', body }, AdminUserSchema);
}

export function setUserEnabled(id: string, enabled: boolean): Promise<void> {
  return apiRequest(`/api/v1/admin/users/${encodeURIComponent(id)}/${enabled ? 'enable' : 'disable'}`, {
    method: 'POST',
  });
}

export function resetUserPassword(id: string) {
  return apiRequest(
    `/api/v1/admin/users/${encodeURIComponent(id)}/reset-password`,
    { method: 'POST' },
    ResetPasswordResultSchema,
  );
}

/** A city has a handful of tokens (one per connected system): one page of 100 shows them all. */
export async function listApiTokens(): Promise<ApiToken[]> {
  const page = await apiRequest(
    '/api/v1/admin/api-tokens',
    { query: { page: 1, pageSize: 100 } },
    TokenPageSchema,
  );
  return page.items;
}

export function createApiToken(body: CreateApiTokenBody) {
  return apiRequest('/api/v1/admin/api-tokens', { method: 'POST', body }, CreatedApiTokenSchema);
}

export function revokeApiToken(id: string): Promise<void> {
  return apiRequest(`/api/v1/admin/api-tokens/${encodeURIComponent(id)}/revoke`, { method: 'POST' });
}
