import { useQuery } from '@tanstack/react-query';
import {
  DashboardSchema,
  FunnelSchema,
  OpenDataSchema,
  SupplyDemandSchema,
  TrendsSchema,
  type IndicatorKey,
} from '@jiuye/shared';
import { apiDownload, apiRequest } from '../../app/api-client';
import { shiftMonth } from './months';

export const statsKeys = {
  all: ['stats'] as const,
  dashboard: (month: string, area: string) => ['stats', 'dashboard', month, area] as const,
  trends: (to: string, area: string, indicators: readonly string[]) =>
    ['stats', 'trends', to, area, [...indicators].sort().join(',')] as const,
  funnel: (month: string, area: string) => ['stats', 'funnel', month, area] as const,
  supplyDemand: (period: string, area: string, by: 'district' | 'occupation') =>
    ['stats', 'supply-demand', period, area, by] as const,
  openData: (period: string) => ['open-data', 'labour-market', period] as const,
};

// Past months' figures change only when late records arrive; a few minutes' cache is plenty.
const STALE = 5 * 60_000;

/** Headline figures with the month before, the area's districts and its open alerts. */
export function useDashboard(month: string, area: string) {
  return useQuery({
    queryKey: statsKeys.dashboard(month, area),
    queryFn: () => apiRequest('/api/v1/stats/dashboard', { query: { month, area } }, DashboardSchema),
    staleTime: STALE,
  });
}

/** The 12 months ending with `to`, one series per indicator. */
export function useTrends(to: string, area: string, indicators: readonly IndicatorKey[]) {
  return useQuery({
    queryKey: statsKeys.trends(to, area, indicators),
    queryFn: () =>
      apiRequest(
        '/api/v1/stats/trends',
        { query: { from: shiftMonth(to, -11), to, area, indicators: indicators.join(',') } },
        TrendsSchema,
      ),
    staleTime: STALE,
    enabled: indicators.length > 0,
  });
}

export function useFunnel(month: string, area: string) {
  return useQuery({
    queryKey: statsKeys.funnel(month, area),
    queryFn: () => apiRequest('/api/v1/stats/funnel', { query: { month, area } }, FunnelSchema),
    staleTime: STALE,
  });
}

export function useSupplyDemand(period: string, area: string, by: 'district' | 'occupation') {
  return useQuery({
    queryKey: statsKeys.supplyDemand(period, area, by),
    queryFn: () =>
      apiRequest('/api/v1/stats/supply-demand', { query: { period, area, by } }, SupplyDemandSchema),
    staleTime: STALE,
  });
}

export function useOpenData(period: string) {
  return useQuery({
    queryKey: statsKeys.openData(period),
    queryFn: () => apiRequest('/api/v1/open-data/labour-market', { query: { period } }, OpenDataSchema),
    staleTime: STALE,
  });
}

/** The bureau's monthly report as a file; a failure carries the server's problem+json. */
export function downloadMonthlyReport(month: string, kind: 'xlsx' | 'pdf') {
  return apiDownload(`/api/v1/reports/monthly/${month}.${kind}`);
}
