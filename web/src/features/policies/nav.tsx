import {
  AimOutlined,
  FileProtectOutlined,
  GiftOutlined,
  NotificationOutlined,
  PayCircleOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { NavItem } from '../../app/layouts/nav-links';
import { useSignedInMe } from '../../app/use-me';
// The layouts that show these entries load the policies' messages with them.
import '../../i18n/policies';
import { isCityWideStaffCodes } from './city-wide';

/**
 * The staff console's policy entries. District officers review; the bureau's steps (approval,
 * notice and objections, payouts, the catalogue) are shown to city-wide officers only, who are
 * the only ones the server lets take them.
 */
export function useStaffPolicyNav(): NavItem[] {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const cityWide = isCityWideStaffCodes(me.districtCodes);
  return [
    { to: '/staff/policy-review', label: t('policies.nav.review'), icon: <FileProtectOutlined /> },
    ...(cityWide
      ? [
          {
            to: '/staff/policy-approval',
            label: t('policies.nav.approval'),
            icon: <SafetyCertificateOutlined />,
          },
          { to: '/staff/policy-notices', label: t('policies.nav.notices'), icon: <NotificationOutlined /> },
          { to: '/staff/payouts', label: t('policies.nav.payouts'), icon: <PayCircleOutlined /> },
        ]
      : []),
    { to: '/staff/proactive', label: t('policies.nav.proactive'), icon: <AimOutlined /> },
    ...(cityWide
      ? [{ to: '/staff/policies', label: t('policies.nav.manage'), icon: <ProfileOutlined /> }]
      : []),
  ];
}

/** The applicant areas' one entry: their applications, with the catalogue a tap away. */
export function useApplicantPolicyNav(area: 'employer' | 'seeker'): NavItem {
  const { t } = useTranslation();
  return { to: `/${area}/policies`, label: t('policies.nav.applicant'), icon: <GiftOutlined /> };
}
