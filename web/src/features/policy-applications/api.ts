import {
  pageOf,
  PolicyApplicationSchema,
  PolicyApplicationSummarySchema,
  UploadedPolicyDocumentSchema,
  type CreatePolicyApplicationBody,
  type DecisionBody,
  type PolicyApplication,
  type PolicyApplicationStatus,
  type PolicyApplicationSummary,
  type PolicyDecisionAction,
  type UpdatePolicyApplicationBody,
} from '@jiuye/shared';
import { apiDownload, apiRequest } from '../../app/api-client';

export type { PolicyApplication, PolicyApplicationStatus, PolicyApplicationSummary, PolicyDecisionAction };

const SummaryPageSchema = pageOf(PolicyApplicationSummarySchema);
const enc = encodeURIComponent;

export const policyAppKeys = {
  all: ['policy-applications'] as const,
  list: (query: object) => ['policy-applications', 'list', query] as const,
  one: (id: string) => ['policy-applications', 'one', id] as const,
};

export type ListPolicyApplicationsParams = {
  status?: PolicyApplicationStatus;
  policyCode?: string;
  districtCode?: string;
  enterpriseId?: string;
  mine?: boolean;
  page: number;
  pageSize: number;
};

/** Applicants see their own (and their enterprises'); staff the ones of their districts. */
export function listPolicyApplications(query: ListPolicyApplicationsParams) {
  return apiRequest(
    '/api/v1/policy-applications',
    { query: { ...query, mine: query.mine === undefined ? undefined : String(query.mine) } },
    SummaryPageSchema,
  );
}

export function getPolicyApplication(id: string) {
  return apiRequest(`/api/v1/policy-applications/${enc(id)}`, {}, PolicyApplicationSchema);
}

/**
 * Creates the application (a draft, or submitted after the pre-check). One Idempotency-Key per
 * attempt, reused when retrying after a network failure, so a lost answer never files twice.
 */
export function createPolicyApplication(body: CreatePolicyApplicationBody, idempotencyKey: string) {
  return apiRequest(
    '/api/v1/policy-applications',
    { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } },
    PolicyApplicationSchema,
  );
}

export function updatePolicyApplication(id: string, body: UpdatePolicyApplicationBody) {
  return apiRequest(
    `/api/v1/policy-applications/${enc(id)}`,
    { method: 'PATCH', body },
    PolicyApplicationSchema,
  );
}

export function decide(id: string, body: DecisionBody) {
  return apiRequest(
    `/api/v1/policy-applications/${enc(id)}/decisions`,
    { method: 'POST', body },
    PolicyApplicationSchema,
  );
}

/** Evidence (PDF, JPG or PNG); the server sniffs the content and has the last word. */
export function uploadPolicyDocument(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiRequest('/api/v1/policy-documents', { method: 'POST', form }, UploadedPolicyDocumentSchema);
}

export function downloadPolicyDocument(applicationId: string, fileId: string) {
  return apiDownload(`/api/v1/policy-applications/${enc(applicationId)}/documents/${enc(fileId)}`);
}

/** Statuses the applicant may still change (edit, submit or resubmit). */
export const EDITABLE: readonly PolicyApplicationStatus[] = ['draft', 'returned'];
