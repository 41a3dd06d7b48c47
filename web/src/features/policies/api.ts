import { z } from 'zod';
import {
  EligibilityResultSchema,
  FactDefinitionSchema,
  pageOf,
  PolicyNoticeSchema,
  PolicyObjectionSchema,
  PolicySchema,
  type CreatePolicyBody,
  type EligibilityCheckBody,
  type EligibilityReason,
  type EligibilityResult,
  type FactDefinition,
  type Policy,
  type PolicyKind,
  type PolicyNotice,
  type PolicyObjection,
  type PolicyRule,
  type SubjectType,
  type UpdatePolicyBody,
} from '@jiuye/shared';
import { apiRequest } from '../../app/api-client';

export type {
  EligibilityReason,
  EligibilityResult,
  FactDefinition,
  Policy,
  PolicyKind,
  PolicyNotice,
  PolicyObjection,
  PolicyRule,
  SubjectType,
};

const PolicyPageSchema = pageOf(PolicySchema);
const FactListSchema = z.object({ items: z.array(FactDefinitionSchema) });
const NoticePageSchema = pageOf(PolicyNoticeSchema);
const ObjectionPageSchema = pageOf(PolicyObjectionSchema);

export const policyKeys = {
  all: ['policies'] as const,
  list: (query: object) => ['policies', 'list', query] as const,
  one: (code: string) => ['policies', 'one', code] as const,
  facts: ['policies', 'facts'] as const,
  check: (code: string, body: object) => ['policies', 'check', code, body] as const,
  notices: (query: object) => ['policies', 'notices', query] as const,
  objections: (query: object) => ['policies', 'objections', query] as const,
};

const enc = encodeURIComponent;

export type ListPoliciesParams = {
  kind?: PolicyKind;
  applicantType?: SubjectType;
  q?: string;
  effectiveOn?: string;
  page: number;
  pageSize: number;
};

export function listPolicies(query: ListPoliciesParams) {
  return apiRequest('/api/v1/policies', { query }, PolicyPageSchema);
}

export function getPolicy(code: string) {
  return apiRequest(`/api/v1/policies/${enc(code)}`, {}, PolicySchema);
}

export function createPolicy(body: CreatePolicyBody) {
  return apiRequest('/api/v1/policies', { method: 'POST', body }, PolicySchema);
}

export function updatePolicy(code: string, body: UpdatePolicyBody) {
  return apiRequest(`/api/v1/policies/${enc(code)}`, { method: 'PUT', body }, PolicySchema);
}

/** The facts rules may read, with their labels and units (changes only with a server release). */
export async function listFacts(): Promise<FactDefinition[]> {
  return (await apiRequest('/api/v1/policy-facts', {}, FactListSchema)).items;
}

/** Judges the signed-in applicant (or their enterprise) against the policy, with reasons. */
export function checkEligibility(code: string, body: EligibilityCheckBody) {
  return apiRequest(
    `/api/v1/policies/${enc(code)}/eligibility-check`,
    { method: 'POST', body },
    EligibilityResultSchema,
  );
}

export function listNotices(query: {
  policyCode?: string;
  districtCode?: string;
  current?: boolean;
  page: number;
  pageSize: number;
}) {
  return apiRequest(
    '/api/v1/policy-notices',
    { query: { ...query, current: query.current === undefined ? undefined : String(query.current) } },
    NoticePageSchema,
  );
}

/** Anyone may object to a name on the public notice while it runs. */
export function createObjection(applicationId: string, reason: string) {
  return apiRequest(
    `/api/v1/policy-notices/${enc(applicationId)}/objections`,
    { method: 'POST', body: { reason } },
    PolicyObjectionSchema,
  );
}

export function listObjections(query: {
  status?: PolicyObjection['status'];
  page: number;
  pageSize: number;
}) {
  return apiRequest('/api/v1/policy-objections', { query }, ObjectionPageSchema);
}

export function resolveObjection(id: string, body: { outcome: 'upheld' | 'dismissed'; note: string }) {
  return apiRequest(
    `/api/v1/policy-objections/${enc(id)}/resolution`,
    { method: 'POST', body },
    PolicyObjectionSchema,
  );
}
