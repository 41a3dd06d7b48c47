import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DesignateSampleBodySchema,
  EnterpriseMonthParamsSchema,
  IdParamsSchema,
  LateListQuerySchema,
  LateListSchema,
  ListSamplesQuerySchema,
  MonitoredEnterpriseSchema,
  MonthlyReportBodySchema,
  MonthlyReportSchema,
  pageOf,
} from '@jiuye/shared';
import { AppError } from '../../platform/errors.js';
import * as svc from './monitoring.service.js';

/** Reports are read by the enterprise (monitoring:report) and by staff (monitoring:manage). */
async function requireMonitoringPermission(req: FastifyRequest): Promise<void> {
  const a = req.ctx.actor;
  if (
    a.kind === 'anonymous' ||
    !(a.permissions.has('monitoring:report') || a.permissions.has('monitoring:manage'))
  ) {
    throw new AppError('forbidden');
  }
}

export const monitoringRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['monitoring'];

  app.post(
    '/monitoring/samples',
    {
      config: { access: 'monitoring:manage' },
      schema: {
        operationId: 'designateMonitoringSample',
        summary:
          'Designate an enterprise of the caller’s district as an employment monitoring sample (audited)',
        tags,
        body: DesignateSampleBodySchema,
        response: { 201: MonitoredEnterpriseSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.designateSample(req.ctx, req.body)),
  );

  app.get(
    '/monitoring/samples',
    {
      config: { access: 'monitoring:manage' },
      schema: {
        operationId: 'listMonitoringSamples',
        summary: 'Sample enterprises of the caller’s districts with their last reported month',
        tags,
        querystring: ListSamplesQuerySchema,
        response: { 200: pageOf(MonitoredEnterpriseSchema) },
      },
    },
    async (req) => svc.listSamples(req.ctx, req.query),
  );

  app.get(
    '/monitoring/late',
    {
      config: { access: 'monitoring:manage' },
      schema: {
        operationId: 'listLateMonitoringReports',
        summary:
          'Samples of the caller’s districts that have not reported the month (due the 10th of the next month)',
        tags,
        querystring: LateListQuerySchema,
        response: { 200: LateListSchema },
      },
    },
    async (req) => svc.lateList(req.ctx, req.query),
  );

  app.put(
    '/monitoring/enterprises/:id/reports/:month',
    {
      config: { access: 'monitoring:report', errors: ['report_closed', 'conflict'] },
      schema: {
        operationId: 'submitMonitoringReport',
        summary:
          'File (201) or, before the deadline, correct (200) a month’s headcount report; it must balance (end = start + hires − separations)',
        tags,
        params: EnterpriseMonthParamsSchema,
        body: MonthlyReportBodySchema,
        response: { 200: MonthlyReportSchema, 201: MonthlyReportSchema },
      },
    },
    async (req, reply) => {
      const r = await svc.submitReport(req.ctx, req.params.id, req.params.month, req.body);
      return reply.status(r.created ? 201 : 200).send(r.report);
    },
  );

  app.get(
    '/monitoring/enterprises/:id/reports',
    {
      config: { access: 'authenticated' },
      preValidation: requireMonitoringPermission,
      schema: {
        operationId: 'listMonitoringReports',
        summary: 'An enterprise’s monthly reports (its members; staff of its district)',
        tags,
        params: IdParamsSchema,
        response: { 200: z.object({ items: z.array(MonthlyReportSchema) }) },
      },
    },
    async (req) => svc.listReports(req.ctx, req.params.id),
  );
};
