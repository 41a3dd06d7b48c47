import { DashboardOutlined, KeyOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ConsoleLayout } from './console-layout';

export function AdminLayout() {
  const { t } = useTranslation();
  return (
    <ConsoleLayout
      nav={[
        { to: '/admin', end: true, label: t('nav.console'), icon: <DashboardOutlined /> },
        { to: '/admin/users', label: t('nav.users'), icon: <TeamOutlined /> },
        { to: '/admin/api-tokens', label: t('nav.tokens'), icon: <KeyOutlined /> },
        { to: '/admin/account', label: t('header.account'), icon: <UserOutlined /> },
      ]}
    />
  );
}
