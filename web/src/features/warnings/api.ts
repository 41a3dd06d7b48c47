import { z } from 'zod';
import {
  pageOf,
  type CreateWarningRuleBody,
  type UpdateWarningRuleBody,
  WarningAlertSchema,
  WarningRuleSchema,
  type WarningAlert,
  type WarningRule,
} from '@jiuye/shared';
import { apiRequest } from '../../app/api-client';

export type { CreateWarningRuleBody, UpdateWarningRuleBody, WarningAlert, WarningRule };

/* Calls of issue 8's early warning (docs/api.md, "early warning"). */

const id = (x: string) => encodeURIComponent(x);
const AlertPage = pageOf(WarningAlertSchema);
const RuleList = z.object({ items: z.array(WarningRuleSchema) });

export type AlertQuery = {
  status?: string | undefined;
  severity?: string | undefined;
  kind?: string | undefined;
  districtCode?: string | undefined;
  mine?: 'true' | undefined;
  page: number;
  pageSize: number;
};

export const warningKeys = {
  all: ['warnings'] as const,
  alerts: (q: object) => ['warnings', 'alerts', q] as const,
  alert: (alertId: string) => ['warnings', 'alert', alertId] as const,
  rules: ['warnings', 'rules'] as const,
};

export const listAlerts = (q: AlertQuery) => apiRequest('/api/v1/alerts', { query: q }, AlertPage);
export const getAlert = (alertId: string) =>
  apiRequest(`/api/v1/alerts/${id(alertId)}`, {}, WarningAlertSchema);
export const acknowledgeAlert = (alertId: string) =>
  apiRequest(`/api/v1/alerts/${id(alertId)}/acknowledge`, { method: 'POST', body: {} }, WarningAlertSchema);
export const resolveAlert = (alertId: string, note: string) =>
  apiRequest(`/api/v1/alerts/${id(alertId)}/resolve`, { method: 'POST', body: { note } }, WarningAlertSchema);

export const listRules = () => apiRequest('/api/v1/warning-rules', {}, RuleList);

// Rules are edited by city-wide staff; each change is a new version, sent back for concurrency.
export const createRule = (body: CreateWarningRuleBody) =>
  apiRequest('/api/v1/warning-rules', { method: 'POST', body }, WarningRuleSchema);
export const updateRule = (ruleId: string, body: UpdateWarningRuleBody) =>
  apiRequest(`/api/v1/warning-rules/${id(ruleId)}`, { method: 'PATCH', body }, WarningRuleSchema);
export const disableRule = (ruleId: string, version: number) =>
  apiRequest(
    `/api/v1/warning-rules/${id(ruleId)}/disable`,
    { method: 'POST', body: { version } },
    WarningRuleSchema,
  );
