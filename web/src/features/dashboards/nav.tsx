import { BarChartOutlined, FileTextOutlined } from '@ant-design/icons';
import { useMe } from '../../app/use-me';
import type { NavItem } from '../../app/layouts/nav-links';
// The staff layout shows these entries, so it loads the statistics messages with them.
import { useDt } from './i18n';

/** The staff console's statistics entries (issue 8), for accounts that may read statistics. */
export function useStaffDashboardNav(): NavItem[] {
  const dt = useDt();
  const me = useMe();
  if (!me.data?.permissions.includes('stats:read')) return [];
  return [
    { to: '/staff/dashboards', end: true, label: dt('nav.overview'), icon: <BarChartOutlined /> },
    { to: '/staff/dashboards/reports', label: dt('nav.reports'), icon: <FileTextOutlined /> },
  ];
}
