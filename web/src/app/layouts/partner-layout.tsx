import { HomeOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSignedInMe } from '../use-me';
import { usePartnerNav } from '../../features/shortages/nav';
import { usePartnerAssistanceNav } from '../../features/assistance/nav';
import { AreaLayout } from './area-layout';

/**
 * Colleges, HR agencies and partner-region officers share one area; each role sees its own entry
 * (college desk, service contracts, targeted recruitment for the officer's region).
 */
export function PartnerLayout() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const roleNav = usePartnerNav(me.role);
  const assistanceNav = usePartnerAssistanceNav(me.role);
  return (
    <AreaLayout
      nav={[
        { to: '/partner', end: true, label: t('nav.home'), icon: <HomeOutlined /> },
        ...roleNav,
        ...assistanceNav,
        { to: '/partner/account', label: t('nav.account'), icon: <UserOutlined /> },
      ]}
    />
  );
}
