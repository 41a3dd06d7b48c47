import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditPageSchema, AuditVerifyResultSchema, ListAuditQuerySchema } from '@jiuye/shared';
import * as svc from './audit.service.js';

/**
 * The audit trail for the auditor (issue 9). Read-only by design: there is no route that changes
 * an audit row, and the database refuses UPDATE/DELETE/TRUNCATE on audit_log for everyone.
 */
export const auditRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  app.get(
    '/audit/entries',
    {
      config: { access: 'audit:read' },
      schema: {
        operationId: 'listAuditEntries',
        summary:
          'Audit trail, newest first (filters: actor, actorRole, action, entityType, entityId, from, to; cursor pagination). The read is itself audited.',
        tags,
        querystring: ListAuditQuerySchema,
        response: { 200: AuditPageSchema },
      },
    },
    async (req) => svc.listEntries(req.ctx, req.query),
  );

  app.get(
    '/audit/verify',
    {
      config: { access: 'audit:read' },
      schema: {
        operationId: 'verifyAuditChain',
        summary: 'Walk the audit hash chain and report the first broken row (edited, gap, reordered)',
        tags,
        response: { 200: AuditVerifyResultSchema },
      },
    },
    async (req) => svc.verify(req.ctx),
  );
};
