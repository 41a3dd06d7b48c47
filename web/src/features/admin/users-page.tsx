import { useState } from 'react';
import { App, Badge, Button, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ROLES, type AdminUser, type Role } from '@jiuye/shared';
import { ProblemAlert } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { ScrollRegion } from '../../app/scroll-region';
import { useSignedInMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import { useDistricts } from '../reference/api';
import { adminKeys, listUsers, resetUserPassword, setUserEnabled, type ListUsersQuery } from './api';
import { CreateUserDialog } from './create-user-dialog';
import { MfaTag, UserSecurityActions } from './user-security';

const STATUSES = ['active', 'disabled'] as const;
type Status = (typeof STATUSES)[number];

function isRole(value: string | null): value is Role {
  return value !== null && (ROLES as readonly string[]).includes(value);
}
function isStatus(value: string | null): value is Status {
  return value !== null && (STATUSES as readonly string[]).includes(value);
}

/** Filters live in the URL, so a reload or a shared link shows the same list. */
function useUserQuery(): [ListUsersQuery, (patch: Partial<ListUsersQuery>) => void] {
  const [params, setParams] = useSearchParams();
  const role = params.get('role');
  const status = params.get('status');
  const query: ListUsersQuery = {
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Math.min(100, Math.max(1, Number(params.get('pageSize')) || 20)),
    role: isRole(role) ? role : undefined,
    status: isStatus(status) ? status : undefined,
    q: params.get('q') ?? undefined,
  };
  const update = (patch: Partial<ListUsersQuery>) => {
    const next = { ...query, ...patch };
    const out = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) {
      if (value !== undefined && value !== '' && value !== null) out.set(key, String(value));
    }
    setParams(out, { replace: true });
  };
  return [query, update];
}

export function UsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.users.title'));
  const locale = useLocale();
  const me = useSignedInMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [query, setQuery] = useUserQuery();
  const [search, setSearch] = useState(query.q ?? '');
  const [createOpen, setCreateOpen] = useState(false);
  const [tempPassword, setTempPassword] = useState<{ name: string; password: string } | null>(null);
  const districts = useDistricts();
  const districtName = new Map((districts.data ?? []).map((d) => [d.code, d.name]));

  const users = useQuery({
    queryKey: adminKeys.users(query),
    queryFn: () => listUsers(query),
    placeholderData: keepPreviousData,
  });

  const toggle = useMutation({
    mutationFn: ({ user, enable }: { user: AdminUser; enable: boolean }) => setUserEnabled(user.id, enable),
    onSuccess: (_data, { enable }) => {
      void message.success(enable ? t('admin.users.enabledDone') : t('admin.users.disabledDone'));
      void queryClient.invalidateQueries({ queryKey: adminKeys.allUsers });
    },
  });

  const reset = useMutation({
    mutationFn: (user: AdminUser) => resetUserPassword(user.id),
    onSuccess: (result, user) => {
      setTempPassword({ name: user.displayName, password: result.temporaryPassword });
      void queryClient.invalidateQueries({ queryKey: adminKeys.allUsers });
    },
  });

  const columns: TableProps<AdminUser>['columns'] = [
    { title: t('admin.users.colName'), dataIndex: 'displayName', key: 'displayName' },
    { title: t('admin.users.colPhone'), dataIndex: 'phone', key: 'phone' },
    {
      title: t('admin.users.colRole'),
      dataIndex: 'role',
      key: 'role',
      render: (role: Role) => <Tag>{t(`roles.${role}`)}</Tag>,
    },
    {
      title: t('admin.users.colDistricts'),
      dataIndex: 'districtCodes',
      key: 'districtCodes',
      render: (codes: string[]) => codes.map((code) => districtName.get(code) ?? code).join('、'),
    },
    {
      title: t('admin.users.colStatus'),
      key: 'status',
      render: (_value, user) => (
        <Space orientation="vertical" size={2}>
          <Badge
            status={user.status === 'active' ? 'success' : 'default'}
            text={t(`admin.users.status.${user.status}`)}
          />
          {user.lockedUntil && Date.parse(user.lockedUntil) > Date.now() && (
            <Tag>{t('admin.users.locked')}</Tag>
          )}
          {user.mustChangePassword && <Tag>{t('admin.users.mustChange')}</Tag>}
          <MfaTag user={user} />
        </Space>
      ),
    },
    {
      title: t('admin.users.colLastLogin'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      render: (value: string | null) => (value ? formatDateTime(value, locale) : t('common.never')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, user) =>
        user.id === me.id ? null : (
          <Space wrap size={0}>
            <Popconfirm
              title={
                user.status === 'active'
                  ? t('admin.users.confirmDisable', { name: user.displayName })
                  : t('admin.users.confirmEnable', { name: user.displayName })
              }
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => toggle.mutate({ user, enable: user.status !== 'active' })}
            >
              <Button type="link" danger={user.status === 'active'}>
                {user.status === 'active' ? t('admin.users.disable') : t('admin.users.enable')}
                <span className="sr-only"> {user.displayName}</span>
              </Button>
            </Popconfirm>
            <Popconfirm
              title={t('admin.users.confirmReset', { name: user.displayName })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => reset.mutate(user)}
            >
              <Button type="link">
                {t('admin.users.resetPassword')}
                <span className="sr-only"> {user.displayName}</span>
              </Button>
            </Popconfirm>
            <UserSecurityActions user={user} />
          </Space>
        ),
    },
  ];

  return (
    <div className="page">
      <Typography.Title level={1}>{t('admin.users.title')}</Typography.Title>
      <div className="toolbar" role="search">
        <Input.Search
          aria-label={t('admin.users.search')}
          placeholder={t('admin.users.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(value) => setQuery({ q: value.trim() || undefined, page: 1 })}
          enterButton={t('common.search')}
          allowClear
          style={{ maxWidth: 320 }}
        />
        <Select<Role | ''>
          aria-label={t('admin.users.roleFilter')}
          value={query.role ?? ''}
          onChange={(value) => setQuery({ role: value || undefined, page: 1 })}
          style={{ minWidth: 160 }}
          options={[
            { value: '', label: t('admin.users.allRoles') },
            ...ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) })),
          ]}
        />
        <Select<Status | ''>
          aria-label={t('admin.users.statusFilter')}
          value={query.status ?? ''}
          onChange={(value) => setQuery({ status: value || undefined, page: 1 })}
          style={{ minWidth: 140 }}
          options={[
            { value: '', label: t('admin.users.allStatuses') },
            ...STATUSES.map((status) => ({ value: status, label: t(`admin.users.status.${status}`) })),
          ]}
        />
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreateOpen(true)}>
          {t('admin.users.create')}
        </Button>
      </div>
      <ProblemAlert error={users.error ?? toggle.error ?? reset.error} />
      <ScrollRegion label={t('admin.users.title')} minWidth={960}>
        <Table<AdminUser>
          rowKey="id"
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.isFetching}
          pagination={{
            // Start-aligned: inside the sideways-scrolling box, a right-aligned pager would sit
            // off-screen on a phone.
            placement: ['bottomStart'],
            current: query.page,
            pageSize: query.pageSize,
            total: users.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setQuery({ page, pageSize }),
          }}
        />
      </ScrollRegion>
      <CreateUserDialog
        open={createOpen}
        onClose={() => setCreateOpen(false)}
        onCreated={() => {
          setCreateOpen(false);
          void message.success(t('admin.users.created'));
          void queryClient.invalidateQueries({ queryKey: adminKeys.allUsers });
        }}
      />
      <Modal
        open={tempPassword !== null}
        title={t('admin.users.tempTitle')}
        onCancel={() => setTempPassword(null)}
        footer={
          <Button type="primary" onClick={() => setTempPassword(null)}>
            {t('common.close')}
          </Button>
        }
        destroyOnHidden
      >
        {tempPassword && (
          <>
            <Typography.Paragraph>{tempPassword.name}</Typography.Paragraph>
            <Typography.Paragraph copyable={{ text: tempPassword.password }}>
              <Typography.Text code strong style={{ fontSize: '1.25rem' }} data-testid="temporary-password">
                {tempPassword.password}
              </Typography.Text>
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary">{t('admin.users.tempNote')}</Typography.Paragraph>
          </>
        )}
      </Modal>
    </div>
  );
}
