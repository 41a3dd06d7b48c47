import { useState } from 'react';
import {
  Alert,
  App,
  Badge,
  Button,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fieldMessage, TOKEN_SCOPES } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, checkRule, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { ScrollRegion } from '../../app/scroll-region';
import { useLocale } from '../../i18n';
import {
  adminKeys,
  createApiToken,
  listApiTokens,
  revokeApiToken,
  type ApiToken,
  type CreatedApiToken,
} from './api';

const EXPIRY_DAYS = { never: null, d30: 30, d90: 90, d365: 365 } as const;
type Expiry = keyof typeof EXPIRY_DAYS;
type TokenScope = (typeof TOKEN_SCOPES)[number];
type TokenStatus = 'active' | 'revoked' | 'expired';

type CreateTokenForm = { name: string; scopes: TokenScope[]; expiry: Expiry };
const FIELDS = ['name', 'scopes', 'expiresAt'] as const;

function statusOf(token: ApiToken): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= Date.now()) return 'expired';
  return 'active';
}

/*
 * Scope names contain ':', which i18next's key types read as a namespace separator; with a large
 * message catalogue that inference instantiates too deeply, so these keys are looked up untyped
 * (the messages exist in both languages: admin.tokens.scope in zh-CN.ts and en-US.ts).
 */
function scopeLabel(scope: string, t: ReturnType<typeof useTranslation>['t']): string {
  const lookup = t as unknown as (key: string) => string;
  return (TOKEN_SCOPES as readonly string[]).includes(scope) ? lookup(`admin.tokens.scope.${scope}`) : scope;
}

function CreateTokenDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (token: CreatedApiToken) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [form] = Form.useForm<CreateTokenForm>();
  const mutation = useMutation({
    mutationFn: (values: CreateTokenForm) => {
      const days = EXPIRY_DAYS[values.expiry];
      return createApiToken({
        name: values.name.trim(),
        scopes: values.scopes,
        ...(days === null ? {} : { expiresAt: new Date(Date.now() + days * 86_400_000).toISOString() }),
      });
    },
    onSuccess: onCreated,
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, FIELDS);
    },
  });
  return (
    <Modal
      open={open}
      title={t('admin.tokens.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      onCancel={onClose}
      forceRender
      afterClose={() => {
        form.resetFields();
        mutation.reset();
      }}
    >
      <ProblemAlert error={mutation.error} fieldNames={FIELDS} />
      <Form<CreateTokenForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ scopes: ['reference:read'], expiry: 'd365' }}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item
          name="name"
          label={t('admin.tokens.name')}
          extra={t('admin.tokens.nameHelp')}
          rules={[requiredRule(locale), { max: 80, message: fieldMessage('too_big', locale) }]}
        >
          <Input maxLength={80} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="scopes"
          label={t('admin.tokens.scopes')}
          // A check rule, not `required`: antd would put aria-required on the group, which ARIA
          // does not allow on role="group".
          rules={[
            checkRule((value) =>
              Array.isArray(value) && value.length > 0 ? null : fieldMessage('required', locale),
            ),
          ]}
        >
          <Checkbox.Group
            aria-label={t('admin.tokens.scopes')}
            options={TOKEN_SCOPES.map((scope) => ({ value: scope, label: scopeLabel(scope, t) }))}
          />
        </Form.Item>
        <Form.Item name="expiry" label={t('admin.tokens.expires')} rules={[requiredRule(locale)]}>
          <Select<Expiry>
            options={(Object.keys(EXPIRY_DAYS) as Expiry[]).map((key) => ({
              value: key,
              label: t(`admin.tokens.expiresOption.${key}`),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ApiTokensPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.tokens.title'));
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [createOpen, setCreateOpen] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const tokens = useQuery({ queryKey: adminKeys.tokens, queryFn: listApiTokens });

  const revoke = useMutation({
    mutationFn: (token: ApiToken) => revokeApiToken(token.id),
    onSuccess: () => {
      void message.success(t('admin.tokens.revokedDone'));
      void queryClient.invalidateQueries({ queryKey: adminKeys.tokens });
    },
  });

  const columns: TableProps<ApiToken>['columns'] = [
    { title: t('admin.tokens.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('admin.tokens.scopes'),
      dataIndex: 'scopes',
      key: 'scopes',
      render: (scopes: string[]) => scopes.map((scope) => scopeLabel(scope, t)).join('、'),
    },
    {
      title: t('admin.tokens.colCreated'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (value: string) => formatDateTime(value, locale),
    },
    {
      title: t('admin.tokens.colExpires'),
      dataIndex: 'expiresAt',
      key: 'expiresAt',
      render: (value: string | null) => (value ? formatDateTime(value, locale) : t('common.never')),
    },
    {
      title: t('admin.tokens.colLastUsed'),
      dataIndex: 'lastUsedAt',
      key: 'lastUsedAt',
      render: (value: string | null) => (value ? formatDateTime(value, locale) : t('common.never')),
    },
    {
      title: t('admin.tokens.colStatus'),
      key: 'status',
      render: (_value, token) => {
        const status = statusOf(token);
        return (
          <Badge
            status={status === 'active' ? 'success' : 'default'}
            text={t(`admin.tokens.status.${status}`)}
          />
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, token) =>
        statusOf(token) === 'active' ? (
          <Popconfirm
            title={t('admin.tokens.confirmRevoke', { name: token.name })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => revoke.mutate(token)}
          >
            <Button type="link" danger>
              {t('admin.tokens.revoke')}
              <span className="sr-only"> {token.name}</span>
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <div className="page">
      <Typography.Title level={1}>{t('admin.tokens.title')}</Typography.Title>
      <Typography.Paragraph>{t('admin.tokens.intro')}</Typography.Paragraph>
      <div className="toolbar">
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreateOpen(true)}>
          {t('admin.tokens.create')}
        </Button>
      </div>
      <ProblemAlert error={tokens.error ?? revoke.error} />
      <ScrollRegion label={t('admin.tokens.title')} minWidth={900}>
        <Table<ApiToken>
          rowKey="id"
          columns={columns}
          dataSource={tokens.data ?? []}
          loading={tokens.isFetching}
          pagination={false}
        />
      </ScrollRegion>
      <CreateTokenDialog
        open={createOpen}
        onClose={() => setCreateOpen(false)}
        onCreated={(token) => {
          setCreateOpen(false);
          setCreated(token);
          void queryClient.invalidateQueries({ queryKey: adminKeys.tokens });
        }}
      />
      <Modal
        open={created !== null}
        title={t('admin.tokens.tokenTitle')}
        onCancel={() => setCreated(null)}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            {t('common.close')}
          </Button>
        }
        destroyOnHidden
      >
        {created && (
          <>
            <Typography.Paragraph strong>{created.name}</Typography.Paragraph>
            <Alert type="warning" showIcon title={t('admin.tokens.tokenNote')} style={{ marginBottom: 12 }} />
            <Typography.Paragraph copyable={{ text: created.token }}>
              <Typography.Text code style={{ wordBreak: 'break-all' }} data-testid="created-token">
                {created.token}
              </Typography.Text>
            </Typography.Paragraph>
          </>
        )}
      </Modal>
    </div>
  );
}
