import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ENTERPRISE_SIZES,
  KEY_GROUPS,
  POLICY_APPLICATION_STATUSES,
  POLICY_EVENT_BY,
  POLICY_KINDS,
  POLICY_PERIODS,
  type FactDefinition,
  type Locale,
  type PolicyApplicationStatus,
} from '@jiuye/shared';
import type { ChipTone } from '../../app/status-chip';
import { formatYuan } from '../../app/money';
import { useLabels } from '../../app/labels';
import { useLocale } from '../../i18n';
import '../../i18n/channel';
import '../../i18n/policies';
import { useDistricts, useNamedCodes } from '../reference/api';
import { listFacts, policyKeys } from './api';
import type { RuleWordsContext } from './rule-words';

function member<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

const EVENT_ACTIONS = [
  'create',
  'submit',
  'resubmit',
  'withdraw',
  'start_review',
  'pass',
  'return',
  'reject',
  'approve',
  'approve_first',
  'notice_end',
  'objection_upheld',
  'paid',
] as const;

/** Names for the policies' codes in the UI language; unknown codes show as themselves. */
export function usePolicyLabels() {
  const { t } = useTranslation();
  return {
    kind: (v: string) => (member(POLICY_KINDS, v) ? t(`policies.kind.${v}`) : v),
    subjectType: (v: string) => (v === 'enterprise' || v === 'person' ? t(`policies.subjectType.${v}`) : v),
    period: (v: string) => (member(POLICY_PERIODS, v) ? t(`policies.period.${v}`) : v),
    status: (v: string) => (member(POLICY_APPLICATION_STATUSES, v) ? t(`policies.status.${v}`) : v),
    eventAction: (v: string) => (member(EVENT_ACTIONS, v) ? t(`policies.event.${v}`) : v),
    eventBy: (v: string) => (member(POLICY_EVENT_BY, v) ? t(`policies.by.${v}`) : v),
  };
}

export const POLICY_STATUS_TONE: Record<PolicyApplicationStatus, ChipTone> = {
  draft: 'neutral',
  submitted: 'info',
  district_review: 'info',
  bureau_review: 'info',
  notice: 'warning',
  approved: 'success',
  paid: 'success',
  rejected: 'danger',
  returned: 'warning',
  withdrawn: 'neutral',
};

/** "10,000 元" / "10,000 yuan". */
export function yuan(fen: number, locale: Locale): string {
  return locale === 'zh-CN' ? `${formatYuan(fen, locale)} 元` : `${formatYuan(fen, locale)} yuan`;
}

/** The policy's name in the UI language. */
export function policyName(p: { nameZh: string; nameEn: string }, locale: Locale): string {
  return locale === 'zh-CN' ? p.nameZh : p.nameEn;
}

export function useFacts() {
  return useQuery({ queryKey: policyKeys.facts, queryFn: listFacts, staleTime: Infinity });
}

/**
 * Everything the plain-words renderer needs: the fact registry and names for coded values
 * (enterprise sizes, key groups, districts, industries).
 */
export function useRuleWords(
  formFields: readonly { key: string; labelZh: string; labelEn: string }[] = [],
): RuleWordsContext & { ready: boolean } {
  const locale = useLocale();
  const labels = useLabels();
  const facts = useFacts();
  const districts = useDistricts();
  const industries = useNamedCodes('industry');
  const byName = new Map<string, FactDefinition>((facts.data ?? []).map((f) => [f.name, f]));
  const districtName = new Map((districts.data ?? []).map((d) => [d.code, d.name]));
  return {
    ready: facts.isSuccess,
    locale,
    facts: byName,
    // Money fields hold fen but are read in yuan: their "（分）" would mislead next to 元.
    formLabels: new Map(
      formFields.map((f) => [
        f.key,
        (locale === 'zh-CN' ? f.labelZh : f.labelEn).replace(/\s*[（(](分|fen)[)）]\s*$/i, ''),
      ]),
    ),
    valueLabel: (fact, value) => {
      if (member(ENTERPRISE_SIZES, value) && /size/i.test(fact)) return labels.enterpriseSize(value);
      if (member(KEY_GROUPS, value)) return labels.keyGroup(value);
      if (/^\d{6}$/.test(value)) return districtName.get(value) ?? value;
      if (/^[A-T]$/.test(value) && /industry/i.test(fact)) return industries.get(value) ?? value;
      return value;
    },
  };
}
