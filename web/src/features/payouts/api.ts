import {
  FindEligibleResultSchema,
  OutreachRunSchema,
  pageOf,
  PayeeAccountSchema,
  PayoutBatchDetailSchema,
  PayoutBatchSchema,
  PayoutReconciliationSchema,
  PayoutSchema,
  StartupSchema,
  type CreatePayoutBatchBody,
  type CreateStartupBody,
  type EligibleSubject,
  type FindEligibleBody,
  type OutreachBody,
  type PayeeAccount,
  type PayeeAccountQuery,
  type Payout,
  type PayoutBatch,
  type PayoutBatchDetail,
  type PayoutBatchStatus,
  type PayoutResultBody,
  type PutPayeeAccountBody,
  type Startup,
} from '@jiuye/shared';
import { apiDownload, apiRequest, isApiError } from '../../app/api-client';

export type { EligibleSubject, PayeeAccount, Payout, PayoutBatch, PayoutBatchDetail, Startup };

const enc = encodeURIComponent;
const BatchPageSchema = pageOf(PayoutBatchSchema);
const StartupPageSchema = pageOf(StartupSchema);
const OutreachPageSchema = pageOf(OutreachRunSchema);

export const payoutKeys = {
  all: ['payouts'] as const,
  batches: (query: object) => ['payouts', 'batches', query] as const,
  batch: (id: string) => ['payouts', 'batch', id] as const,
  reconciliation: (id: string) => ['payouts', 'reconciliation', id] as const,
  payee: (query: object) => ['payouts', 'payee', query] as const,
  startups: (query: object) => ['payouts', 'startups', query] as const,
  outreach: (query: object) => ['payouts', 'outreach', query] as const,
};

// ——— Payee accounts ———

/** The account a subject is paid to; null when none is on file yet. */
export async function getPayeeAccount(query: PayeeAccountQuery): Promise<PayeeAccount | null> {
  try {
    return await apiRequest('/api/v1/payee-accounts', { query }, PayeeAccountSchema);
  } catch (error) {
    if (isApiError(error, 'not_found')) return null;
    throw error;
  }
}

export function putPayeeAccount(body: PutPayeeAccountBody) {
  return apiRequest('/api/v1/payee-accounts', { method: 'PUT', body }, PayeeAccountSchema);
}

// ——— Batches ———

export function listBatches(query: {
  status?: PayoutBatchStatus;
  policyCode?: string;
  page: number;
  pageSize: number;
}) {
  return apiRequest('/api/v1/payout-batches', { query }, BatchPageSchema);
}

export function getBatch(id: string) {
  return apiRequest(`/api/v1/payout-batches/${enc(id)}`, {}, PayoutBatchDetailSchema);
}

/** One key per attempt: a retry after a lost answer replays it instead of making a second batch. */
export function createBatch(body: CreatePayoutBatchBody, idempotencyKey: string) {
  return apiRequest(
    '/api/v1/payout-batches',
    { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } },
    PayoutBatchDetailSchema,
  );
}

/** The finance system's Excel file of the batch. */
export function exportBatch(id: string) {
  return apiDownload(`/api/v1/payout-batches/${enc(id)}/export`);
}

export function recordPayoutResult(payoutId: string, body: PayoutResultBody, idempotencyKey: string) {
  return apiRequest(
    `/api/v1/payouts/${enc(payoutId)}/result`,
    { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } },
    PayoutSchema,
  );
}

export function getReconciliation(id: string) {
  return apiRequest(`/api/v1/payout-batches/${enc(id)}/reconciliation`, {}, PayoutReconciliationSchema);
}

/** Compares the bank's result file (.xlsx) with the batch; changes nothing. */
export function uploadBankResults(id: string, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiRequest(
    `/api/v1/payout-batches/${enc(id)}/reconciliation`,
    { method: 'POST', form },
    PayoutReconciliationSchema,
  );
}

// ——— Proactive eligibility ———

export function findEligible(code: string, body: FindEligibleBody) {
  return apiRequest(
    `/api/v1/policies/${enc(code)}/find-eligible`,
    { method: 'POST', body },
    FindEligibleResultSchema,
  );
}

export function runOutreach(code: string, body: OutreachBody, idempotencyKey: string) {
  return apiRequest(
    `/api/v1/policies/${enc(code)}/outreach`,
    { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } },
    OutreachRunSchema,
  );
}

export function listOutreachRuns(code: string, query: { page: number; pageSize: number }) {
  return apiRequest(`/api/v1/policies/${enc(code)}/outreach-runs`, { query }, OutreachPageSchema);
}

// ——— Start-ups ———

export function listStartups(query: { page: number; pageSize: number; personId?: string }) {
  return apiRequest('/api/v1/startups', { query }, StartupPageSchema);
}

export function createStartup(body: CreateStartupBody) {
  return apiRequest('/api/v1/startups', { method: 'POST', body }, StartupSchema);
}
