import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';

const page =
  <M,>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => ({ Component: pick(await load()) });

const alerts = () => import('./alerts-page');
const detail = () => import('./alert-detail');
const rules = () => import('./rules-page');

/** Issue 8's early warning in the staff console; `/staff/alerts/:id` is the notifications' link. */
export const staffWarningsRoutes: RouteObject[] = [
  { path: 'alerts', lazy: page(alerts, (m) => m.AlertsPage) },
  { path: 'alerts/:id', lazy: page(detail, (m) => m.AlertPage) },
  { path: 'warning-rules', lazy: page(rules, (m) => m.RulesPage) },
];
