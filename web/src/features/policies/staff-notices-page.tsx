import { useState } from 'react';
import { App, Button, Form, Input, Modal, Radio, Select, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { OBJECTION_STATUSES } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDate, formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import {
  listNotices,
  listObjections,
  policyKeys,
  resolveObjection,
  type PolicyNotice,
  type PolicyObjection,
} from './api';
import { policyName, yuan } from './labels';
import './policies.css';
import { EmptyText } from './empty-text';

type ObjectionStatus = PolicyObjection['status'];
function isObjectionStatus(v: string | null): v is ObjectionStatus {
  return v !== null && (OBJECTION_STATUSES as readonly string[]).includes(v);
}

/**
 * The bureau's side of the public notice: what is on notice now and until when, and the
 * objections to resolve (upheld sends the case back to bureau review; dismissed lets it run on).
 */
export function StaffNoticesPage() {
  const { t } = useTranslation();
  usePageTitle(t('policies.objections.pageTitle'));
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status: ObjectionStatus | undefined =
    statusParam === 'all' ? undefined : isObjectionStatus(statusParam) ? statusParam : 'open';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const objectionsQuery = { status, page, pageSize: 20 };
  const objections = useQuery({
    queryKey: policyKeys.objections(objectionsQuery),
    queryFn: () => listObjections(objectionsQuery),
    placeholderData: keepPreviousData,
  });
  const noticesQuery = { current: true, page: 1, pageSize: 100 };
  const notices = useQuery({
    queryKey: policyKeys.notices(noticesQuery),
    queryFn: () => listNotices(noticesQuery),
  });
  const [resolving, setResolving] = useState<PolicyObjection | null>(null);

  const noticeColumns: TableProps<PolicyNotice>['columns'] = [
    {
      title: t('policies.notice.colName'),
      key: 'name',
      render: (_v, n) => <Link to={`/staff/policy-applications/${n.applicationId}`}>{n.subjectName}</Link>,
    },
    {
      title: t('policies.notice.colPolicy'),
      key: 'policy',
      render: (_v, n) => policyName({ nameZh: n.policyNameZh, nameEn: n.policyNameEn }, locale),
    },
    {
      title: t('policies.notice.colAmount'),
      key: 'amount',
      align: 'right',
      render: (_v, n) => (n.amountFen === null ? t('policies.notice.noAmount') : yuan(n.amountFen, locale)),
    },
    {
      title: t('policies.notice.colPeriod'),
      key: 'period',
      render: (_v, n) =>
        t('policies.notice.periodValue', {
          from: formatDate(n.noticeStartsAt, locale),
          to: formatDate(n.noticeEndsAt, locale),
        }),
    },
  ];
  const objectionColumns: TableProps<PolicyObjection>['columns'] = [
    {
      title: t('policies.objections.colApplication'),
      key: 'application',
      render: (_v, o) => (
        <Link to={`/staff/policy-applications/${o.applicationId}`}>{t('policies.objections.openCase')}</Link>
      ),
    },
    { title: t('policies.objections.colReason'), key: 'reason', render: (_v, o) => o.reason },
    {
      title: t('policies.objections.colStatus'),
      key: 'status',
      render: (_v, o) => (
        <>
          <StatusChip tone={o.status === 'open' ? 'warning' : 'neutral'}>
            {t(`policies.objections.status.${o.status}`)}
          </StatusChip>
          {o.resolutionNote && <div>{o.resolutionNote}</div>}
        </>
      ),
    },
    {
      title: t('policies.objections.colCreated'),
      key: 'created',
      render: (_v, o) => formatDateTime(o.createdAt, locale),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, o) =>
        o.status === 'open' ? (
          <Button size="small" onClick={() => setResolving(o)}>
            {t('policies.objections.resolve')}
          </Button>
        ) : null,
    },
  ];

  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{t('policies.objections.pageTitle')}</Typography.Title>
      <section aria-labelledby="objections-title" className="policy-section">
        <Typography.Title level={2} id="objections-title">
          {t('policies.objections.title')}
        </Typography.Title>
        <div className="toolbar">
          <Select<string>
            aria-label={t('policies.objections.statusFilter')}
            value={status ?? 'all'}
            onChange={(v) => setParams({ status: v }, { replace: true })}
            options={[
              { value: 'all', label: t('policies.objections.all') },
              ...OBJECTION_STATUSES.map((s) => ({ value: s, label: t(`policies.objections.status.${s}`) })),
            ]}
            style={{ minWidth: 140 }}
          />
        </div>
        <ProblemAlert error={objections.error} />
        <ScrollRegion label={t('policies.objections.title')} minWidth={800}>
          <Table<PolicyObjection>
            rowKey="id"
            columns={objectionColumns}
            dataSource={objections.data?.items ?? []}
            loading={objections.isFetching}
            locale={{ emptyText: <EmptyText>{t('policies.objections.empty')}</EmptyText> }}
            pagination={{
              placement: ['bottomStart'],
              current: page,
              pageSize: 20,
              total: objections.data?.total ?? 0,
              showSizeChanger: false,
              onChange: (p) => setParams({ status: status ?? 'all', page: String(p) }, { replace: true }),
            }}
          />
        </ScrollRegion>
      </section>
      <section aria-labelledby="on-notice-title" className="policy-section">
        <Typography.Title level={2} id="on-notice-title">
          {t('policies.objections.onNotice')}
        </Typography.Title>
        <Typography.Paragraph>
          <Link to="/notices">{t('policies.objections.publicPage')}</Link>
        </Typography.Paragraph>
        <ProblemAlert error={notices.error} />
        <ScrollRegion label={t('policies.objections.onNotice')} minWidth={720}>
          <Table<PolicyNotice>
            rowKey="applicationId"
            columns={noticeColumns}
            dataSource={notices.data?.items ?? []}
            loading={notices.isFetching}
            locale={{ emptyText: <EmptyText>{t('policies.notice.empty')}</EmptyText> }}
            pagination={false}
          />
        </ScrollRegion>
      </section>
      <ResolveDialog objection={resolving} onClose={() => setResolving(null)} />
    </div>
  );
}

function ResolveDialog({ objection, onClose }: { objection: PolicyObjection | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ outcome: 'upheld' | 'dismissed'; note: string }>();
  const save = useMutation({
    mutationFn: (v: { outcome: 'upheld' | 'dismissed'; note: string }) =>
      resolveObjection(objection?.id ?? '', { outcome: v.outcome, note: v.note.trim() }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: policyKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['policy-applications'] });
      void message.success(t('policies.objections.resolved'));
      onClose();
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, ['outcome', 'note']);
    },
  });
  return (
    <Modal
      open={objection !== null}
      title={t('policies.objections.resolveTitle')}
      okText={t('policies.objections.resolve')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
      afterClose={() => {
        form.resetFields();
        save.reset();
      }}
    >
      {objection && <Typography.Paragraph>{objection.reason}</Typography.Paragraph>}
      <ProblemAlert error={save.error} fieldNames={['outcome', 'note']} />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="outcome" label={t('policies.objections.outcome')} rules={[requiredRule(locale)]}>
          <Radio.Group
            options={[
              { value: 'upheld', label: t('policies.objections.upheld') },
              { value: 'dismissed', label: t('policies.objections.dismissed') },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label={t('policies.objections.note')} rules={[requiredRule(locale)]}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
