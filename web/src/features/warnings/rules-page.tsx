import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Table,
  Typography,
} from 'antd';
import type { FormInstance, TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  fieldMessage,
  SEVERITIES,
  WARNING_KINDS,
  WARNING_RULE_PARAMS,
  warningParamErrors,
  type Problem,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, checkRule, ProblemAlert, requiredRule } from '../../app/form-errors';
import { usePageTitle } from '../../app/page-title';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useSignedInMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import { useMonitoringT, type MonitoringKey } from '../../i18n/monitoring';
import { isCityWideStaffCodes } from '../policies/city-wide';
import { createRule, disableRule, listRules, updateRule, warningKeys, type WarningRule } from './api';
import { SeverityChip, useWarningLabels, type Severity, type WarningKind } from './labels';

const PARAM_NAMES = [
  'minPeople',
  'minShare',
  'threshold',
  'minVacancies',
  'risePct',
  'minCount',
  'days',
] as const;

function useParamLabel() {
  const mt = useMonitoringT();
  return (k: string) =>
    (PARAM_NAMES as readonly string[]).includes(k)
      ? mt(`warnings.rules.paramNames.${k}` as MonitoringKey)
      : k;
}

/** The parameters a kind takes (WARNING_RULE_PARAMS), as names. */
function paramsOf(kind: WarningKind): string[] {
  return Object.keys(WARNING_RULE_PARAMS[kind]);
}

/**
 * The early-warning rules as data: parameters, severity, effective period. City-wide officers
 * create, edit (each change a new version), disable and re-enable them; field errors from the
 * server land on the fields. Everyone else reads.
 */
export function RulesPage() {
  const mt = useMonitoringT();
  usePageTitle(mt('warnings.rules.title'));
  const locale = useLocale();
  const me = useSignedInMe();
  const labels = useWarningLabels();
  const paramLabel = useParamLabel();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const rules = useQuery({ queryKey: warningKeys.rules, queryFn: listRules });
  const mayEdit = isCityWideStaffCodes(me.districtCodes);
  const [editing, setEditing] = useState<WarningRule | 'new' | null>(null);
  const toggle = useMutation({
    mutationFn: (rule: WarningRule) =>
      rule.active
        ? disableRule(rule.id, rule.version)
        : updateRule(rule.id, { version: rule.version, active: true }),
    onSuccess: async (saved) => {
      void message.success(mt(saved.active ? 'warnings.rules.enabled' : 'warnings.rules.disabled'));
      await queryClient.invalidateQueries({ queryKey: warningKeys.rules });
    },
  });
  const name = (r: WarningRule) => (locale === 'en-US' ? r.nameEn : r.nameZh);
  const columns: TableProps<WarningRule>['columns'] = [
    { title: mt('warnings.rules.name'), key: 'name', render: (_v, r) => name(r) },
    {
      title: mt('warnings.rules.code'),
      key: 'code',
      render: (_v, r) => <span className="mono">{r.code}</span>,
    },
    { title: mt('warnings.rules.kind'), key: 'kind', render: (_v, r) => labels.kind(r.kind) },
    {
      title: mt('warnings.rules.params'),
      key: 'params',
      render: (_v, r) => (
        <ul className="plain-list">
          {Object.entries(r.params).map(([k, v]) => (
            <li key={k}>
              {paramLabel(k)}：{v}
            </li>
          ))}
        </ul>
      ),
    },
    {
      title: mt('warnings.rules.severity'),
      key: 'severity',
      render: (_v, r) => <SeverityChip severity={r.severity} />,
    },
    {
      title: mt('warnings.rules.effective'),
      key: 'effective',
      render: (_v, r) =>
        r.effectiveTo
          ? mt('warnings.rules.range', { from: r.effectiveFrom, to: r.effectiveTo })
          : mt('warnings.rules.openEnded', { from: r.effectiveFrom }),
    },
    { title: mt('warnings.rules.version'), key: 'version', align: 'right', render: (_v, r) => r.version },
    {
      title: mt('warnings.rules.active'),
      key: 'active',
      render: (_v, r) =>
        r.active ? (
          <StatusChip tone="success">{mt('warnings.rules.activeYes')}</StatusChip>
        ) : (
          <StatusChip tone="neutral">{mt('warnings.rules.activeNo')}</StatusChip>
        ),
    },
    ...(mayEdit
      ? [
          {
            title: mt('monitoring.common.actions'),
            key: 'actions',
            render: (_v: unknown, r: WarningRule) => (
              <div className="mon-actions" style={{ marginBottom: 0 }}>
                <Button
                  size="small"
                  onClick={() => setEditing(r)}
                  aria-label={`${mt('warnings.rules.edit')}：${name(r)}`}
                >
                  {mt('warnings.rules.edit')}
                </Button>
                {r.active ? (
                  <Popconfirm
                    title={mt('warnings.rules.disableConfirm')}
                    onConfirm={() => toggle.mutate(r)}
                    okText={mt('warnings.rules.disable')}
                  >
                    <Button size="small" danger aria-label={`${mt('warnings.rules.disable')}：${name(r)}`}>
                      {mt('warnings.rules.disable')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button
                    size="small"
                    onClick={() => toggle.mutate(r)}
                    aria-label={`${mt('warnings.rules.enable')}：${name(r)}`}
                  >
                    {mt('warnings.rules.enable')}
                  </Button>
                )}
              </div>
            ),
          },
        ]
      : []),
  ];
  return (
    <div className="page page--wide">
      <div className="mon-head">
        <Typography.Title level={1} style={{ margin: 0 }}>
          {mt('warnings.rules.title')}
        </Typography.Title>
        {mayEdit && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
            {mt('warnings.rules.create')}
          </Button>
        )}
      </div>
      <Typography.Paragraph>{mt('warnings.rules.intro')}</Typography.Paragraph>
      {!mayEdit && (
        <Alert type="info" showIcon title={mt('warnings.rules.readOnly')} style={{ marginBottom: 16 }} />
      )}
      <ProblemAlert error={rules.error ?? toggle.error} />
      <ScrollRegion label={mt('warnings.rules.title')} minWidth={1100}>
        <Table<WarningRule>
          rowKey="id"
          columns={columns}
          dataSource={rules.data?.items ?? []}
          loading={rules.isFetching}
          pagination={false}
          locale={{ emptyText: <span className="mon-empty">{mt('warnings.rules.empty')}</span> }}
        />
      </ScrollRegion>
      {editing && <RuleEditor rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

type RuleValues = {
  code?: string;
  kind: WarningKind;
  nameZh: string;
  nameEn: string;
  severity: Severity;
  params?: Record<string, number | null | undefined>;
  effectiveFrom: string;
  effectiveTo?: string;
  active: boolean;
};
const RULE_FIELDS = [
  'code',
  'kind',
  'nameZh',
  'nameEn',
  'severity',
  'effectiveFrom',
  'effectiveTo',
  'active',
] as const;

/** The filled-in parameters (an empty box drops the condition). */
function sentParams(params: RuleValues['params']): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(params ?? {})) if (typeof v === 'number') out[k] = v;
  return out;
}

/** `params.minPeople` goes on that parameter's box; the rest on their fields or above the form. */
function showProblem(form: FormInstance<RuleValues>, problem: Problem): void {
  const errors = problem.errors ?? [];
  const onParams = errors.filter((e) => e.path.startsWith('params.'));
  form.setFields(
    onParams.map((e) => ({ name: ['params', e.path.slice('params.'.length)], errors: [e.message] })),
  );
  applyProblemToForm(
    form,
    { ...problem, errors: errors.filter((e) => !e.path.startsWith('params.')) },
    RULE_FIELDS,
  );
}

function RuleEditor({ rule, onClose }: { rule: WarningRule | null; onClose: () => void }) {
  const { t } = useTranslation();
  const mt = useMonitoringT();
  const locale = useLocale();
  const labels = useWarningLabels();
  const paramLabel = useParamLabel();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RuleValues>();
  const kind = (Form.useWatch('kind', form) as WarningKind | undefined) ?? rule?.kind ?? 'layoff';
  const save = useMutation({
    mutationFn: (v: RuleValues) => {
      const common = {
        nameZh: v.nameZh.trim(),
        nameEn: v.nameEn.trim(),
        severity: v.severity,
        params: sentParams(v.params),
        effectiveFrom: v.effectiveFrom,
        effectiveTo: v.effectiveTo ? v.effectiveTo : null,
      };
      return rule
        ? updateRule(rule.id, { ...common, version: rule.version, active: v.active })
        : createRule({ ...common, code: (v.code ?? '').trim(), kind: v.kind });
    },
    onSuccess: async () => {
      void message.success(mt(rule ? 'warnings.rules.saved' : 'warnings.rules.created'));
      await queryClient.invalidateQueries({ queryKey: warningKeys.rules });
      onClose();
    },
    onError: (error) => {
      if (isApiError(error)) showProblem(form, error.problem);
    },
  });
  /** The shared check of the kind's parameters (the server runs the same), for one box. */
  const paramRule = (name: string) =>
    checkRule(() => {
      const values = sentParams(form.getFieldValue('params') as RuleValues['params']);
      const error = warningParamErrors(kind, values).find((e) => e.path === `params.${name}`);
      return error ? fieldMessage(error.code, locale) : null;
    });
  const title = rule
    ? mt('warnings.rules.editTitle', { name: locale === 'en-US' ? rule.nameEn : rule.nameZh })
    : mt('warnings.rules.createTitle');
  return (
    <Modal
      open
      title={title}
      okText={mt('warnings.rules.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <ProblemAlert error={save.error} fieldNames={[...RULE_FIELDS, 'params']} />
      <Form<RuleValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={
          rule
            ? {
                code: rule.code,
                kind: rule.kind,
                nameZh: rule.nameZh,
                nameEn: rule.nameEn,
                severity: rule.severity,
                params: rule.params,
                effectiveFrom: rule.effectiveFrom,
                effectiveTo: rule.effectiveTo ?? '',
                active: rule.active,
              }
            : { kind: 'layoff', severity: 'medium', params: {}, active: true }
        }
        onFinish={(v) => save.mutate(v)}
      >
        {rule ? (
          <Typography.Paragraph type="secondary">
            {mt('warnings.rules.kindFixed')} {labels.kind(rule.kind)} ·{' '}
            <span className="mono">{rule.code}</span>
          </Typography.Paragraph>
        ) : (
          <>
            <Form.Item
              name="code"
              label={mt('warnings.rules.code')}
              extra={mt('warnings.rules.codeHelp')}
              rules={[requiredRule(locale)]}
            >
              <Input maxLength={64} autoComplete="off" />
            </Form.Item>
            <Form.Item name="kind" label={mt('warnings.rules.kind')} rules={[requiredRule(locale)]}>
              <Select<WarningKind>
                options={WARNING_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))}
                onChange={() => form.setFieldValue('params', {})}
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="nameZh" label={mt('warnings.rules.nameZh')} rules={[requiredRule(locale)]}>
          <Input.TextArea rows={2} maxLength={100} />
        </Form.Item>
        <Form.Item name="nameEn" label={mt('warnings.rules.nameEn')} rules={[requiredRule(locale)]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
        <Form.Item name="severity" label={mt('warnings.rules.severity')} rules={[requiredRule(locale)]}>
          <Select<Severity> options={SEVERITIES.map((s) => ({ value: s, label: labels.severity(s) }))} />
        </Form.Item>
        <fieldset className="mon-fieldset">
          <legend>{mt('warnings.rules.params')}</legend>
          <div className="mon-counts">
            {paramsOf(kind).map((k) => {
              const type: string = (WARNING_RULE_PARAMS[kind] as Record<string, string>)[k] ?? 'count';
              return (
                <Form.Item
                  key={`${kind}:${k}`}
                  name={['params', k]}
                  label={paramLabel(k)}
                  extra={mt('warnings.rules.paramOptional')}
                  rules={[paramRule(k)]}
                >
                  <InputNumber
                    min={0}
                    step={type === 'share' || type === 'rise' ? 0.01 : type === 'ratio' ? 0.1 : 1}
                    inputMode="decimal"
                  />
                </Form.Item>
              );
            })}
          </div>
        </fieldset>
        <div className="mon-counts">
          <Form.Item
            name="effectiveFrom"
            label={mt('warnings.rules.effectiveFrom')}
            rules={[requiredRule(locale)]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item
            name="effectiveTo"
            label={mt('warnings.rules.effectiveTo')}
            extra={mt('warnings.rules.effectiveToHelp')}
          >
            <Input type="date" />
          </Form.Item>
        </div>
        {rule && (
          <Form.Item name="active" valuePropName="checked">
            <Checkbox>{mt('warnings.rules.activeField')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
