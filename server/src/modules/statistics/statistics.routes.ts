import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DashboardQuerySchema,
  DashboardSchema,
  FunnelQuerySchema,
  FunnelSchema,
  TrendsQuerySchema,
  TrendsSchema,
  IndicatorReportSchema,
  MonthParamsSchema,
  OpenDataQuerySchema,
  OpenDataSchema,
  StatsQuerySchema,
  SupplyDemandQuerySchema,
  SupplyDemandSchema,
} from '@jiuye/shared';
import * as svc from './statistics.service.js';
import * as dash from './statistics.dashboard.js';
import { sendDownload } from '../../platform/uploads.js';
import { rateLimitOf } from '../../platform/rate-limits.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PDF = 'application/pdf';

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
    async (req) => svc.indicatorReport(req.ctx.deps.readDb ?? req.ctx.db, req.query.period, req.query.area),
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

  // Dashboards (issue 8): staff see their districts, city-wide staff and tokens the city.
  app.get(
    '/stats/dashboard',
    {
      config: { access: 'stats:read' },
      schema: {
        operationId: 'getStatsDashboard',
        summary:
          'City overview of a month: headline indicators with the change on the previous month, the districts for drill-down, open alerts by severity',
        tags: ['statistics'],
        querystring: DashboardQuerySchema,
        response: { 200: DashboardSchema },
      },
    },
    async (req) => dash.dashboard(req.ctx, req.query),
  );

  app.get(
    '/stats/trends',
    {
      config: { access: 'stats:read' },
      schema: {
        operationId: 'getStatsTrends',
        summary:
          'Monthly series of indicators (comma-separated) from one month to another, at most 36 months',
        tags: ['statistics'],
        querystring: TrendsQuerySchema,
        response: { 200: TrendsSchema },
      },
    },
    async (req) => dash.trends(req.ctx, req.query),
  );

  app.get(
    '/stats/funnel',
    {
      config: { access: 'stats:read' },
      schema: {
        operationId: 'getStatsFunnel',
        summary: 'The funnel of a month: postings published → applications → interviews → offers → hires',
        tags: ['statistics'],
        querystring: FunnelQuerySchema,
        response: { 200: FunnelSchema },
      },
    },
    async (req) => dash.funnel(req.ctx, req.query),
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
    async (req) => svc.openData(req.ctx.deps.readDb ?? req.ctx.db, req.query.period),
  );

  app.get(
    '/reports/monthly/:month.xlsx',
    {
      config: { access: 'stats:read', rateLimit: rateLimitOf('export') },
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
      return sendDownload(reply, {
        content: file,
        mediaType: XLSX,
        filename: `jiuye-monthly-${req.params.month}.xlsx`,
      });
    },
  );

  app.get(
    '/reports/monthly/:month.pdf',
    {
      config: { access: 'stats:read', rateLimit: rateLimitOf('export'), errors: ['report_font_unavailable'] },
      schema: {
        operationId: 'getMonthlyReportPdf',
        summary:
          'The bureau’s monthly report as an A4 PDF: the same tables as the .xlsx (and early-warning alerts), Chinese font embedded; 503 report_font_unavailable when the server has no CJK font',
        tags: ['statistics'],
        params: MonthParamsSchema,
        response: {
          200: {
            description: 'A PDF document',
            content: { [PDF]: { schema: z.any().meta({ format: 'binary' }) } },
          },
        },
      },
    },
    async (req, reply) => {
      const file = await svc.monthlyReportPdfFile(req.ctx, req.params.month);
      const name = `湛江市月度就业监测报告-${req.params.month}.pdf`;
      return sendDownload(reply, {
        content: file,
        mediaType: PDF,
        filename: name,
        asciiFilename: `jiuye-monthly-report-${req.params.month}.pdf`,
      });
    },
  );
};
