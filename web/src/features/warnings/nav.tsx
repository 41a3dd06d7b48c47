import { AlertOutlined, ControlOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/layouts/nav-links';
import { useMonitoringT } from '../../i18n/monitoring';

/** The staff console's early-warning entries: the workbench and the rules. */
export function useStaffWarningsNav(): NavItem[] {
  const mt = useMonitoringT();
  return [
    { to: '/staff/alerts', label: mt('monitoring.nav.alerts'), icon: <AlertOutlined /> },
    { to: '/staff/warning-rules', label: mt('monitoring.nav.rules'), icon: <ControlOutlined /> },
  ];
}
