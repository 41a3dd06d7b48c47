import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ROLES, type AuditLogEntry, type AuditVerifyResult } from '@jiuye/shared';
import { ProblemAlert } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { ScrollRegion } from '../../app/scroll-region';
import { useLocale } from '../../i18n';
import { auditKeys, listAuditEntries, verifyAuditChain, type AuditFilters } from './api';
import { useAuditT, type AuditKey } from './messages';

const ACTOR_ROLES = [...ROLES, 'api_token', 'anonymous', 'system'] as const;
type ActorRole = (typeof ACTOR_ROLES)[number];
const FILTER_KEYS = ['actor', 'actorRole', 'action', 'entityType', 'entityId', 'fromDate', 'toDate'] as const;
type FilterForm = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

function isActorRole(v: string | undefined): v is ActorRole {
  return v !== undefined && (ACTOR_ROLES as readonly string[]).includes(v);
}

/** Days are the bureau's (UTC+8): "from" is the start of that day, "to" its end. */
function toFilters(f: FilterForm): AuditFilters {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  return {
    actor: f.actor?.trim() || undefined,
    actorRole: isActorRole(f.actorRole) ? f.actorRole : undefined,
    action: f.action?.trim() || undefined,
    entityType: f.entityType?.trim() || undefined,
    entityId: f.entityId?.trim() || undefined,
    from: f.fromDate && day.test(f.fromDate) ? `${f.fromDate}T00:00:00+08:00` : undefined,
    to: f.toDate && day.test(f.toDate) ? `${f.toDate}T23:59:59.999+08:00` : undefined,
  };
}

/** Filters live in the URL, so a reload or a shared link shows the same list. */
function useFilterForm(): [FilterForm, (next: FilterForm) => void] {
  const [params, setParams] = useSearchParams();
  const form: FilterForm = {};
  for (const key of FILTER_KEYS) {
    const v = params.get(key);
    if (v) form[key] = v;
  }
  const update = (next: FilterForm) => {
    const out = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const v = next[key]?.trim();
      if (v) out.set(key, v);
    }
    setParams(out, { replace: true });
  };
  return [form, update];
}

function roleLabel(
  role: string | null,
  t: ReturnType<typeof useTranslation>['t'],
  at: ReturnType<typeof useAuditT>,
) {
  if (!role) return '';
  if (role === 'api_token' || role === 'anonymous' || role === 'system') return at(`audit.roles.${role}`);
  const lookup = t as unknown as (key: string) => string;
  return (ROLES as readonly string[]).includes(role) ? lookup(`roles.${role}`) : role;
}

function VerifyCard() {
  const at = useAuditT();
  const locale = useLocale();
  const verify = useMutation({ mutationFn: verifyAuditChain });
  const r: AuditVerifyResult | undefined = verify.data;
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: '1.125rem' }}>
          {at('audit.verify.title')}
        </Typography.Title>
      }
      style={{ marginBottom: 16 }}
    >
      <Typography.Paragraph>{at('audit.verify.intro')}</Typography.Paragraph>
      <Button
        type="primary"
        icon={<SafetyCertificateOutlined aria-hidden />}
        loading={verify.isPending}
        onClick={() => verify.mutate()}
      >
        {verify.isPending ? at('audit.verify.running') : at('audit.verify.button')}
      </Button>
      <div aria-live="polite" style={{ marginTop: 16 }}>
        <ProblemAlert error={verify.error} />
        {r &&
          (r.ok ? (
            <Alert
              type="success"
              showIcon
              title={at('audit.verify.ok', { count: r.checked, seq: r.head?.seq ?? 0 })}
              description={
                <>
                  <div>{at('audit.verify.checkedAt', { at: formatDateTime(r.verifiedAt, locale) })}</div>
                  <div>
                    {at('audit.verify.okHash')}{' '}
                    <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                      {r.head?.hash ?? ''}
                    </Typography.Text>
                  </div>
                </>
              }
            />
          ) : (
            <Alert
              type="error"
              showIcon
              title={at('audit.verify.broken', {
                kind: r.firstBreak ? at(`audit.verify.kinds.${r.firstBreak.kind}` as AuditKey) : '',
                seq: r.firstBreak?.seq ?? '-',
                id: r.firstBreak?.id ?? '-',
              })}
              description={
                <>
                  <div>{r.firstBreak?.detail}</div>
                  <div>{at('audit.verify.brokenNote')}</div>
                  <div>{at('audit.verify.checkedAt', { at: formatDateTime(r.verifiedAt, locale) })}</div>
                </>
              }
            />
          ))}
      </div>
    </Card>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const at = useAuditT();
  usePageTitle(at('audit.title'));
  const locale = useLocale();
  const [applied, setApplied] = useFilterForm();
  const [form] = Form.useForm<FilterForm>();
  const filters = toFilters(applied);
  const [formKey, setFormKey] = useState(0);

  const entries = useInfiniteQuery({
    queryKey: auditKeys.entries(filters),
    queryFn: ({ pageParam }) => listAuditEntries(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = entries.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: TableProps<AuditLogEntry>['columns'] = [
    { title: at('audit.cols.seq'), dataIndex: 'seq', key: 'seq', width: 80 },
    {
      title: at('audit.cols.at'),
      dataIndex: 'at',
      key: 'at',
      width: 170,
      render: (v: string) => formatDateTime(v, locale),
    },
    {
      title: at('audit.cols.actor'),
      key: 'actor',
      render: (_v, e) => (
        <Space orientation="vertical" size={0}>
          <span>{e.actorName ?? e.actorUserId ?? e.actorTokenId ?? ''}</span>
          {e.actorRole && <Tag>{roleLabel(e.actorRole, t, at)}</Tag>}
        </Space>
      ),
    },
    {
      title: at('audit.cols.action'),
      dataIndex: 'action',
      key: 'action',
      render: (v: string) => <code>{v}</code>,
    },
    {
      title: at('audit.cols.entity'),
      key: 'entity',
      render: (_v, e) => (
        <span style={{ wordBreak: 'break-all' }}>
          {e.entityType}
          {e.entityId ? ` · ${e.entityId}` : ''}
        </span>
      ),
    },
    {
      title: at('audit.cols.summary'),
      dataIndex: 'summary',
      key: 'summary',
      render: (v: Record<string, unknown>) => {
        const text = JSON.stringify(v);
        return (
          <code style={{ wordBreak: 'break-all', fontSize: '0.8125rem' }}>
            {text.length > 240 ? `${text.slice(0, 240)}…` : text}
          </code>
        );
      },
    },
    { title: at('audit.cols.ip'), dataIndex: 'ip', key: 'ip', width: 130 },
  ];

  return (
    <div className="page">
      <Typography.Title level={1}>{at('audit.title')}</Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 800 }}>{at('audit.intro')}</Typography.Paragraph>
      <VerifyCard />
      <Card
        title={
          <Typography.Title level={2} style={{ margin: 0, fontSize: '1.125rem' }}>
            {at('audit.filters.label')}
          </Typography.Title>
        }
        style={{ marginBottom: 16 }}
      >
        <Form<FilterForm>
          key={formKey}
          form={form}
          layout="vertical"
          role="search"
          aria-label={at('audit.filters.label')}
          initialValues={applied}
          onFinish={(values) => setApplied(values)}
        >
          <div className="audit-filters" style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16 }}>
            <Form.Item name="actor" label={at('audit.filters.actor')} extra={at('audit.filters.actorHelp')}>
              <Input allowClear style={{ width: 300, maxWidth: '100%' }} />
            </Form.Item>
            <Form.Item name="actorRole" label={at('audit.filters.actorRole')}>
              <Select<string>
                allowClear
                placeholder={at('audit.filters.anyRole')}
                style={{ width: 180 }}
                options={ACTOR_ROLES.map((r) => ({ value: r, label: roleLabel(r, t, at) }))}
              />
            </Form.Item>
            <Form.Item
              name="action"
              label={at('audit.filters.action')}
              extra={at('audit.filters.actionHelp')}
            >
              <Input allowClear style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="entityType" label={at('audit.filters.entityType')}>
              <Input allowClear style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="entityId" label={at('audit.filters.entityId')}>
              <Input allowClear style={{ width: 300, maxWidth: '100%' }} />
            </Form.Item>
            <Form.Item name="fromDate" label={at('audit.filters.from')}>
              <Input type="date" style={{ width: 170 }} />
            </Form.Item>
            <Form.Item name="toDate" label={at('audit.filters.to')}>
              <Input type="date" style={{ width: 170 }} />
            </Form.Item>
          </div>
          <Space wrap>
            <Button type="primary" htmlType="submit">
              {at('audit.filters.apply')}
            </Button>
            <Button
              onClick={() => {
                setApplied({});
                form.resetFields();
                setFormKey((k) => k + 1);
              }}
            >
              {at('audit.filters.reset')}
            </Button>
          </Space>
        </Form>
      </Card>
      <ProblemAlert error={entries.error} />
      <ScrollRegion label={at('audit.title')} minWidth={1000}>
        <Table<AuditLogEntry>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={entries.isFetching && !entries.isFetchingNextPage}
          pagination={false}
          locale={{ emptyText: at('audit.empty') }}
        />
      </ScrollRegion>
      <div style={{ marginTop: 16 }}>
        {entries.hasNextPage ? (
          <Button loading={entries.isFetchingNextPage} onClick={() => void entries.fetchNextPage()}>
            {at('audit.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">{at('audit.end')}</Typography.Text>
        )}
      </div>
    </div>
  );
}
