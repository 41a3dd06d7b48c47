import type { z } from 'zod';
import { AuditPageSchema, AuditVerifyResultSchema, type ListAuditQuerySchema } from '@jiuye/shared';
import { apiRequest } from '../../app/api-client';

export type AuditFilters = Partial<Omit<z.input<typeof ListAuditQuerySchema>, 'cursor' | 'limit'>>;

export const auditKeys = {
  entries: (filters: AuditFilters) => ['audit', 'entries', filters] as const,
};

export function listAuditEntries(filters: AuditFilters, cursor: string | undefined) {
  return apiRequest('/api/v1/audit/entries', { query: { ...filters, cursor, limit: 50 } }, AuditPageSchema);
}

export function verifyAuditChain() {
  return apiRequest('/api/v1/audit/verify', {}, AuditVerifyResultSchema);
}
