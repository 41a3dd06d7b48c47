import { z } from 'zod';
import {
  LateListSchema,
  MonitoredEnterpriseSchema,
  MonthlyReportSchema,
  pageOf,
  type MonitoredEnterprise,
  type MonthlyReport,
  type MonthlyReportBody,
} from '@jiuye/shared';
import { apiRequest } from '../../app/api-client';

export type { MonitoredEnterprise, MonthlyReport, MonthlyReportBody };

/* Calls of issue 8's enterprise employment monitoring (docs/api.md, "monitoring"). */

const id = (x: string) => encodeURIComponent(x);
const SamplePage = pageOf(MonitoredEnterpriseSchema);
const ReportList = z.object({ items: z.array(MonthlyReportSchema) });

export const monitoringKeys = {
  all: ['monitoring'] as const,
  samples: (q: object) => ['monitoring', 'samples', q] as const,
  late: (q: object) => ['monitoring', 'late', q] as const,
  reports: (enterpriseId: string) => ['monitoring', 'reports', enterpriseId] as const,
};

export const listSamples = (q: { districtCode?: string | undefined; page: number; pageSize: number }) =>
  apiRequest('/api/v1/monitoring/samples', { query: q }, SamplePage);

export const designateSample = (body: { enterpriseId: string; firstMonth?: string; note?: string }) =>
  apiRequest('/api/v1/monitoring/samples', { method: 'POST', body }, MonitoredEnterpriseSchema);

export const listLate = (q: { month: string; districtCode?: string | undefined }) =>
  apiRequest('/api/v1/monitoring/late', { query: q }, LateListSchema);

export const listReports = (enterpriseId: string) =>
  apiRequest(`/api/v1/monitoring/enterprises/${id(enterpriseId)}/reports`, {}, ReportList);

/** Files (201) or, before the deadline, corrects (200) a month's report. */
export const submitReport = (enterpriseId: string, month: string, body: MonthlyReportBody) =>
  apiRequest(
    `/api/v1/monitoring/enterprises/${id(enterpriseId)}/reports/${id(month)}`,
    { method: 'PUT', body },
    MonthlyReportSchema,
  );
