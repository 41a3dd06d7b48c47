import { HomeOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { AreaLayout } from './area-layout';

export function EmployerLayout() {
  const { t } = useTranslation();
  return (
    <AreaLayout
      nav={[
        { to: '/employer', end: true, label: t('nav.home'), icon: <HomeOutlined /> },
        { to: '/employer/account', label: t('nav.account'), icon: <UserOutlined /> },
      ]}
    />
  );
}
