import { HomeOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { AreaLayout } from './area-layout';

/** Colleges and HR agencies share one area: both answer enterprise demand. */
export function PartnerLayout() {
  const { t } = useTranslation();
  return (
    <AreaLayout
      nav={[
        { to: '/partner', end: true, label: t('nav.home'), icon: <HomeOutlined /> },
        { to: '/partner/account', label: t('nav.account'), icon: <UserOutlined /> },
      ]}
    />
  );
}
