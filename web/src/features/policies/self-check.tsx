import { useId, useState } from 'react';
import { Alert, Button, Checkbox, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FactValue, Me, Policy } from '@jiuye/shared';
import { ProblemAlert } from '../../app/form-errors';
import { useLocale } from '../../i18n';
import { useMyEnterprises } from '../enterprises/use-my-enterprises';
import { checkEligibility, type EligibilityResult } from './api';
import { ReasonList, RuleChecklist } from './components';
import { useRuleWords, yuan } from './labels';
import { factLabel, factsOfRule, selfCheck, type ConditionOutcome } from './rule-words';

/** Today in China (YYYY-MM-DD): rules about dates are judged on the bureau's calendar. */
export function chinaToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** The outcome of a check: eligible or not, each condition with its reason, and the amount. */
export function EligibilityOutcome({ result }: { result: EligibilityResult }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div role="status">
      {result.eligible ? (
        <Alert
          type="success"
          showIcon
          title={t('policies.check.eligible')}
          description={
            result.amount?.amountFen != null
              ? t('policies.check.amountEstimate', { amount: yuan(result.amount.amountFen, locale) })
              : undefined
          }
          style={{ marginBottom: 12 }}
        />
      ) : (
        <Alert
          type="error"
          showIcon
          title={result.inEffect ? t('policies.check.notEligible') : t('policies.check.notInEffect')}
          style={{ marginBottom: 12 }}
        />
      )}
      <ReasonList reasons={result.reasons} label={t('policies.check.reasons')} />
    </div>
  );
}

/**
 * A signed-in applicant checks against the data the platform holds: an enterprise clerk for one
 * of their enterprises, a person for themself.
 */
export function SignedInCheck({ policy, me }: { policy: Policy; me: Me }) {
  const { t } = useTranslation();
  const enterprises = useMyEnterprises();
  const isEnterprise = policy.applicantType === 'enterprise';
  const mine = isEnterprise ? (enterprises.data ?? []) : [];
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const enterpriseId = chosen ?? mine[0]?.id;
  const check = useMutation({
    mutationFn: () => checkEligibility(policy.code, isEnterprise ? { enterpriseId } : {}),
  });
  if (isEnterprise && me.role !== 'employer') {
    return <Alert type="info" showIcon title={t('policies.check.forEnterprises')} />;
  }
  if (!isEnterprise && me.role !== 'seeker') {
    return <Alert type="info" showIcon title={t('policies.check.forPeople')} />;
  }
  if (isEnterprise && enterprises.isSuccess && mine.length === 0) {
    return <Alert type="info" showIcon title={t('policies.check.noEnterprise')} />;
  }
  return (
    <div>
      <Typography.Paragraph>{t('policies.check.signedInIntro')}</Typography.Paragraph>
      {mine.length > 1 && (
        <Select<string>
          aria-label={t('policies.apply.enterprise')}
          value={enterpriseId}
          onChange={(v) => {
            setChosen(v);
            check.reset();
          }}
          options={mine.map((e) => ({ value: e.id, label: e.name }))}
          style={{ minWidth: 240, marginBottom: 12 }}
        />
      )}
      <div>
        <Button
          type="primary"
          onClick={() => check.mutate()}
          loading={check.isPending}
          disabled={isEnterprise && !enterpriseId}
        >
          {t('policies.check.run')}
        </Button>
      </div>
      <div style={{ marginTop: 12 }}>
        <ProblemAlert error={check.error} />
        {check.data && <EligibilityOutcome result={check.data} />}
      </div>
    </div>
  );
}

function FactInput({
  name,
  value,
  onChange,
  policy,
}: {
  name: string;
  value: FactValue | undefined;
  onChange: (v: FactValue | undefined) => void;
  policy: Policy;
}) {
  const { t } = useTranslation();
  const id = useId();
  const ctx = useRuleWords(policy.formFields);
  const def = ctx.facts.get(name);
  const label = factLabel(name, ctx);
  const unit = ctx.locale === 'zh-CN' ? def?.unitZh : def?.unitEn;
  const type = def?.valueType ?? (name.startsWith('form.') ? 'number' : 'string');
  const options = (def?.allowedValues ?? []).map((v) => ({ value: v, label: ctx.valueLabel(name, v) }));
  let control;
  switch (type) {
    case 'number':
      control = (
        <InputNumber<number>
          id={id}
          value={typeof value === 'number' ? value : null}
          onChange={(v) => onChange(v ?? undefined)}
          suffix={unit}
          style={{ width: 200 }}
        />
      );
      break;
    case 'boolean':
      return (
        <fieldset className="fieldset">
          <legend className="field-label">{label}</legend>
          <Radio.Group
            value={value === undefined || value === null ? undefined : value === true ? 'yes' : 'no'}
            onChange={(e) => onChange(e.target.value === 'yes')}
            options={[
              { value: 'yes', label: t('common.yes') },
              { value: 'no', label: t('common.no') },
            ]}
          />
        </fieldset>
      );
    case 'date':
      control = (
        <input
          id={id}
          type="date"
          className="ant-input"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value || undefined)}
          style={{ width: 200 }}
        />
      );
      break;
    case 'string[]':
      return (
        <fieldset className="fieldset">
          <legend className="field-label">{label}</legend>
          <Checkbox.Group
            value={Array.isArray(value) ? value : []}
            onChange={(v) => onChange(v)}
            options={options}
          />
        </fieldset>
      );
    case 'string':
      control =
        options.length > 0 ? (
          <Select<string>
            id={id}
            value={typeof value === 'string' ? value : undefined}
            onChange={(v) => onChange(v)}
            options={options}
            allowClear
            style={{ minWidth: 200 }}
          />
        ) : (
          <Input
            id={id}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => onChange(e.target.value || undefined)}
            style={{ maxWidth: 300 }}
          />
        );
      break;
  }
  return (
    <div style={{ marginBottom: 12 }}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div>{control}</div>
    </div>
  );
}

/**
 * Without signing in: the visitor answers the questions the rule asks and sees each condition
 * marked. Only a guide: the review uses the data on record.
 */
export function AnonymousCheck({ policy }: { policy: Policy }) {
  const { t } = useTranslation();
  const facts = factsOfRule(policy.eligibility);
  const [values, setValues] = useState<Record<string, FactValue | undefined>>({});
  const [result, setResult] = useState<ReturnType<typeof selfCheck> | null>(null);
  const outcomes = new Map<string, ConditionOutcome>(
    (result?.conditions ?? []).map((c) => [c.path, c.outcome]),
  );
  return (
    <div>
      <Typography.Paragraph>{t('policies.check.anonymousIntro')}</Typography.Paragraph>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setResult(selfCheck(policy.eligibility, values, chinaToday()));
        }}
      >
        {facts.map((f) => (
          <FactInput
            key={f}
            name={f}
            policy={policy}
            value={values[f]}
            onChange={(v) => {
              setValues((old) => ({ ...old, [f]: v }));
              setResult(null);
            }}
          />
        ))}
        <Button type="primary" htmlType="submit">
          {t('policies.check.run')}
        </Button>
      </form>
      {result && (
        <div role="status" style={{ marginTop: 12 }}>
          <Alert
            type={result.eligible ? 'success' : 'warning'}
            showIcon
            title={result.eligible ? t('policies.check.likelyEligible') : t('policies.check.likelyNot')}
            description={t('policies.check.guideOnly')}
            style={{ marginBottom: 12 }}
          />
          <RuleChecklist
            rule={policy.eligibility}
            formFields={policy.formFields}
            outcomes={outcomes}
            label={t('policies.check.reasons')}
          />
        </div>
      )}
    </div>
  );
}
