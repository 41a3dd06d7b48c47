import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';

/*
 * Issue 8's pages. Each is its own lazy chunk: ECharts (and exceljs, loaded only on export) come
 * with the overview pages alone, never with the main bundle or the public open-data page.
 */
const page =
  <M,>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => ({ Component: pick(await load()) });

const overview = () => import('./overview-page');

export const staffDashboardRoutes: RouteObject[] = [
  { path: 'dashboards', lazy: page(overview, (m) => m.OverviewPage) },
  { path: 'dashboards/districts/:code', lazy: page(overview, (m) => m.DistrictDashboardPage) },
  {
    path: 'dashboards/reports',
    lazy: page(
      () => import('./reports-page'),
      (m) => m.MonthlyReportPage,
    ),
  },
];

export const publicDashboardRoutes: RouteObject[] = [
  {
    path: 'open-data',
    lazy: page(
      () => import('./open-data-page'),
      (m) => m.OpenDataPage,
    ),
  },
];
