import {
  FileSearchOutlined,
  HomeOutlined,
  SearchOutlined,
  SendOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
// The channel's messages arrive with the area (not with the public pages).
import '../../i18n/channel';
import { useSeekerBusNav } from '../../features/buses/nav';
import { AreaLayout } from './area-layout';

export function SeekerLayout() {
  const { t } = useTranslation();
  const busNav = useSeekerBusNav();
  return (
    <AreaLayout
      nav={[
        { to: '/seeker', end: true, label: t('nav.home'), icon: <HomeOutlined /> },
        { to: '/seeker/jobs', label: t('nav.jobs'), icon: <SearchOutlined /> },
        { to: '/seeker/recommendations', label: t('nav.recommendations'), icon: <FileSearchOutlined /> },
        { to: '/seeker/applications', label: t('nav.applications'), icon: <SendOutlined /> },
        busNav,
        { to: '/seeker/me', label: t('nav.me'), icon: <UserOutlined /> },
      ]}
    />
  );
}
