import { AuditOutlined, BankOutlined, DashboardOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
// The channel's messages arrive with the area (not with the public pages).
import '../../i18n/channel';
import { useStaffPolicyNav } from '../../features/policies/nav';
import { useStaffBusNav } from '../../features/buses/nav';
import { useStaffLabourNav } from '../../features/shortages/nav';
import { useStaffAssistanceNav } from '../../features/assistance/nav';
import { useStaffDashboardNav } from '../../features/dashboards/nav';
import { useStaffMonitoringNav } from '../../features/monitoring/nav';
import { useStaffWarningsNav } from '../../features/warnings/nav';
import { ConsoleLayout } from './console-layout';

export function StaffLayout() {
  const { t } = useTranslation();
  const policyNav = useStaffPolicyNav();
  const busNav = useStaffBusNav();
  const labourNav = useStaffLabourNav();
  const assistanceNav = useStaffAssistanceNav();
  const dashboardNav = useStaffDashboardNav();
  const monitoringNav = useStaffMonitoringNav();
  const warningsNav = useStaffWarningsNav();
  return (
    <ConsoleLayout
      nav={[
        { to: '/staff', end: true, label: t('nav.console'), icon: <DashboardOutlined /> },
        { to: '/staff/review', label: t('nav.review'), icon: <AuditOutlined /> },
        { to: '/staff/enterprises', label: t('nav.enterprises'), icon: <BankOutlined /> },
        ...dashboardNav,
        monitoringNav,
        ...warningsNav,
        ...assistanceNav,
        ...labourNav,
        ...busNav,
        ...policyNav,
        { to: '/staff/account', label: t('header.account'), icon: <UserOutlined /> },
      ]}
    />
  );
}
