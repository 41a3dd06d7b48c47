import { Alert, App, Button, Form, Input, InputNumber, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  POLICY_KINDS,
  POLICY_PERIODS,
  PolicyRuleSchema,
  SUBJECT_TYPES,
  type PolicyKind,
  type Problem,
  type SubjectType,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, checkRule, ProblemAlert, requiredRule } from '../../app/form-errors';
import { fenToYuan, yuanToFen } from '../../app/money';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { ScrollRegion } from '../../app/scroll-region';
import { useLocale } from '../../i18n';
import { createPolicy, getPolicy, policyKeys, updatePolicy, type Policy } from './api';
import { RuleChecklist } from './components';
import { usePolicyLabels, useFacts, useRuleWords } from './labels';
import './policies.css';

/** The JSON-edited parts of a policy: each has its own editor and shows its own server errors. */
const JSON_FIELDS = ['eligibility', 'amount', 'requiredDocuments', 'formFields'] as const;
type JsonField = (typeof JSON_FIELDS)[number];
const JSON_INPUT: Record<JsonField, `${JsonField}Json`> = {
  eligibility: 'eligibilityJson',
  amount: 'amountJson',
  requiredDocuments: 'requiredDocumentsJson',
  formFields: 'formFieldsJson',
};
const PLAIN_FIELDS = [
  'code',
  'kind',
  'applicantType',
  'nameZh',
  'nameEn',
  'summaryZh',
  'summaryEn',
  'basisZh',
  'basisEn',
  'effectiveFrom',
  'effectiveTo',
  'period',
  'noticeDays',
  'amountCapYuan',
  'dualApprovalThresholdYuan',
];

type Values = {
  code?: string;
  kind: PolicyKind;
  applicantType: SubjectType;
  nameZh: string;
  nameEn: string;
  summaryZh?: string;
  summaryEn?: string;
  basisZh?: string;
  basisEn?: string;
  effectiveFrom: string;
  effectiveTo?: string;
  period: Policy['period'];
  noticeDays: number;
  amountCapYuan?: number | null;
  dualApprovalThresholdYuan?: number | null;
  eligibilityJson: string;
  amountJson: string;
  requiredDocumentsJson: string;
  formFieldsJson: string;
};

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

function initialValues(p: Policy | undefined): Partial<Values> {
  if (!p) {
    return {
      period: 'once',
      noticeDays: 5,
      eligibilityJson: pretty({ all: [] }),
      amountJson: 'null',
      requiredDocumentsJson: '[]',
      formFieldsJson: '[]',
    };
  }
  return {
    kind: p.kind,
    applicantType: p.applicantType,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    summaryZh: p.summaryZh,
    summaryEn: p.summaryEn,
    basisZh: p.basisZh,
    basisEn: p.basisEn,
    effectiveFrom: p.effectiveFrom,
    effectiveTo: p.effectiveTo ?? undefined,
    period: p.period,
    noticeDays: p.noticeDays,
    amountCapYuan: p.amountCapFen === null ? null : fenToYuan(p.amountCapFen),
    dualApprovalThresholdYuan:
      p.dualApprovalThresholdFen === null ? null : fenToYuan(p.dualApprovalThresholdFen),
    eligibilityJson: pretty(p.eligibility),
    amountJson: pretty(p.amount),
    requiredDocumentsJson: pretty(p.requiredDocuments),
    formFieldsJson: pretty(p.formFields),
  };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The server names each error in a rule by its path (`eligibility.all.2.value`): those go under the
 * JSON editor they belong to, path first, so the officer finds the exact spot; the plain fields get
 * theirs as usual (money fields renamed from fen to the yuan boxes).
 */
function applyPolicyProblem(form: FormInstance<Values>, problem: Problem): void {
  const renamed: Problem = {
    ...problem,
    errors: (problem.errors ?? []).map((e) => ({
      ...e,
      path: e.path
        .replace(/^amountCapFen/, 'amountCapYuan')
        .replace(/^dualApprovalThresholdFen/, 'dualApprovalThresholdYuan'),
    })),
  };
  applyProblemToForm(form, renamed, PLAIN_FIELDS);
  const byEditor = new Map<JsonField, string[]>();
  for (const e of problem.errors ?? []) {
    const head = e.path.split('.')[0] as JsonField;
    if (!JSON_FIELDS.includes(head)) continue;
    byEditor.set(head, [...(byEditor.get(head) ?? []), `${e.path}: ${e.message}`]);
  }
  form.setFields([...byEditor.entries()].map(([f, errors]) => ({ name: JSON_INPUT[f], errors })));
}

/** Create a policy, or a new version of one, with its rules as JSON. */
export function PolicyEditorPage() {
  const { t } = useTranslation();
  const { code } = useParams();
  const editing = code !== undefined;
  const policy = useQuery({
    enabled: editing,
    queryKey: policyKeys.one(code ?? ''),
    queryFn: () => getPolicy(code ?? ''),
  });
  const title = editing ? t('policies.manage.editTitle', { code }) : t('policies.manage.createTitle');
  usePageTitle(title);
  return (
    <div className="page page--reading">
      <p>
        <Link to="/staff/policies">{t('policies.manage.back')}</Link>
      </p>
      <Typography.Title level={1}>{title}</Typography.Title>
      {editing && policy.isPending && <PageSpinner />}
      <ProblemAlert error={policy.error} />
      {(!editing || policy.data) && <PolicyEditor policy={policy.data} />}
    </div>
  );
}

function PolicyEditor({ policy }: { policy: Policy | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = usePolicyLabels();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const eligibilityText = Form.useWatch('eligibilityJson', form);
  const parsedRule = typeof eligibilityText === 'string' ? parseJson(eligibilityText) : null;
  const previewRule = parsedRule?.ok ? PolicyRuleSchema.safeParse(parsedRule.value) : null;

  const save = useMutation({
    mutationFn: (v: Values) => {
      const json = (s: string) => JSON.parse(s) as never;
      const body = {
        kind: v.kind,
        applicantType: v.applicantType,
        nameZh: v.nameZh.trim(),
        nameEn: v.nameEn.trim(),
        summaryZh: v.summaryZh?.trim() ?? '',
        summaryEn: v.summaryEn?.trim() ?? '',
        basisZh: v.basisZh?.trim() ?? '',
        basisEn: v.basisEn?.trim() ?? '',
        effectiveFrom: v.effectiveFrom,
        effectiveTo: v.effectiveTo || null,
        period: v.period,
        noticeDays: v.noticeDays,
        amountCapFen: v.amountCapYuan == null ? null : yuanToFen(v.amountCapYuan),
        dualApprovalThresholdFen:
          v.dualApprovalThresholdYuan == null ? null : yuanToFen(v.dualApprovalThresholdYuan),
        eligibility: json(v.eligibilityJson),
        amount: json(v.amountJson),
        requiredDocuments: json(v.requiredDocumentsJson),
        formFields: json(v.formFieldsJson),
      };
      return policy
        ? updatePolicy(policy.code, { expectedVersion: policy.version, ...body })
        : createPolicy({ code: (v.code ?? '').trim(), ...body });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(policyKeys.one(saved.code), saved);
      void queryClient.invalidateQueries({ queryKey: policyKeys.all });
      void message.success(t('policies.manage.saved', { version: saved.version }));
      void navigate(`/staff/policies/${encodeURIComponent(saved.code)}`, { replace: true });
    },
    onError: (error) => {
      if (isApiError(error)) applyPolicyProblem(form, error.problem);
    },
  });

  const jsonRule = checkRule((value) => {
    if (typeof value !== 'string') return null;
    const parsed = parseJson(value);
    return parsed.ok ? null : t('policies.manage.jsonInvalid', { message: parsed.message });
  });

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark="optional"
      initialValues={initialValues(policy)}
      onFinish={(v) => save.mutate(v)}
    >
      <ProblemAlert
        error={save.error}
        fieldNames={[...PLAIN_FIELDS, ...JSON_FIELDS, 'amountCapFen', 'dualApprovalThresholdFen']}
      />
      {policy && (
        <Alert
          type="info"
          showIcon
          title={t('policies.manage.versionNote', { version: policy.version })}
          style={{ marginBottom: 16 }}
        />
      )}
      {!policy && (
        <Form.Item
          name="code"
          label={t('policies.manage.code')}
          extra={t('policies.manage.codeHelp')}
          rules={[requiredRule(locale)]}
        >
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item name="kind" label={t('policies.catalogue.kind')} rules={[requiredRule(locale)]}>
        <Select<PolicyKind> options={POLICY_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))} />
      </Form.Item>
      <Form.Item
        name="applicantType"
        label={t('policies.catalogue.applicantType')}
        rules={[requiredRule(locale)]}
      >
        <Select<SubjectType>
          options={SUBJECT_TYPES.map((s) => ({ value: s, label: labels.subjectType(s) }))}
        />
      </Form.Item>
      <Form.Item name="nameZh" label={t('policies.manage.nameZh')} rules={[requiredRule(locale)]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('policies.manage.nameEn')} rules={[requiredRule(locale)]}>
        <Input maxLength={200} lang="en" />
      </Form.Item>
      <Form.Item name="summaryZh" label={t('policies.manage.summaryZh')}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Form.Item name="summaryEn" label={t('policies.manage.summaryEn')}>
        <Input.TextArea maxLength={4000} autoSize={{ minRows: 2, maxRows: 6 }} lang="en" />
      </Form.Item>
      <Form.Item name="basisZh" label={t('policies.manage.basisZh')}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="basisEn" label={t('policies.manage.basisEn')}>
        <Input maxLength={1000} lang="en" />
      </Form.Item>
      <Form.Item
        name="effectiveFrom"
        label={t('policies.manage.effectiveFrom')}
        rules={[requiredRule(locale)]}
      >
        <input type="date" className="ant-input" style={{ maxWidth: 220 }} />
      </Form.Item>
      <Form.Item
        name="effectiveTo"
        label={t('policies.manage.effectiveTo')}
        extra={t('policies.manage.effectiveToHelp')}
      >
        <input type="date" className="ant-input" style={{ maxWidth: 220 }} />
      </Form.Item>
      <Form.Item name="period" label={t('policies.catalogue.grantPeriod')} rules={[requiredRule(locale)]}>
        <Select<string> options={POLICY_PERIODS.map((p) => ({ value: p, label: labels.period(p) }))} />
      </Form.Item>
      <Form.Item name="noticeDays" label={t('policies.catalogue.noticeDays')} rules={[requiredRule(locale)]}>
        <InputNumber<number> min={0} max={60} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item
        name="amountCapYuan"
        label={t('policies.manage.amountCap')}
        extra={t('policies.manage.optionalYuan')}
      >
        <InputNumber<number>
          min={0}
          precision={2}
          suffix={t('policies.apply.yuanUnit')}
          style={{ width: 220 }}
        />
      </Form.Item>
      <Form.Item
        name="dualApprovalThresholdYuan"
        label={t('policies.manage.threshold')}
        extra={t('policies.manage.thresholdHelp')}
      >
        <InputNumber<number>
          min={0}
          precision={2}
          suffix={t('policies.apply.yuanUnit')}
          style={{ width: 220 }}
        />
      </Form.Item>

      <Typography.Title level={2}>{t('policies.manage.rulesTitle')}</Typography.Title>
      <Typography.Paragraph>{t('policies.manage.rulesIntro')}</Typography.Paragraph>
      <FactReference />
      <Form.Item
        name="eligibilityJson"
        label={t('policies.manage.eligibility')}
        rules={[requiredRule(locale), jsonRule]}
      >
        <Input.TextArea className="policy-json" spellCheck={false} autoSize={{ minRows: 8, maxRows: 30 }} />
      </Form.Item>
      {previewRule?.success && (
        <section aria-labelledby="rule-preview" className="policy-section">
          <Typography.Title level={3} id="rule-preview" style={{ fontSize: '1rem' }}>
            {t('policies.manage.preview')}
          </Typography.Title>
          <RuleChecklist rule={previewRule.data} label={t('policies.manage.preview')} />
        </section>
      )}
      <Form.Item
        name="amountJson"
        label={t('policies.manage.amount')}
        extra={t('policies.manage.amountHelp')}
        rules={[requiredRule(locale), jsonRule]}
      >
        <Input.TextArea className="policy-json" spellCheck={false} autoSize={{ minRows: 3, maxRows: 12 }} />
      </Form.Item>
      <Form.Item
        name="requiredDocumentsJson"
        label={t('policies.manage.documents')}
        extra={t('policies.manage.documentsHelp')}
        rules={[requiredRule(locale), jsonRule]}
      >
        <Input.TextArea className="policy-json" spellCheck={false} autoSize={{ minRows: 3, maxRows: 16 }} />
      </Form.Item>
      <Form.Item
        name="formFieldsJson"
        label={t('policies.manage.formFields')}
        extra={t('policies.manage.formFieldsHelp')}
        rules={[requiredRule(locale), jsonRule]}
      >
        <Input.TextArea className="policy-json" spellCheck={false} autoSize={{ minRows: 3, maxRows: 16 }} />
      </Form.Item>
      <div className="policy-actions">
        <Button type="primary" htmlType="submit" size="large" loading={save.isPending}>
          {policy ? t('policies.manage.saveVersion') : t('policies.manage.create')}
        </Button>
      </div>
    </Form>
  );
}

/** The facts rules may read, to copy names from. */
function FactReference() {
  const { t } = useTranslation();
  const facts = useFacts();
  const ctx = useRuleWords();
  return (
    <details className="timeline-details" style={{ marginBottom: 16 }}>
      <summary>{t('policies.manage.facts')}</summary>
      <ProblemAlert error={facts.error} />
      <ScrollRegion label={t('policies.manage.facts')} minWidth={640}>
        <table className="ant-table" style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              <th scope="col" style={{ textAlign: 'left' }}>
                {t('policies.manage.factName')}
              </th>
              <th scope="col" style={{ textAlign: 'left' }}>
                {t('policies.manage.factLabel')}
              </th>
              <th scope="col" style={{ textAlign: 'left' }}>
                {t('policies.manage.factType')}
              </th>
              <th scope="col" style={{ textAlign: 'left' }}>
                {t('policies.manage.factValues')}
              </th>
            </tr>
          </thead>
          <tbody>
            {(facts.data ?? []).map((f) => (
              <tr key={f.name}>
                <td className="mono">{f.name}</td>
                <td>{ctx.locale === 'zh-CN' ? f.labelZh : f.labelEn}</td>
                <td className="mono">{f.valueType}</td>
                <td>
                  {(f.allowedValues ?? []).map((v) => `${v}（${ctx.valueLabel(f.name, v)}）`).join('、')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </details>
  );
}
