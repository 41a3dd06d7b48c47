import { Badge, Typography } from 'antd';
import { BellOutlined, FileTextOutlined, SaveOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';
import { alertKeys, listNotifications } from '../alerts/api';

/** The "me" tab: résumé, messages, saved searches and the account, as large tap targets. */
export function SeekerMePage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.me'));
  const unread = useQuery({
    queryKey: alertKeys.unread,
    queryFn: async () => (await listNotifications(1, 1)).unreadCount,
    staleTime: 60_000,
  });
  const links = [
    { to: '/seeker/resume', icon: <FileTextOutlined />, label: t('modules.resume.title') },
    {
      to: '/seeker/notifications',
      icon: <BellOutlined />,
      label: t('modules.notifications.title'),
      count: unread.data ?? 0,
    },
    { to: '/seeker/saved-searches', icon: <SaveOutlined />, label: t('modules.savedSearches.title') },
    { to: '/seeker/account', icon: <UserOutlined />, label: t('header.account') },
  ];
  return (
    <div className="page page--reading">
      <Typography.Title level={1}>{t('nav.me')}</Typography.Title>
      <ul className="link-list">
        {links.map((l) => (
          <li key={l.to}>
            <Link to={l.to}>
              <span aria-hidden>{l.icon}</span>
              <span>{l.label}</span>
              {l.count ? (
                <Badge
                  count={l.count}
                  color="#a8071a"
                  title={t('notifications.unread', { count: l.count })}
                />
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
