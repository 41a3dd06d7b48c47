import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Select, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  WELFARE_POST_STATUSES,
  WELFARE_TERM_LIMIT_MONTHS,
  type Problem,
  type WelfarePost,
  type WelfarePostStatus,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatYuan, yuanToFen } from '../../app/money';
import { usePageTitle } from '../../app/page-title';
import { HOME_PATH } from '../../app/roles';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useDebouncedValue } from '../../app/use-debounced';
import { useSignedInMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import '../../i18n/assistance';
import { enterpriseKeys, listEnterprises } from '../enterprises/api';
import { useMyEnterprises } from '../enterprises/use-my-enterprises';
import { useDistricts } from '../reference/api';
import { createWelfarePost, listWelfarePosts, trainingKeys } from './api';
import { useTrainingLabels } from './labels';
import '../assistance/assistance.css';
import { TableEmpty } from '../assistance/table-empty';

function isPostStatus(v: string | null): v is WelfarePostStatus {
  return v !== null && (WELFARE_POST_STATUSES as readonly string[]).includes(v);
}

/**
 * Public-welfare posts (公益性岗位): a sponsoring unit's posts, or every post of the officer's
 * districts, with places filled; new posts by the unit's clerk or by staff.
 */
export function WelfarePostsPage() {
  const { t } = useTranslation();
  usePageTitle(t('training.welfare.title'));
  const locale = useLocale();
  const labels = useTrainingLabels();
  const me = useSignedInMe();
  const base = HOME_PATH[me.role];
  const districts = useDistricts();
  const names = new Map((districts.data ?? []).map((d) => [d.code, d.name]));
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = isPostStatus(statusParam) ? statusParam : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [adding, setAdding] = useState(false);
  const query = { status, page, pageSize: 20 };
  const list = useQuery({
    queryKey: trainingKeys.posts(query),
    queryFn: () => listWelfarePosts(query),
    placeholderData: keepPreviousData,
  });
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  const columns: TableProps<WelfarePost>['columns'] = [
    {
      title: t('training.welfare.postTitle'),
      key: 'title',
      render: (_v, p) => <Link to={`${base}/welfare-posts/${p.id}`}>{p.title}</Link>,
    },
    { title: t('training.welfare.sponsor'), key: 'sponsor', render: (_v, p) => p.sponsorName },
    {
      title: t('training.welfare.district'),
      key: 'district',
      render: (_v, p) => names.get(p.districtCode) ?? p.districtCode,
    },
    {
      title: t('training.welfare.places'),
      key: 'places',
      render: (_v, p) => t('training.welfare.placedOf', { placed: p.placedCount, headcount: p.headcount }),
    },
    {
      title: t('training.welfare.term'),
      key: 'term',
      render: (_v, p) => t('training.welfare.months', { count: p.termMonths }),
    },
    {
      title: t('training.welfare.subsidy'),
      key: 'subsidy',
      render: (_v, p) => t('training.welfare.perMonth', { amount: formatYuan(p.monthlySubsidyFen, locale) }),
    },
    {
      title: t('training.welfare.status'),
      key: 'status',
      render: (_v, p) => (
        <StatusChip tone={p.status === 'open' ? 'success' : 'neutral'}>
          {labels.postStatus(p.status)}
        </StatusChip>
      ),
    },
  ];
  return (
    <div className="page page--wide">
      <div className="section-head">
        <Typography.Title level={1}>{t('training.welfare.title')}</Typography.Title>
        <Button type="primary" onClick={() => setAdding(true)}>
          {t('training.welfare.create')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary">{t('training.welfare.intro')}</Typography.Paragraph>
      <div className="toolbar">
        <Select<string>
          aria-label={t('training.welfare.statusFilter')}
          value={status ?? 'all'}
          onChange={(v) => set({ status: v === 'all' ? undefined : v, page: undefined })}
          options={[
            { value: 'all', label: t('training.welfare.allStatuses') },
            ...WELFARE_POST_STATUSES.map((s) => ({ value: s, label: labels.postStatus(s) })),
          ]}
          style={{ minWidth: 140 }}
        />
      </div>
      <ProblemAlert error={list.error} />
      <ScrollRegion label={t('training.welfare.title')} minWidth={920}>
        <Table<WelfarePost>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: <TableEmpty>{t('training.welfare.empty')}</TableEmpty> }}
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
      <WelfarePostDialog open={adding} onClose={() => setAdding(false)} />
    </div>
  );
}

/** Staff find the sponsoring unit among the verified enterprises of their districts. */
function EnterprisePicker({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const query = { page: 1, pageSize: 20, status: 'verified' as const, q: q || undefined };
  const found = useQuery({
    queryKey: enterpriseKeys.list(query),
    queryFn: () => listEnterprises(query),
    placeholderData: keepPreviousData,
  });
  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v)}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      loading={found.isFetching}
      notFoundContent={t('training.welfare.noEnterprise')}
      options={(found.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
      style={{ width: '100%' }}
    />
  );
}

type PostValues = {
  enterpriseId: string;
  districtCode: string;
  title: string;
  duties: string;
  headcount: number;
  termMonths: number;
  monthlySubsidyYuan: number;
  weeklyHours: number;
};
const POST_FIELDS = [
  'enterpriseId',
  'districtCode',
  'title',
  'duties',
  'headcount',
  'termMonths',
  'monthlySubsidyYuan',
  'weeklyHours',
] as const;

function WelfarePostDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useSignedInMe();
  const staff = me.role === 'staff';
  const navigate = useNavigate();
  const mine = useMyEnterprises();
  const districts = useDistricts();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PostValues>();
  const save = useMutation({
    mutationFn: (v: PostValues) =>
      createWelfarePost({
        enterpriseId: v.enterpriseId,
        districtCode: v.districtCode,
        title: v.title.trim(),
        duties: v.duties.trim(),
        headcount: v.headcount,
        termMonths: v.termMonths,
        monthlySubsidyFen: yuanToFen(v.monthlySubsidyYuan),
        weeklyHours: v.weeklyHours,
      }),
    onSuccess: (p) => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      void message.success(t('training.welfare.created', { title: p.title }));
      onClose();
      void navigate(`${HOME_PATH[me.role]}/welfare-posts/${p.id}`);
    },
    onError: (error) => {
      if (!isApiError(error)) return;
      const problem: Problem = {
        ...error.problem,
        errors: error.problem.errors?.map((e) =>
          e.path === 'monthlySubsidyFen' ? { ...e, path: 'monthlySubsidyYuan' } : e,
        ),
      };
      applyProblemToForm(form, problem, POST_FIELDS);
    },
  });
  const districtOptions = (districts.data ?? [])
    .filter((d) => !staff || me.districtCodes.includes(d.code))
    .map((d) => ({ value: d.code, label: d.name }));
  return (
    <Modal
      open={open}
      title={t('training.welfare.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <ProblemAlert error={save.error} fieldNames={[...POST_FIELDS, 'monthlySubsidyFen']} />
      <Form<PostValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        preserve={false}
        initialValues={{
          enterpriseId: !staff && mine.data?.length === 1 ? mine.data[0]?.id : undefined,
          termMonths: 12,
          weeklyHours: 40,
          headcount: 1,
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="enterpriseId" label={t('training.welfare.sponsor')} rules={[requiredRule(locale)]}>
          {staff ? (
            <EnterprisePicker />
          ) : (
            <Select options={(mine.data ?? []).map((e) => ({ value: e.id, label: e.name }))} />
          )}
        </Form.Item>
        <Form.Item name="districtCode" label={t('training.welfare.district')} rules={[requiredRule(locale)]}>
          <Select options={districtOptions} />
        </Form.Item>
        <Form.Item name="title" label={t('training.welfare.postTitle')} rules={[requiredRule(locale)]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="duties" label={t('training.welfare.duties')} rules={[requiredRule(locale)]}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <div className="inline-form">
          <Form.Item name="headcount" label={t('training.welfare.headcount')} rules={[requiredRule(locale)]}>
            <InputNumber<number> min={1} max={500} precision={0} />
          </Form.Item>
          <Form.Item
            name="termMonths"
            label={t('training.welfare.termMonths')}
            extra={t('training.welfare.termHelp', { max: WELFARE_TERM_LIMIT_MONTHS })}
            rules={[requiredRule(locale)]}
          >
            <InputNumber<number> min={1} max={WELFARE_TERM_LIMIT_MONTHS} precision={0} />
          </Form.Item>
          <Form.Item
            name="weeklyHours"
            label={t('training.welfare.weeklyHours')}
            rules={[requiredRule(locale)]}
          >
            <InputNumber<number> min={1} max={44} precision={0} />
          </Form.Item>
          <Form.Item
            name="monthlySubsidyYuan"
            label={t('training.welfare.subsidyYuan')}
            rules={[requiredRule(locale)]}
          >
            <InputNumber<number> min={0} max={10000} precision={2} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
