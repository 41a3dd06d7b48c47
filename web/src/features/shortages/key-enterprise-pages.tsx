import { useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  PROBLEM_CATEGORIES,
  SERVICE_CONTACT_KINDS,
  type CreateServiceLogBody,
  type KeyEnterprise,
  type ServiceLog,
  type ServiceProblem,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useSignedInMe } from '../../app/use-me';
import { useDebouncedValue } from '../../app/use-debounced';
import { useLocale } from '../../i18n';
import { listEnterprises } from '../enterprises/api';
import {
  createServiceLog,
  getKeyEnterprise,
  labourKeys,
  listKeyEnterprises,
  listServiceLogs,
  listServiceProblems,
  putKeyEnterprise,
  updateServiceProblem,
} from './api';
import {
  chinaDay,
  EnterpriseSwitcher,
  NeedsEnterprise,
  Section,
  useActingEnterprise,
  useDistrictName,
  useLabourLabels,
} from './common';

/** Staff: key enterprises of their districts, each with its officer, open and overdue problems. */
export function KeyEnterprisesPage() {
  const { t } = useTranslation();
  usePageTitle(t('labour.key.title'));
  const locale = useLocale();
  const district = useDistrictName();
  const [params, setParams] = useSearchParams();
  const mine = params.get('mine') === 'true';
  const overdue = params.get('overdue') === 'true';
  const query = {
    mine: mine ? 'true' : undefined,
    withOverdue: overdue ? 'true' : undefined,
    page: 1,
    pageSize: 100,
  };
  const list = useQuery({
    queryKey: labourKeys.keyEnterprises(query),
    queryFn: () => listKeyEnterprises(query),
    placeholderData: keepPreviousData,
  });
  const [marking, setMarking] = useState(false);
  const set = (k: string, v: boolean) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, 'true');
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const columns: TableProps<KeyEnterprise>['columns'] = [
    {
      title: t('labour.common.enterprise'),
      key: 'name',
      render: (_v, k) => <Link to={`/staff/key-enterprises/${k.enterpriseId}`}>{k.enterpriseName}</Link>,
    },
    { title: t('labour.common.district'), key: 'd', render: (_v, k) => district(k.districtCode) },
    { title: t('labour.key.officer'), key: 'o', render: (_v, k) => k.officer?.displayName ?? '' },
    { title: t('labour.key.reason'), key: 'r', render: (_v, k) => k.reason },
    { title: t('labour.key.openProblems'), key: 'p', align: 'right', render: (_v, k) => k.openProblems },
    {
      title: t('labour.key.overdueProblems'),
      key: 'x',
      align: 'right',
      render: (_v, k) =>
        k.overdueProblems > 0 ? (
          <StatusChip tone="danger">{k.overdueProblems}</StatusChip>
        ) : (
          k.overdueProblems
        ),
    },
    {
      title: t('labour.key.lastService'),
      key: 'l',
      render: (_v, k) => (k.lastServiceOn ? formatDate(k.lastServiceOn, locale) : t('labour.key.never')),
    },
  ];
  return (
    <div className="page page--wide">
      <div className="labour-head">
        <Typography.Title level={1} style={{ margin: 0 }}>
          {t('labour.key.title')}
        </Typography.Title>
        <Space wrap>
          <Link to="/staff/service-problems">{t('labour.key.problemsLink')}</Link>
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setMarking(true)}>
            {t('labour.key.mark')}
          </Button>
        </Space>
      </div>
      <div className="toolbar">
        <Checkbox checked={mine} onChange={(e) => set('mine', e.target.checked)}>
          {t('labour.key.mineOnly')}
        </Checkbox>
        <Checkbox checked={overdue} onChange={(e) => set('overdue', e.target.checked)}>
          {t('labour.key.withOverdue')}
        </Checkbox>
      </div>
      <ProblemAlert error={list.error} />
      <ScrollRegion label={t('labour.key.title')} minWidth={900}>
        <Table<KeyEnterprise>
          rowKey="enterpriseId"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={false}
          locale={{ emptyText: <span className="labour-empty">{t('labour.key.empty')}</span> }}
        />
      </ScrollRegion>
      {marking && <MarkDialog onClose={() => setMarking(false)} />}
    </div>
  );
}

function MarkDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useSignedInMe();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['labour', 'enterprise-search', q],
    queryFn: () => listEnterprises({ page: 1, pageSize: 20, status: 'verified', q: q || undefined }),
  });
  const [form] = Form.useForm<{ enterpriseId?: string; reason?: string }>();
  const mark = useMutation({
    mutationFn: (v: { enterpriseId?: string; reason?: string }) =>
      putKeyEnterprise(v.enterpriseId ?? '', { reason: v.reason ?? '', officerUserId: me.id }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: labourKeys.all });
      onClose();
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, ['reason']);
    },
  });
  return (
    <Modal
      open
      title={t('labour.key.mark')}
      okText={t('labour.key.markSubmit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mark.isPending}
      destroyOnHidden
    >
      <ProblemAlert error={mark.error} fieldNames={['reason']} />
      <Typography.Paragraph>{t('labour.key.officerIsMe', { name: me.displayName })}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => mark.mutate(v)}>
        <Form.Item name="enterpriseId" label={t('labour.common.enterprise')} rules={[requiredRule(locale)]}>
          <Select<string>
            showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
            loading={found.isFetching}
            options={(found.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('labour.key.reason')} rules={[requiredRule(locale)]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ProblemsTable({ problems, mayResolve }: { problems: ServiceProblem[]; mayResolve: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabourLabels();
  const queryClient = useQueryClient();
  const [resolving, setResolving] = useState<ServiceProblem | null>(null);
  const [note, setNote] = useState('');
  const resolve = useMutation({
    mutationFn: (p: ServiceProblem) =>
      updateServiceProblem(p.id, { status: 'resolved', resolutionNote: note.trim() }),
    onSuccess: async () => {
      setResolving(null);
      setNote('');
      await queryClient.invalidateQueries({ queryKey: labourKeys.all });
    },
  });
  return (
    <>
      <ScrollRegion label={t('labour.key.problems')} minWidth={720}>
        <Table<ServiceProblem>
          rowKey="id"
          size="small"
          dataSource={problems}
          pagination={false}
          locale={{ emptyText: <span className="labour-empty">{t('labour.key.noProblems')}</span> }}
          columns={[
            { title: t('labour.common.enterprise'), key: 'e', render: (_v, p) => p.enterpriseName },
            {
              title: t('labour.key.category'),
              key: 'c',
              render: (_v, p) => labels.problemCategory(p.category),
            },
            { title: t('labour.key.problem'), key: 'd', render: (_v, p) => p.description },
            {
              title: t('labour.key.deadline'),
              key: 'dl',
              render: (_v, p) => (
                <>
                  {formatDate(p.deadline, locale)}{' '}
                  {p.overdue && <StatusChip tone="danger">{t('labour.common.overdue')}</StatusChip>}
                </>
              ),
            },
            {
              title: t('labour.common.status'),
              key: 's',
              render: (_v, p) =>
                p.status === 'resolved' ? (
                  <StatusChip tone="success">{t('labour.labels.problemStatus.resolved')}</StatusChip>
                ) : mayResolve ? (
                  <Button size="small" onClick={() => setResolving(p)}>
                    {t('labour.key.resolve')}
                  </Button>
                ) : (
                  <StatusChip tone="warning">{t('labour.labels.problemStatus.open')}</StatusChip>
                ),
            },
          ]}
        />
      </ScrollRegion>
      {resolving && (
        <Modal
          open
          title={t('labour.key.resolveTitle')}
          okText={t('labour.key.resolve')}
          cancelText={t('common.cancel')}
          onOk={() => resolve.mutate(resolving)}
          okButtonProps={{ disabled: note.trim() === '' }}
          onCancel={() => setResolving(null)}
          confirmLoading={resolve.isPending}
        >
          <ProblemAlert error={resolve.error} />
          <Typography.Paragraph>{resolving.description}</Typography.Paragraph>
          <label className="field-label" htmlFor="problem-resolution">
            {t('labour.key.resolutionNote')}
          </label>
          <Input.TextArea
            id="problem-resolution"
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </Modal>
      )}
    </>
  );
}

/** Staff: problems raised at key enterprises, open ones first; the overdue list by default. */
export function ServiceProblemsPage() {
  const { t } = useTranslation();
  usePageTitle(t('labour.key.problemsTitle'));
  const [params, setParams] = useSearchParams();
  const overdue = params.get('all') !== 'true';
  const query = { overdue: overdue ? 'true' : undefined, page: 1, pageSize: 100 };
  const list = useQuery({
    queryKey: labourKeys.problems(query),
    queryFn: () => listServiceProblems(query),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{t('labour.key.problemsTitle')}</Typography.Title>
      <div className="toolbar">
        <Checkbox
          checked={overdue}
          onChange={(e) => setParams(e.target.checked ? {} : { all: 'true' }, { replace: true })}
        >
          {t('labour.key.overdueOnly')}
        </Checkbox>
      </div>
      <ProblemAlert error={list.error} />
      <ProblemsTable problems={list.data?.items ?? []} mayResolve />
    </div>
  );
}

type LogValues = {
  servedOn: string;
  kind: CreateServiceLogBody['kind'];
  notes?: string;
  internalNote?: string;
  problems?: { category?: string; description?: string; deadline?: string }[];
};

function ServiceLogList({ logs }: { logs: ServiceLog[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabourLabels();
  if (logs.length === 0) return <Typography.Paragraph>{t('labour.key.noLogs')}</Typography.Paragraph>;
  return (
    <ul className="labour-list">
      {logs.map((log) => (
        <li key={log.id}>
          <Card size="small">
            <Typography.Title level={3} style={{ marginTop: 0 }}>
              {formatDate(log.servedOn, locale)} · {labels.contactKind(log.kind)} · {log.officer.displayName}
            </Typography.Title>
            <Typography.Paragraph className="pre-wrap">{log.notes}</Typography.Paragraph>
            {log.internalNote && (
              <Typography.Paragraph type="secondary" className="pre-wrap">
                {t('labour.key.internalNote')}：{log.internalNote}
              </Typography.Paragraph>
            )}
            {log.problems.length > 0 && (
              <ul className="plain-list">
                {log.problems.map((p) => (
                  <li key={p.id}>
                    {labels.problemCategory(p.category)}：{p.description}（
                    {t('labour.key.dueOn', { date: formatDate(p.deadline, locale) })}）{' '}
                    <StatusChip tone={p.status === 'resolved' ? 'success' : p.overdue ? 'danger' : 'warning'}>
                      {p.status === 'resolved'
                        ? t('labour.labels.problemStatus.resolved')
                        : p.overdue
                          ? t('labour.common.overdue')
                          : t('labour.labels.problemStatus.open')}
                    </StatusChip>
                    {p.resolutionNote ? ` ${p.resolutionNote}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </li>
      ))}
    </ul>
  );
}

/** Staff: one key enterprise's service log, problems and a form for a new visit. */
export function KeyEnterprisePage() {
  const { t } = useTranslation();
  const { enterpriseId = '' } = useParams();
  const locale = useLocale();
  const labels = useLabourLabels();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const logs = useQuery({
    queryKey: labourKeys.serviceLogs(enterpriseId),
    queryFn: () => listServiceLogs(enterpriseId),
  });
  const problemsQuery = { enterpriseId, page: 1, pageSize: 100 };
  const problems = useQuery({
    queryKey: labourKeys.problems(problemsQuery),
    queryFn: () => listServiceProblems(problemsQuery),
  });
  const key = useQuery({
    queryKey: labourKeys.keyEnterprise(enterpriseId),
    queryFn: () => getKeyEnterprise(enterpriseId),
  });
  const name = key.data?.enterpriseName;
  usePageTitle(name ?? t('labour.key.logTitle'));
  const [form] = Form.useForm<LogValues>();
  const create = useMutation({
    mutationFn: (v: LogValues) =>
      createServiceLog(enterpriseId, {
        servedOn: v.servedOn,
        kind: v.kind,
        notes: v.notes ?? '',
        internalNote: v.internalNote?.trim() || undefined,
        problems: (v.problems ?? []).map((p) => ({
          category: (p.category ?? 'other') as (typeof PROBLEM_CATEGORIES)[number],
          description: p.description ?? '',
          deadline: p.deadline ?? '',
        })),
      }),
    onSuccess: async () => {
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: labourKeys.all });
      void message.success(t('labour.key.logged'));
    },
    onError: (error) => {
      if (isApiError(error))
        applyProblemToForm(
          form,
          error.problem,
          ['servedOn', 'kind', 'notes', 'internalNote', 'problems'],
          ['problems'],
        );
    },
  });
  return (
    <div className="page page--wide">
      <Typography.Title level={1}>
        {name ? t('labour.key.logOf', { name }) : t('labour.key.logTitle')}
      </Typography.Title>
      <ProblemAlert error={key.error} />
      {key.data && (
        <Card style={{ marginBottom: 24 }}>
          <dl className="labour-meta">
            <dt>{t('labour.key.officer')}</dt>
            <dd>{key.data.officer?.displayName ?? ''}</dd>
            <dt>{t('labour.key.reason')}</dt>
            <dd>{key.data.reason}</dd>
          </dl>
        </Card>
      )}
      <Section id="log-new" title={t('labour.key.newLog')}>
        <ProblemAlert
          error={create.error}
          fieldNames={['servedOn', 'kind', 'notes', 'internalNote', 'problems']}
        />
        <Form<LogValues>
          form={form}
          layout="vertical"
          initialValues={{ servedOn: chinaDay(0), kind: 'visit' }}
          onFinish={(v) => create.mutate(v)}
        >
          <Space wrap align="start" size={16}>
            <Form.Item name="servedOn" label={t('labour.key.servedOn')} rules={[requiredRule(locale)]}>
              <Input type="date" max={chinaDay(0)} />
            </Form.Item>
            <Form.Item name="kind" label={t('labour.key.kind')} rules={[requiredRule(locale)]}>
              <Select
                style={{ minWidth: 140 }}
                options={SERVICE_CONTACT_KINDS.map((k) => ({ value: k, label: labels.contactKind(k) }))}
              />
            </Form.Item>
          </Space>
          <Form.Item
            name="notes"
            label={t('labour.key.notes')}
            rules={[requiredRule(locale)]}
            extra={t('labour.key.notesHelp')}
          >
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          <Form.Item name="internalNote" label={t('labour.key.internalNote')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.List name="problems">
            {(fields, { add, remove }) => (
              <fieldset className="fieldset">
                <legend>{t('labour.key.problems')}</legend>
                {fields.map((field, index) => (
                  <Space key={field.key} wrap align="start" size={8}>
                    <Form.Item
                      name={[field.name, 'category']}
                      label={t('labour.key.categoryN', { n: index + 1 })}
                      rules={[requiredRule(locale)]}
                    >
                      <Select
                        style={{ minWidth: 160 }}
                        options={PROBLEM_CATEGORIES.map((c) => ({
                          value: c,
                          label: labels.problemCategory(c),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'description']}
                      label={t('labour.key.problemN', { n: index + 1 })}
                      rules={[requiredRule(locale)]}
                    >
                      <Input maxLength={2000} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'deadline']}
                      label={t('labour.key.deadlineN', { n: index + 1 })}
                      rules={[requiredRule(locale)]}
                    >
                      <Input type="date" />
                    </Form.Item>
                    <Button
                      icon={<MinusCircleOutlined aria-hidden />}
                      aria-label={t('labour.key.removeProblem', { n: index + 1 })}
                      onClick={() => remove(field.name)}
                      style={{ marginTop: 30 }}
                    />
                  </Space>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ deadline: chinaDay(7) })}>
                  {t('labour.key.addProblem')}
                </Button>
              </fieldset>
            )}
          </Form.List>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('labour.key.saveLog')}
          </Button>
        </Form>
      </Section>
      <Section id="log-problems" title={t('labour.key.problems')}>
        <ProblemAlert error={problems.error} />
        <ProblemsTable problems={problems.data?.items ?? []} mayResolve />
      </Section>
      <Section id="log-list" title={t('labour.key.logTitle')}>
        <ProblemAlert error={logs.error} />
        <ServiceLogList logs={logs.data?.items ?? []} />
      </Section>
    </div>
  );
}

/** The employer: the bureau's service log of its enterprise (if it is a key enterprise). */
export function EmployerServiceLogPage() {
  const { t } = useTranslation();
  usePageTitle(t('labour.key.employerTitle'));
  const [params, setParams] = useSearchParams();
  const acting = useActingEnterprise(params.get('enterprise') ?? undefined);
  const enterpriseId = acting.current?.id ?? '';
  const logs = useQuery({
    queryKey: labourKeys.serviceLogs(enterpriseId),
    queryFn: async () => {
      try {
        return await listServiceLogs(enterpriseId);
      } catch (error) {
        // Not a key enterprise: nothing to show, which is not an error for the clerk.
        if (isApiError(error, 'not_found')) return null;
        throw error;
      }
    },
    enabled: Boolean(enterpriseId),
  });
  if (acting.query.isSuccess && !acting.current) {
    return (
      <div className="page">
        <Typography.Title level={1}>{t('labour.key.employerTitle')}</Typography.Title>
        <NeedsEnterprise />
      </div>
    );
  }
  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{t('labour.key.employerTitle')}</Typography.Title>
      <EnterpriseSwitcher
        list={acting.list}
        value={acting.current?.id}
        onChange={(v) => setParams({ enterprise: v }, { replace: true })}
      />
      <ProblemAlert error={logs.error} />
      {logs.isSuccess && logs.data === null && (
        <Typography.Paragraph>{t('labour.key.notKey')}</Typography.Paragraph>
      )}
      {logs.data && <ServiceLogList logs={logs.data.items} />}
    </div>
  );
}
