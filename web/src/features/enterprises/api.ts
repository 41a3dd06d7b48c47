import { z } from 'zod';
import {
  EnterpriseMemberSchema,
  EnterpriseSchema,
  pageOf,
  type CreateEnterpriseBody,
  type Enterprise,
  type EnterpriseMember,
  type UpdateEnterpriseBodySchema,
  type VerifyEnterpriseBody,
} from '@jiuye/shared';
import { apiDownload, apiRequest } from '../../app/api-client';

export type { Enterprise, EnterpriseMember };
export type EnterpriseStatus = Enterprise['status'];
export type UpdateEnterpriseBody = z.input<typeof UpdateEnterpriseBodySchema>;

const EnterprisePageSchema = pageOf(EnterpriseSchema);
const MemberListSchema = z.object({ items: z.array(EnterpriseMemberSchema) });

export const enterpriseKeys = {
  all: ['enterprises'] as const,
  mine: ['enterprises', 'mine'] as const,
  list: (query: object) => ['enterprises', 'list', query] as const,
  one: (id: string) => ['enterprises', 'one', id] as const,
  members: (id: string) => ['enterprises', 'members', id] as const,
};

/** An employer has one enterprise, sometimes a few (a group's subsidiaries): one page holds them. */
export async function listMyEnterprises(): Promise<Enterprise[]> {
  return (
    await apiRequest('/api/v1/enterprises', { query: { mine: 'true', pageSize: 100 } }, EnterprisePageSchema)
  ).items;
}

export function listEnterprises(query: {
  page: number;
  pageSize: number;
  status?: EnterpriseStatus;
  districtCode?: string;
  q?: string;
}) {
  return apiRequest('/api/v1/enterprises', { query }, EnterprisePageSchema);
}

export function getEnterprise(id: string) {
  return apiRequest(`/api/v1/enterprises/${encodeURIComponent(id)}`, {}, EnterpriseSchema);
}

export function createEnterprise(body: CreateEnterpriseBody) {
  return apiRequest('/api/v1/enterprises', { method: 'POST', body }, EnterpriseSchema);
}

export function updateEnterprise(id: string, body: UpdateEnterpriseBody) {
  return apiRequest(
    `/api/v1/enterprises/${encodeURIComponent(id)}`,
    { method: 'PATCH', body },
    EnterpriseSchema,
  );
}

export function verifyEnterprise(id: string, body: VerifyEnterpriseBody) {
  return apiRequest(
    `/api/v1/enterprises/${encodeURIComponent(id)}/verify`,
    { method: 'POST', body },
    EnterpriseSchema,
  );
}

export function uploadLicence(id: string, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiRequest(
    `/api/v1/enterprises/${encodeURIComponent(id)}/licence`,
    { method: 'POST', form },
    EnterpriseSchema,
  );
}

export function downloadLicence(id: string) {
  return apiDownload(`/api/v1/enterprises/${encodeURIComponent(id)}/licence`);
}

export async function listMembers(id: string): Promise<EnterpriseMember[]> {
  return (await apiRequest(`/api/v1/enterprises/${encodeURIComponent(id)}/members`, {}, MemberListSchema))
    .items;
}

export function inviteMember(id: string, phone: string) {
  return apiRequest(
    `/api/v1/enterprises/${encodeURIComponent(id)}/members`,
    { method: 'POST', body: { phone } },
    EnterpriseMemberSchema,
  );
}

export function removeMember(id: string, phone: string): Promise<void> {
  return apiRequest(`/api/v1/enterprises/${encodeURIComponent(id)}/members/${encodeURIComponent(phone)}`, {
    method: 'DELETE',
  });
}
