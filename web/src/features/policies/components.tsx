import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { EligibilityReason, Policy, PolicyRule } from '@jiuye/shared';
import { formatDate } from '../../app/format';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { policyName, usePolicyLabels, useRuleWords, yuan } from './labels';
import {
  amountWords,
  describeRule,
  effectiveOutcome,
  negationsAt,
  type ConditionOutcome,
  type RuleLine,
} from './rule-words';

function Lines({ lines, outcomes }: { lines: RuleLine[]; outcomes?: ReadonlyMap<string, ConditionOutcome> }) {
  return (
    <ul className="plain-list policy-rule-list">
      {lines.map((line) => (
        <li key={line.path || 'root'}>
          {outcomes?.has(line.path) && <OutcomeChip outcome={outcomes.get(line.path) ?? 'unknown'} />}{' '}
          {line.text}
          {line.children.length > 0 && <Lines lines={line.children} outcomes={outcomes} />}
        </li>
      ))}
    </ul>
  );
}

/** A policy's eligibility conditions in plain words; with `outcomes`, each marked passed or failed. */
export function RuleChecklist({
  rule,
  formFields,
  outcomes,
  label,
}: {
  rule: PolicyRule;
  formFields?: Policy['formFields'];
  outcomes?: ReadonlyMap<string, ConditionOutcome>;
  label: string;
}) {
  const ctx = useRuleWords(formFields);
  const top = describeRule(rule, ctx);
  const lines = 'all' in rule && rule.all.length > 0 ? top.children : [top];
  return (
    <div role="group" aria-label={label}>
      <Lines lines={lines} outcomes={outcomes} />
    </div>
  );
}

export function OutcomeChip({ outcome }: { outcome: ConditionOutcome }) {
  const { t } = useTranslation();
  if (outcome === 'pass') {
    return (
      <StatusChip tone="success">
        <CheckCircleFilled aria-hidden /> {t('policies.check.pass')}
      </StatusChip>
    );
  }
  if (outcome === 'fail') {
    return (
      <StatusChip tone="danger">
        <CloseCircleFilled aria-hidden /> {t('policies.check.fail')}
      </StatusChip>
    );
  }
  return (
    <StatusChip tone="warning">
      <QuestionCircleFilled aria-hidden /> {t('policies.check.unknown')}
    </StatusChip>
  );
}

/** The server's judgement, condition by condition, with the actual value in the reader's language. */
export function ReasonList({ reasons, label }: { reasons: readonly EligibilityReason[]; label: string }) {
  const locale = useLocale();
  const { t } = useTranslation();
  if (reasons.length === 0) return <p>{t('policies.check.noConditions')}</p>;
  return (
    <ul className="plain-list policy-reasons" aria-label={label}>
      {reasons.map((r) => {
        // The server judges each condition by itself; under a `not` it is a requirement not to meet.
        const negated = negationsAt(r.path) % 2 === 1;
        return (
          <li key={r.path}>
            <OutcomeChip outcome={effectiveOutcome(r.path, r.outcome)} />{' '}
            {negated && `${t('policies.check.mustNot')} `}
            {locale === 'zh-CN' ? r.messageZh : r.messageEn}
          </li>
        );
      })}
    </ul>
  );
}

/** Effective period: "2020年2月1日 起至 2020年12月31日" or "… 起长期有效". */
export function EffectivePeriod({ policy }: { policy: Pick<Policy, 'effectiveFrom' | 'effectiveTo'> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const from = formatDate(policy.effectiveFrom, locale);
  return policy.effectiveTo
    ? t('policies.catalogue.periodRange', { from, to: formatDate(policy.effectiveTo, locale) })
    : t('policies.catalogue.periodOpen', { from });
}

/** Kind, applicant type, period, amount, notice days and basis, as a definition list. */
export function PolicyFacts({ policy }: { policy: Policy }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = usePolicyLabels();
  const ctx = useRuleWords(policy.formFields);
  const basis = locale === 'zh-CN' ? policy.basisZh : policy.basisEn;
  return (
    <dl className="policy-facts">
      <div>
        <dt>{t('policies.catalogue.kind')}</dt>
        <dd>{labels.kind(policy.kind)}</dd>
      </div>
      <div>
        <dt>{t('policies.catalogue.applicantType')}</dt>
        <dd>{labels.subjectType(policy.applicantType)}</dd>
      </div>
      <div>
        <dt>{t('policies.catalogue.effective')}</dt>
        <dd>
          <EffectivePeriod policy={policy} />{' '}
          {policy.inEffect ? (
            <StatusChip tone="success">{t('policies.catalogue.inEffect')}</StatusChip>
          ) : (
            <StatusChip tone="neutral">{t('policies.catalogue.notInEffect')}</StatusChip>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('policies.catalogue.amount')}</dt>
        <dd>{amountWords(policy.amount, policy.amountCapFen, ctx, (fen) => yuan(fen, locale))}</dd>
      </div>
      <div>
        <dt>{t('policies.catalogue.grantPeriod')}</dt>
        <dd>{labels.period(policy.period)}</dd>
      </div>
      <div>
        <dt>{t('policies.catalogue.noticeDays')}</dt>
        <dd>{t('policies.catalogue.noticeDaysValue', { days: policy.noticeDays })}</dd>
      </div>
      {basis && (
        <div>
          <dt>{t('policies.catalogue.basis')}</dt>
          <dd>{basis}</dd>
        </div>
      )}
    </dl>
  );
}

/** The documents to prepare, required ones marked. */
export function DocumentList({ policy }: { policy: Policy }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (policy.requiredDocuments.length === 0) return <p>{t('policies.catalogue.noDocuments')}</p>;
  return (
    <ul className="plain-list">
      {policy.requiredDocuments.map((d) => (
        <li key={d.code}>
          {locale === 'zh-CN' ? d.nameZh : d.nameEn}
          {d.required ? '' : ` ${t('policies.catalogue.optionalDoc')}`}
        </li>
      ))}
    </ul>
  );
}

export function PolicyTitle({ policy }: { policy: { nameZh: string; nameEn: string } }) {
  const locale = useLocale();
  return <>{policyName(policy, locale)}</>;
}
