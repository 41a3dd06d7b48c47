import {
  BookOutlined,
  FileSearchOutlined,
  HeartOutlined,
  IdcardOutlined,
  ReadOutlined,
  ShoppingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Role } from '@jiuye/shared';
import type { NavItem } from '../../app/layouts/nav-links';
// The layouts that show these entries load the messages of registration and assistance with them.
import '../../i18n/assistance';

/** The staff console's entries for issue 7: the desk first (it is used all day), then casework and programmes. */
export function useStaffAssistanceNav(): NavItem[] {
  const { t } = useTranslation();
  return [
    { to: '/staff/desk', label: t('assistance.nav.desk'), icon: <IdcardOutlined /> },
    { to: '/staff/cases', label: t('assistance.nav.cases'), icon: <FileSearchOutlined /> },
    { to: '/staff/persons', label: t('assistance.nav.persons'), icon: <TeamOutlined /> },
    { to: '/staff/graduates', label: t('assistance.nav.graduates'), icon: <ReadOutlined /> },
    { to: '/staff/welfare-posts', label: t('training.nav.welfare'), icon: <HeartOutlined /> },
    { to: '/staff/training', label: t('training.nav.courses'), icon: <BookOutlined /> },
    { to: '/staff/ecommerce', label: t('training.nav.ecommerce'), icon: <ShoppingOutlined /> },
  ];
}

/** Colleges and agencies provide training; colleges also report their graduates. */
export function usePartnerAssistanceNav(role: Role): NavItem[] {
  const { t } = useTranslation();
  if (role !== 'college' && role !== 'agency') return [];
  return [
    { to: '/partner/training', label: t('training.nav.courses'), icon: <BookOutlined /> },
    ...(role === 'college'
      ? [{ to: '/partner/graduates', label: t('assistance.nav.graduates'), icon: <ReadOutlined /> }]
      : []),
  ];
}
