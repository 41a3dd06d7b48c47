import { useRef, useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, InputNumber, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Locale, Policy, PolicyFormField, Problem } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { ProblemAlert, requiredRule } from '../../app/form-errors';
import { newIdempotencyKey } from '../../app/idempotency';
import { fenToYuan, yuanToFen } from '../../app/money';
import { useLocale } from '../../i18n';
import { useMyEnterprises } from '../enterprises/use-my-enterprises';
import { checkEligibility } from '../policies/api';
import { usePolicyPaths } from '../policies/paths';
import { EligibilityOutcome } from '../policies/self-check';
import {
  createPolicyApplication,
  decide,
  policyAppKeys,
  updatePolicyApplication,
  type PolicyApplication,
} from './api';
import { DocumentPicker, type PickedDocument } from './document-picker';

type FormValue = string | number | boolean;
type Values = { enterpriseId?: string; formData: Record<string, FormValue | null | undefined> };

/** Number fields named `…Fen` hold money: the applicant types yuan, the API gets fen. */
function isMoney(f: PolicyFormField): boolean {
  return f.type === 'number' && /Fen$/.test(f.key);
}

function toFormData(fields: readonly PolicyFormField[], raw: Values['formData']): Record<string, FormValue> {
  const out: Record<string, FormValue> = {};
  for (const f of fields) {
    const v = raw[f.key];
    if (v === undefined || v === null || v === '') continue;
    out[f.key] = isMoney(f) && typeof v === 'number' ? yuanToFen(v) : v;
  }
  return out;
}

function fromFormData(
  fields: readonly PolicyFormField[],
  data: Record<string, FormValue>,
): Values['formData'] {
  const out: Values['formData'] = {};
  for (const f of fields) {
    const v = data[f.key];
    out[f.key] = isMoney(f) && typeof v === 'number' ? fenToYuan(v) : v;
  }
  return out;
}

/**
 * The field's label; a money field's "（分）" / "(fen)" is dropped because the applicant types yuan
 * (the box says 元).
 */
export function fieldLabel(f: PolicyFormField, locale: Locale): string {
  const label = locale === 'zh-CN' ? f.labelZh : f.labelEn;
  return isMoney(f) ? label.replace(/\s*[（(](分|fen)[)）]\s*$/i, '') : label;
}

/** Field errors `formData.<key>` go next to their field; the rest stay in the alert. */
function applyFormDataErrors(form: FormInstance<Values>, problem: Problem): void {
  const byKey = new Map<string, string[]>();
  for (const e of problem.errors ?? []) {
    const [head, key] = e.path.split('.');
    if (head === 'formData' && key) byKey.set(key, [...(byKey.get(key) ?? []), e.message]);
    if (head === 'enterpriseId') byKey.set('__enterprise', [e.message]);
  }
  form.setFields(
    [...byKey.entries()].map(([key, errors]) => ({
      name: key === '__enterprise' ? 'enterpriseId' : ['formData', key],
      errors,
    })),
  );
}

/**
 * The control for one form field. A plain function, not a component: Form.Item hands its child the
 * id, value and onChange, so the child must be the control itself.
 */
function fieldControl(field: PolicyFormField, t: TFunction) {
  switch (field.type) {
    case 'number':
      return (
        <InputNumber<number>
          min={isMoney(field) ? 0 : field.min}
          max={isMoney(field) || field.max === undefined ? undefined : field.max}
          suffix={isMoney(field) ? t('policies.apply.yuanUnit') : undefined}
          style={{ width: 220, maxWidth: '100%' }}
        />
      );
    case 'date':
      return <input type="date" className="ant-input" style={{ width: 220, maxWidth: '100%' }} />;
    case 'boolean':
      return <Checkbox>{t('common.yes')}</Checkbox>;
    case 'text':
      return field.maxLength && field.maxLength > 100 ? (
        <Input.TextArea maxLength={field.maxLength} autoSize={{ minRows: 2, maxRows: 6 }} />
      ) : (
        <Input maxLength={field.maxLength} />
      );
  }
}

/**
 * The application form: the enterprise (for enterprise policies), the policy's own fields, the
 * documents, a pre-check with reasons before submitting, save as draft, submit. Also edits a draft
 * or a returned application (then "submit" is "resubmit").
 */
export function ApplicationForm({ policy, existing }: { policy: Policy; existing?: PolicyApplication }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const paths = usePolicyPaths();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const isEnterprise = policy.applicantType === 'enterprise';
  const enterprises = useMyEnterprises();
  const mine = isEnterprise && !existing ? (enterprises.data ?? []) : [];
  const [docs, setDocs] = useState<PickedDocument[]>(
    (existing?.documents ?? []).map((d) => ({ fileId: d.fileId, docCode: d.docCode, name: d.originalName })),
  );
  const [missingDocs, setMissingDocs] = useState<string[]>([]);
  const attemptKey = useRef<string | null>(null);

  const enterpriseIdNow = (): string | undefined =>
    existing
      ? existing.subject.type === 'enterprise'
        ? existing.subject.id
        : undefined
      : ((form.getFieldValue('enterpriseId') as string | undefined) ?? mine[0]?.id);

  const check = useMutation({
    mutationFn: () =>
      checkEligibility(policy.code, {
        ...(isEnterprise ? { enterpriseId: enterpriseIdNow() } : {}),
        formData: toFormData(policy.formFields, (form.getFieldValue('formData') ?? {}) as Values['formData']),
      }),
  });

  const save = useMutation({
    mutationFn: async ({ submit, values }: { submit: boolean; values: Values }) => {
      const formData = toFormData(policy.formFields, values.formData ?? {});
      const documents = docs.map((d) => ({ fileId: d.fileId, docCode: d.docCode }));
      if (!existing) {
        attemptKey.current ??= newIdempotencyKey();
        return createPolicyApplication(
          {
            policyCode: policy.code,
            ...(isEnterprise ? { enterpriseId: values.enterpriseId ?? mine[0]?.id } : {}),
            formData,
            documents,
            submit,
          },
          attemptKey.current,
        );
      }
      let saved = await updatePolicyApplication(existing.id, { formData, documents });
      if (submit) {
        saved = await decide(existing.id, { action: existing.status === 'returned' ? 'resubmit' : 'submit' });
      }
      return saved;
    },
    onSuccess: (saved, { submit }) => {
      attemptKey.current = null;
      queryClient.setQueryData(policyAppKeys.one(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: policyAppKeys.all });
      void message.success(submit ? t('policies.apply.submitted') : t('policies.apply.draftSaved'));
      void navigate(paths.application(saved.id));
    },
    onError: (error) => {
      // A refusal (4xx) means the request arrived and was answered: the next attempt is a new one.
      if (isApiError(error) && error.status >= 400 && error.status < 500) attemptKey.current = null;
      if (isApiError(error)) {
        applyFormDataErrors(form, error.problem);
        // `documents.<code>` (document_required): mark the document's own upload box.
        const codes = (error.problem.errors ?? [])
          .map((e) => /^documents\.([a-z][a-z0-9_]*)$/.exec(e.path)?.[1])
          .filter((c): c is string => c !== undefined);
        if (codes.length > 0) setMissingDocs(codes);
      }
      // Not eligible: show why, condition by condition, next to the button.
      if (isApiError(error, 'not_eligible')) check.mutate();
    },
  });

  const run = (submit: boolean) => {
    setMissingDocs([]);
    if (submit) {
      const missing = policy.requiredDocuments
        .filter((d) => d.required && !docs.some((x) => x.docCode === d.code))
        .map((d) => d.code);
      if (missing.length > 0) {
        setMissingDocs(missing);
        void form.validateFields();
        return;
      }
    }
    form
      .validateFields(submit ? undefined : ['enterpriseId'])
      .then(() => save.mutate({ submit, values: form.getFieldsValue(true) as Values }))
      .catch(() => undefined);
  };

  const status = existing?.status;
  const submitLabel =
    status === 'returned'
      ? t('policies.apply.resubmit')
      : existing?.preparedByStaff
        ? t('policies.apply.confirmSubmit')
        : t('policies.apply.submit');

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark="optional"
      initialValues={{
        enterpriseId: mine[0]?.id,
        formData: existing ? fromFormData(policy.formFields, existing.formData) : {},
      }}
      onValuesChange={() => check.reset()}
    >
      {/* Unmet conditions (`eligibility.<path>`) are shown by the pre-check below, in words. */}
      <ProblemAlert
        error={save.error}
        fieldNames={['formData', 'enterpriseId', 'eligibility', 'documents']}
      />
      {isEnterprise && !existing && (
        <Form.Item name="enterpriseId" label={t('policies.apply.enterprise')} rules={[requiredRule(locale)]}>
          <Select<string>
            options={mine.map((e) => ({ value: e.id, label: e.name }))}
            loading={enterprises.isPending}
            notFoundContent={t('policies.check.noEnterprise')}
          />
        </Form.Item>
      )}
      {existing && (
        <Typography.Paragraph>
          {t('policies.apply.applicant', { name: existing.subject.name })}
        </Typography.Paragraph>
      )}
      {policy.formFields.length > 0 && (
        <Typography.Title level={2}>{t('policies.apply.formTitle')}</Typography.Title>
      )}
      {policy.formFields.map((f) => (
        <Form.Item
          key={f.key}
          name={['formData', f.key]}
          label={fieldLabel(f, locale)}
          valuePropName={f.type === 'boolean' ? 'checked' : 'value'}
          rules={f.required && f.type !== 'boolean' ? [requiredRule(locale)] : []}
        >
          {fieldControl(f, t)}
        </Form.Item>
      ))}
      {policy.requiredDocuments.length > 0 && (
        <>
          <Typography.Title level={2}>{t('policies.apply.documentsTitle')}</Typography.Title>
          {policy.requiredDocuments.map((d) => (
            <DocumentPicker
              key={d.code}
              doc={d}
              files={docs.filter((x) => x.docCode === d.code)}
              onAdd={(file) => {
                setDocs((old) => [...old, file]);
                setMissingDocs((old) => old.filter((c) => c !== d.code));
              }}
              onRemove={(fileId) => setDocs((old) => old.filter((x) => x.fileId !== fileId))}
              error={missingDocs.includes(d.code) ? t('policies.apply.documentMissing') : null}
            />
          ))}
        </>
      )}
      <section aria-labelledby="precheck-title" className="policy-section">
        <Typography.Title level={2} id="precheck-title">
          {t('policies.apply.precheckTitle')}
        </Typography.Title>
        <Typography.Paragraph>{t('policies.apply.precheckIntro')}</Typography.Paragraph>
        <Button onClick={() => check.mutate()} loading={check.isPending}>
          {t('policies.apply.precheck')}
        </Button>
        <div style={{ marginTop: 12 }}>
          <ProblemAlert error={check.error} />
          {check.data && <EligibilityOutcome result={check.data} />}
        </div>
      </section>
      {missingDocs.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('policies.apply.documentsMissing')}
          style={{ marginBottom: 12 }}
        />
      )}
      <div className="policy-actions">
        <Button
          type="primary"
          size="large"
          loading={save.isPending && save.variables.submit}
          disabled={save.isPending}
          onClick={() => run(true)}
        >
          {submitLabel}
        </Button>
        {(!existing || status === 'draft') && (
          <Button
            size="large"
            loading={save.isPending && !save.variables.submit}
            disabled={save.isPending}
            onClick={() => run(false)}
          >
            {t('policies.apply.saveDraft')}
          </Button>
        )}
      </div>
    </Form>
  );
}
