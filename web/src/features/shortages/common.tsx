import type { ReactNode } from 'react';
import { Card, Select, Typography } from 'antd';
import type { FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  COLLEGE_AGREEMENT_STATUSES,
  DEMAND_KINDS,
  PROBLEM_CATEGORIES,
  RESOLUTION_METHODS,
  SERVICE_CONTACT_KINDS,
  SHARING_AGREEMENT_STATUSES,
  SHORTAGE_CAUSES,
  SHORTAGE_STATUSES,
  SHORTAGE_URGENCIES,
  WORKER_CONSENT_STATES,
  fieldMessage,
  type Locale,
  type CollegeAgreementStatus,
  type SharingAgreementStatus,
  type ShortageStatus,
  type ShortageUrgency,
} from '@jiuye/shared';
import { checkRule } from '../../app/form-errors';
import type { ChipTone } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import '../../i18n/labour';
import './labour.css';
import { occupationName, useDistricts, useOccupationsByCode } from '../reference/api';
import { useMyEnterprises } from '../enterprises/use-my-enterprises';

function member<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** Names for the labour programmes' codes; unknown codes (a newer server) show as themselves. */
export function useLabourLabels() {
  const { t } = useTranslation();
  return {
    shortageStatus: (v: string) =>
      member(SHORTAGE_STATUSES, v) ? t(`labour.labels.shortageStatus.${v}`) : v,
    urgency: (v: string) => (member(SHORTAGE_URGENCIES, v) ? t(`labour.labels.urgency.${v}`) : v),
    cause: (v: string) => (member(SHORTAGE_CAUSES, v) ? t(`labour.labels.cause.${v}`) : v),
    method: (v: string) => (member(RESOLUTION_METHODS, v) ? t(`labour.labels.method.${v}`) : v),
    agreementStatus: (v: string) =>
      member(SHARING_AGREEMENT_STATUSES, v) ? t(`labour.labels.agreementStatus.${v}`) : v,
    consent: (v: string) => (member(WORKER_CONSENT_STATES, v) ? t(`labour.labels.consent.${v}`) : v),
    party: (v: string) => (v === 'lender' || v === 'borrower' ? t(`labour.labels.party.${v}`) : v),
    demandKind: (v: string) => (member(DEMAND_KINDS, v) ? t(`labour.labels.demandKind.${v}`) : v),
    collegeAgreementStatus: (v: string) =>
      member(COLLEGE_AGREEMENT_STATUSES, v) ? t(`labour.labels.collegeAgreementStatus.${v}`) : v,
    contactKind: (v: string) => (member(SERVICE_CONTACT_KINDS, v) ? t(`labour.labels.contactKind.${v}`) : v),
    problemCategory: (v: string) =>
      member(PROBLEM_CATEGORIES, v) ? t(`labour.labels.problemCategory.${v}`) : v,
  };
}

export const SHORTAGE_TONE: Record<ShortageStatus, ChipTone> = {
  open: 'warning',
  in_progress: 'info',
  resolved: 'success',
  cancelled: 'neutral',
};

export const URGENCY_TONE: Record<ShortageUrgency, ChipTone> = {
  low: 'neutral',
  normal: 'info',
  high: 'warning',
  critical: 'danger',
};

export const AGREEMENT_TONE: Record<SharingAgreementStatus, ChipTone> = {
  pending: 'warning',
  active: 'success',
  ended: 'neutral',
  returned: 'neutral',
  cancelled: 'danger',
};

export const COLLEGE_AGREEMENT_TONE: Record<CollegeAgreementStatus, ChipTone> = {
  pending: 'warning',
  signed: 'success',
  completed: 'neutral',
  cancelled: 'danger',
};

/** "YYYY-MM-DD" of a day in China time (date boxes and defaults). */
export function chinaDay(offsetDays = 0, now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(now + offsetDays * 86_400_000),
  );
}

/** Zhanjiang's districts as a Select (staff filters and forms). */
export function DistrictSelect({
  id,
  value,
  onChange,
  allowAll,
  ariaLabel,
}: {
  id?: string;
  value?: string | undefined;
  onChange?: (value: string | undefined) => void;
  allowAll?: string;
  ariaLabel?: string;
}) {
  const districts = useDistricts();
  const options = (districts.data ?? []).map((d) => ({ value: d.code, label: d.name }));
  return (
    <Select<string>
      id={id}
      aria-label={ariaLabel}
      value={value ?? (allowAll ? '' : undefined)}
      onChange={(v) => onChange?.(v || undefined)}
      options={allowAll ? [{ value: '', label: allowAll }, ...options] : options}
      loading={districts.isPending}
      style={{ minWidth: 140 }}
    />
  );
}

/** District code → name. */
export function useDistrictName(): (code: string) => string {
  const districts = useDistricts();
  const byCode = new Map((districts.data ?? []).map((d) => [d.code, d.name]));
  return (code: string) => byCode.get(code) ?? code;
}

/** Occupation codes → "name" in the UI language (the code while loading). */
export function useOccupationNames(codes: readonly string[]): (code: string) => string {
  const locale = useLocale();
  const byCode = useOccupationsByCode([...new Set(codes)]);
  return (code: string) => {
    const o = byCode.get(code);
    return o ? occupationName(o, locale) : code;
  };
}

/**
 * The employer's enterprise the page acts for: the first verified one (most clerks have one); a
 * clerk of several picks it in a Select.
 */
export function useActingEnterprise(chosen: string | undefined) {
  const mine = useMyEnterprises();
  const list = mine.data ?? [];
  const verified = list.filter((e) => e.status === 'verified');
  const pool = verified.length > 0 ? verified : list;
  const current = pool.find((e) => e.id === chosen) ?? pool[0];
  return { query: mine, list: pool, current };
}

export function EnterpriseSwitcher({
  list,
  value,
  onChange,
}: {
  list: readonly { id: string; name: string }[];
  value: string | undefined;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  if (list.length < 2) return null;
  return (
    <Select<string>
      aria-label={t('labour.common.enterprise')}
      value={value}
      onChange={onChange}
      options={list.map((e) => ({ value: e.id, label: e.name }))}
      style={{ minWidth: 220, marginBottom: 16 }}
    />
  );
}

/** A row of labelled figures (counters, totals): each a term and its value. */
export function Figures({
  items,
  label,
}: {
  items: { key: string; label: string; value: ReactNode }[];
  label: string;
}) {
  return (
    <dl className="labour-figures" aria-label={label}>
      {items.map((item) => (
        <div key={item.key} className="labour-figures__item">
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A titled card section whose heading names the region for assistive technology. */
export function Section({
  id,
  title,
  children,
  extra,
}: {
  id: string;
  title: string;
  children: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <section aria-labelledby={id} style={{ marginBottom: 24 }}>
      <Card>
        <div className="labour-head">
          <Typography.Title level={2} id={id} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {extra}
        </div>
        {children}
      </Card>
    </section>
  );
}

/** "no employer enterprise yet" guard for employer pages. */
export function NeedsEnterprise() {
  const { t } = useTranslation();
  return <Typography.Paragraph>{t('labour.common.noEnterprise')}</Typography.Paragraph>;
}

/**
 * "Pick at least one" for a group of tick boxes. Not `required: true`: antd would put
 * aria-required on the group's role="group", which ARIA does not allow there (axe aria-allowed-attr).
 */
export function pickOneRule(locale: Locale): FormRule {
  return checkRule((value) =>
    Array.isArray(value) && value.length > 0 ? null : fieldMessage('required', locale),
  );
}
