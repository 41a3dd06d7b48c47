import { HomeOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { AreaLayout } from './area-layout';

export function SeekerLayout() {
  const { t } = useTranslation();
  return (
    <AreaLayout
      nav={[
        { to: '/seeker', end: true, label: t('nav.home'), icon: <HomeOutlined /> },
        { to: '/seeker/jobs', label: t('nav.jobs'), icon: <SearchOutlined /> },
        { to: '/seeker/account', label: t('nav.account'), icon: <UserOutlined /> },
      ]}
    />
  );
}
