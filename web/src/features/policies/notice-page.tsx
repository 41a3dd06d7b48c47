import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import { useDistricts } from '../reference/api';
import { createObjection, listNotices, policyKeys, type PolicyNotice } from './api';
import { policyName, usePolicyLabels, yuan } from './labels';
import './policies.css';
import { EmptyText } from './empty-text';

/**
 * The public notice (公示): approved applications published for their notice period, people's
 * names masked by the server. Anyone may object to an entry while its notice runs.
 */
export function NoticePage() {
  const { t } = useTranslation();
  usePageTitle(t('policies.notice.title'));
  const locale = useLocale();
  const labels = usePolicyLabels();
  const districts = useDistricts();
  const districtName = new Map((districts.data ?? []).map((d) => [d.code, d.name]));
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const all = params.get('current') === 'false';
  const district = params.get('districtCode') ?? undefined;
  const query = { page, pageSize: 20, current: all ? undefined : true, districtCode: district };
  const list = useQuery({
    queryKey: policyKeys.notices(query),
    queryFn: () => listNotices(query),
    placeholderData: keepPreviousData,
  });
  const [objecting, setObjecting] = useState<PolicyNotice | null>(null);
  const me = useMe();
  const signedIn = Boolean(me.data && !me.data.mustChangePassword);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  const columns: TableProps<PolicyNotice>['columns'] = [
    { title: t('policies.notice.colName'), key: 'name', render: (_v, n) => n.subjectName },
    {
      title: t('policies.notice.colPolicy'),
      key: 'policy',
      render: (_v, n) => policyName({ nameZh: n.policyNameZh, nameEn: n.policyNameEn }, locale),
    },
    {
      title: t('policies.notice.colType'),
      key: 'type',
      render: (_v, n) => labels.subjectType(n.subjectType),
    },
    {
      title: t('policies.notice.colDistrict'),
      key: 'district',
      render: (_v, n) => districtName.get(n.districtCode) ?? n.districtCode,
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
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, n) =>
        n.inNotice ? (
          signedIn ? (
            <Button size="small" onClick={() => setObjecting(n)}>
              {t('policies.notice.object')}
              <span className="sr-only"> {n.subjectName}</span>
            </Button>
          ) : (
            // Objections are recorded against an account, so the bureau can reach the objector.
            <Link to={`/login?next=${encodeURIComponent('/notices')}`}>
              {t('policies.notice.signInToObject')}
              <span className="sr-only"> {n.subjectName}</span>
            </Link>
          )
        ) : (
          <StatusChip tone="neutral">{t('policies.notice.ended')}</StatusChip>
        ),
    },
  ];

  return (
    <div className="page">
      <Typography.Title level={1}>{t('policies.notice.title')}</Typography.Title>
      <Typography.Paragraph>{t('policies.notice.intro')}</Typography.Paragraph>
      <div className="toolbar">
        <Select<string>
          aria-label={t('policies.notice.scope')}
          value={all ? 'false' : 'true'}
          onChange={(v) => set({ current: v === 'false' ? 'false' : undefined, page: undefined })}
          options={[
            { value: 'true', label: t('policies.notice.current') },
            { value: 'false', label: t('policies.notice.all') },
          ]}
          style={{ minWidth: 160 }}
        />
        <Select<string>
          aria-label={t('policies.notice.districtFilter')}
          value={district ?? ''}
          onChange={(v) => set({ districtCode: v || undefined, page: undefined })}
          options={[
            { value: '', label: t('policies.notice.allDistricts') },
            ...(districts.data ?? []).map((d) => ({ value: d.code, label: d.name })),
          ]}
          style={{ minWidth: 160 }}
        />
      </div>
      <ProblemAlert error={list.error} />
      <ScrollRegion label={t('policies.notice.title')} minWidth={860}>
        <Table<PolicyNotice>
          rowKey="applicationId"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: <EmptyText>{t('policies.notice.empty')}</EmptyText> }}
          pagination={{
            placement: ['bottomStart'],
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p) => set({ page: String(p) }),
          }}
        />
      </ScrollRegion>
      <ObjectionDialog notice={objecting} onClose={() => setObjecting(null)} />
    </div>
  );
}

function ObjectionDialog({ notice, onClose }: { notice: PolicyNotice | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const send = useMutation({
    mutationFn: (reason: string) => createObjection(notice?.applicationId ?? '', reason),
    onSuccess: () => {
      void message.success(t('policies.notice.objectionSent'));
      onClose();
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, ['reason']);
    },
  });
  return (
    <Modal
      open={notice !== null}
      title={t('policies.notice.objectTitle', { name: notice?.subjectName ?? '' })}
      okText={t('policies.notice.objectSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={send.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
      afterClose={() => {
        form.resetFields();
        send.reset();
      }}
    >
      <Alert type="info" showIcon title={t('policies.notice.objectHelp')} style={{ marginBottom: 12 }} />
      <ProblemAlert error={send.error} fieldNames={['reason']} />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => send.mutate(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('policies.notice.reason')}
          rules={[requiredRule(locale), { min: 5, message: t('policies.notice.reasonMin') }]}
        >
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
