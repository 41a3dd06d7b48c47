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
// The token list is small (a handful per city); accept it paged or as a bare list.
const TokenListSchema = z.union([
  z.object({ items: z.array(ApiTokenSchema) }).transform((page) => page.items),
  z.array(ApiTokenSchema),
]);

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

export function listApiTokens() {
  return apiRequest('/api/v1/admin/api-tokens', {}, TokenListSchema);
}

export function createApiToken(body: CreateApiTokenBody) {
  return apiRequest('/api/v1/admin/api-tokens', { method: 'POST', body }, CreatedApiTokenSchema);
}

export function revokeApiToken(id: string): Promise<void> {
  return apiRequest(`/api/v1/admin/api-tokens/${encodeURIComponent(id)}/revoke`, { method: 'POST' });
}
