import { FundOutlined, LineChartOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/layouts/nav-links';
import { useMonitoringT } from '../../i18n/monitoring';

/** The staff console's monitoring entry: samples (the late list and histories are linked from there). */
export function useStaffMonitoringNav(): NavItem {
  const mt = useMonitoringT();
  return { to: '/staff/monitoring', label: mt('monitoring.nav.staff'), icon: <FundOutlined /> };
}

/** The enterprise clerk's tab: the monthly headcount report. */
export function useEmployerMonitoringNav(): NavItem {
  const mt = useMonitoringT();
  return { to: '/employer/monitoring', label: mt('monitoring.nav.employer'), icon: <LineChartOutlined /> };
}
