import {
  AlertOutlined,
  ApartmentOutlined,
  BankOutlined,
  GlobalOutlined,
  ShopOutlined,
  SolutionOutlined,
  StarOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Card, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Role } from '@jiuye/shared';
import type { NavItem } from '../../app/layouts/nav-links';
import { usePageTitle } from '../../app/page-title';
// The layouts that show these entries load the labour programmes' messages with them.
import '../../i18n/labour';

/** The staff console's entries for issue 6: shortages, sharing, colleges, key enterprises, regions, fairs, agencies. */
export function useStaffLabourNav(): NavItem[] {
  const { t } = useTranslation();
  return [
    { to: '/staff/shortages', label: t('labour.nav.shortages'), icon: <AlertOutlined /> },
    { to: '/staff/sharing', label: t('labour.nav.sharing'), icon: <SwapOutlined /> },
    { to: '/staff/colleges', label: t('labour.nav.colleges'), icon: <ApartmentOutlined /> },
    { to: '/staff/key-enterprises', label: t('labour.nav.keyEnterprises'), icon: <StarOutlined /> },
    { to: '/staff/partner-regions', label: t('labour.nav.regions'), icon: <GlobalOutlined /> },
    { to: '/staff/fairs', label: t('labour.nav.fairs'), icon: <ShopOutlined /> },
    { to: '/staff/agencies', label: t('labour.nav.agencies'), icon: <SolutionOutlined /> },
  ];
}

/** The employer's one entry (the tab bar has room for few): the labour hub. */
export function useEmployerLabourNav(): NavItem {
  const { t } = useTranslation();
  return { to: '/employer/labour', label: t('labour.nav.employer'), icon: <TeamOutlined /> };
}

/** The partner area's entries by role: colleges, agencies and partner-region officers each get theirs. */
export function usePartnerNav(role: Role): NavItem[] {
  const { t } = useTranslation();
  if (role === 'college')
    return [{ to: '/partner/college', label: t('labour.nav.college'), icon: <ApartmentOutlined /> }];
  if (role === 'agency')
    return [{ to: '/partner/agency', label: t('labour.nav.agency'), icon: <BankOutlined /> }];
  if (role === 'partner')
    return [{ to: '/partner/region', label: t('labour.nav.region'), icon: <GlobalOutlined /> }];
  return [];
}

const EMPLOYER_HUB = [
  { key: 'shortages', to: '/employer/shortages' },
  { key: 'idle', to: '/employer/idle-workforce' },
  { key: 'sharing', to: '/employer/sharing' },
  { key: 'college', to: '/employer/college' },
  { key: 'fairs', to: '/employer/fairs' },
  { key: 'serviceLog', to: '/employer/service-log' },
] as const;

/** The employer's labour services in one place: shortages, sharing, colleges, fairs, service log. */
export function EmployerLabourHubPage() {
  const { t } = useTranslation();
  usePageTitle(t('labour.hub.title'));
  return (
    <div className="page">
      <Typography.Title level={1}>{t('labour.hub.title')}</Typography.Title>
      <Typography.Paragraph>{t('labour.hub.intro')}</Typography.Paragraph>
      <ul className="module-grid" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {EMPLOYER_HUB.map(({ key, to }) => (
          <li key={key}>
            <Card size="small" style={{ height: '100%' }}>
              <Typography.Title level={2} style={{ marginTop: 0, fontSize: '1.125rem' }}>
                <Link to={to}>{t(`labour.hub.${key}.title`)}</Link>
              </Typography.Title>
              <Typography.Paragraph style={{ marginBottom: 0 }}>
                {t(`labour.hub.${key}.desc`)}
              </Typography.Paragraph>
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
