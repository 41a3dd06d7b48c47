import { DashboardOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ConsoleLayout } from './console-layout';

export function StaffLayout() {
  const { t } = useTranslation();
  return (
    <ConsoleLayout
      nav={[
        { to: '/staff', end: true, label: t('nav.console'), icon: <DashboardOutlined /> },
        { to: '/staff/account', label: t('header.account'), icon: <UserOutlined /> },
      ]}
    />
  );
}
