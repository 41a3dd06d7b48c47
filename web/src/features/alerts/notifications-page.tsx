import { Alert, Button, List, Pagination, Typography } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { alertKeys, listNotifications, markAllNotificationsRead, markNotificationRead } from './api';

/** In-app messages: new jobs for saved searches, daily digests, application changes. */
export function NotificationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('notifications.title'));
  const locale = useLocale();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: alertKeys.notifications(page),
    queryFn: () => listNotifications(page),
    placeholderData: keepPreviousData,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: alertKeys.allNotifications });
  const readOne = useMutation({ mutationFn: markNotificationRead, onSuccess: refresh });
  const readAll = useMutation({ mutationFn: markAllNotificationsRead, onSuccess: refresh });

  return (
    <div className="page page--reading">
      <Typography.Title level={1}>{t('notifications.title')}</Typography.Title>
      <div className="toolbar">
        <Typography.Text role="status">
          {list.data ? t('notifications.unread', { count: list.data.unreadCount }) : ''}
        </Typography.Text>
        {(list.data?.unreadCount ?? 0) > 0 && (
          <Button onClick={() => readAll.mutate()} loading={readAll.isPending}>
            {t('notifications.readAll')}
          </Button>
        )}
      </div>
      <ProblemAlert error={list.error ?? readOne.error ?? readAll.error} />
      {list.isPending && <PageSpinner />}
      {list.data?.items.length === 0 && <Alert type="info" showIcon title={t('notifications.empty')} />}
      {list.data && list.data.items.length > 0 && (
        <List
          className="notification-list"
          dataSource={list.data.items}
          renderItem={(n) => (
            <List.Item
              actions={
                n.readAt
                  ? []
                  : [
                      <Button key="read" type="link" onClick={() => readOne.mutate(n.id)}>
                        {t('notifications.markRead')}
                        <span className="sr-only"> {n.title}</span>
                      </Button>,
                    ]
              }
            >
              <div>
                <div className="notification-title">
                  {!n.readAt && <StatusChip tone="info">{t('notifications.new')}</StatusChip>}{' '}
                  {n.link && n.link.startsWith('/') && !n.link.startsWith('//') ? (
                    <Link to={n.link} onClick={() => !n.readAt && readOne.mutate(n.id)}>
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </div>
                <div className="notification-when">{formatDateTime(n.createdAt, locale)}</div>
              </div>
            </List.Item>
          )}
        />
      )}
      {list.data && list.data.total > list.data.pageSize && (
        <Pagination
          style={{ marginTop: 16 }}
          current={page}
          pageSize={list.data.pageSize}
          total={list.data.total}
          onChange={setPage}
          showSizeChanger={false}
        />
      )}
    </div>
  );
}
