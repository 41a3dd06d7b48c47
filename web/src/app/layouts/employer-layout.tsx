import { BankOutlined, FileTextOutlined, HomeOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
// The channel's messages arrive with the area (not with the public pages).
import '../../i18n/channel';
import { useApplicantPolicyNav } from '../../features/policies/nav';
import { useEmployerBusNav } from '../../features/buses/nav';
import { useEmployerLabourNav } from '../../features/shortages/nav';
import { useEmployerMonitoringNav } from '../../features/monitoring/nav';
import { AreaLayout } from './area-layout';

export function EmployerLayout() {
  const { t } = useTranslation();
  const policyNav = useApplicantPolicyNav('employer');
  const busNav = useEmployerBusNav();
  const labourNav = useEmployerLabourNav();
  const monitoringNav = useEmployerMonitoringNav();
  return (
    <AreaLayout
      nav={[
        { to: '/employer', end: true, label: t('nav.home'), icon: <HomeOutlined /> },
        { to: '/employer/enterprise', label: t('nav.enterprise'), icon: <BankOutlined /> },
        { to: '/employer/postings', label: t('nav.postings'), icon: <FileTextOutlined /> },
        labourNav,
        monitoringNav,
        busNav,
        policyNav,
        { to: '/employer/account', label: t('nav.account'), icon: <UserOutlined /> },
      ]}
    />
  );
}
