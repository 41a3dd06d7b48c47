import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IndicatorReportSchema,
  MonthParamsSchema,
  OpenDataQuerySchema,
  OpenDataSchema,
  StatsQuerySchema,
  SupplyDemandQuerySchema,
  SupplyDemandSchema,
} from '@jiuye/shared';
import * as svc from './statistics.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Indicators (staff and API tokens with stats:read), open data (public), the monthly report. */
export const statisticsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/stats/indicators',
    {
      config: { access: 'stats:read' },
      schema: {
        operationId: 'getIndicators',
        summary:
          'Labour-market indicators of a month and area (city 440800 or a district), with the previous month and the change',
        tags: ['statistics'],
        querystring: StatsQuerySchema,
        response: { 200: IndicatorReportSchema },
      },
    },
    async (req) => svc.indicatorReport(req.ctx.db, req.query.period, req.query.area),
  );

  app.get(
    '/stats/supply-demand',
    {
      config: { access: 'stats:read' },
      schema: {
        operationId: 'getSupplyDemand',
        summary: 'Supply-demand ratio (求人倍率 = vacancies / seekers) of a month by district or occupation',
        tags: ['statistics'],
        querystring: SupplyDemandQuerySchema,
        response: { 200: SupplyDemandSchema },
      },
    },
    async (req) => svc.supplyDemand(req.ctx, req.query),
  );

  app.get(
    '/open-data/labour-market',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getOpenLabourMarket',
        summary:
          'Open data: anonymised district aggregates of a month; any cell counting fewer than 5 people is null with suppressed: true',
        tags: ['open data'],
        querystring: OpenDataQuerySchema,
        response: { 200: OpenDataSchema },
      },
    },
    async (req) => svc.openData(req.ctx.db, req.query.period),
  );

  app.get(
    '/reports/monthly/:month.xlsx',
    {
      config: { access: 'stats:read' },
      schema: {
        operationId: 'getMonthlyReportWorkbook',
        summary:
          'The bureau’s monthly report (labour market, registrations, key groups, buses, policies and payouts, training, enterprise monitoring) as .xlsx',
        tags: ['statistics'],
        params: MonthParamsSchema,
        response: {
          200: {
            description: 'An .xlsx workbook',
            content: { [XLSX]: { schema: z.any().meta({ format: 'binary' }) } },
          },
        },
      },
    },
    async (req, reply) => {
      const file = await svc.monthlyWorkbook(req.ctx.db, req.params.month);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="jiuye-monthly-${req.params.month}.xlsx"`)
        .send(file);
    },
  );
};
