import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';

const page =
  <M,>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => ({ Component: pick(await load()) });

const report = () => import('./report-page');
const staff = () => import('./staff-pages');

/** The clerk's report; `/employer/monitoring/:enterpriseId/:month` is the reminders' link. */
export const employerMonitoringRoutes: RouteObject[] = [
  { path: 'monitoring', lazy: page(report, (m) => m.EmployerReportPage) },
  { path: 'monitoring/:enterpriseId', lazy: page(report, (m) => m.EmployerReportPage) },
  { path: 'monitoring/:enterpriseId/:month', lazy: page(report, (m) => m.EmployerReportPage) },
];

export const staffMonitoringRoutes: RouteObject[] = [
  { path: 'monitoring', lazy: page(staff, (m) => m.SamplesPage) },
  { path: 'monitoring/late', lazy: page(staff, (m) => m.LateReportsPage) },
  { path: 'monitoring/enterprises/:id', lazy: page(staff, (m) => m.EnterpriseReportsPage) },
];
