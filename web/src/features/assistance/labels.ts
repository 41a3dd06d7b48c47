import { useTranslation } from 'react-i18next';
import {
  CASE_OPEN_REASONS,
  CASE_OUTCOMES,
  CONTRACT_TYPES,
  DEREGISTRATION_REASONS,
  EMPLOYMENT_STATUSES,
  GRADUATE_SOURCES,
  OVERDUE_REASONS,
  REGISTRATION_KINDS,
  REGISTRATION_SOURCES,
  REGISTRATION_STATUSES,
  SERVICE_KINDS,
  SERVICE_OUTCOMES,
  UNEMPLOYMENT_CAUSES,
  type EmploymentStatus,
  type RegistrationStatus,
} from '@jiuye/shared';
import type { ChipTone } from '../../app/status-chip';
import { useLocale } from '../../i18n';

function member<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/**
 * Names for the registry's and the cases' codes in the UI language; a code this build does not know
 * (a newer server) shows as itself.
 */
export function useAssistanceLabels() {
  const { t } = useTranslation();
  const locale = useLocale();
  return {
    employmentStatus: (v: string) =>
      member(EMPLOYMENT_STATUSES, v) ? t(`assistance.labels.employmentStatus.${v}`) : v,
    registrationKind: (v: string) =>
      member(REGISTRATION_KINDS, v) ? t(`assistance.labels.registrationKind.${v}`) : v,
    registrationStatus: (v: string) =>
      member(REGISTRATION_STATUSES, v) ? t(`assistance.labels.registrationStatus.${v}`) : v,
    registrationSource: (v: string) =>
      member(REGISTRATION_SOURCES, v) ? t(`assistance.labels.registrationSource.${v}`) : v,
    cause: (v: string) => (member(UNEMPLOYMENT_CAUSES, v) ? t(`assistance.labels.cause.${v}`) : v),
    endReason: (v: string) =>
      v === 'employed'
        ? t('assistance.labels.caseOutcome.employed')
        : member(DEREGISTRATION_REASONS, v)
          ? t(`assistance.labels.deregistrationReason.${v}`)
          : v,
    deregistrationReason: (v: string) =>
      member(DEREGISTRATION_REASONS, v) ? t(`assistance.labels.deregistrationReason.${v}`) : v,
    contractType: (v: string) => (member(CONTRACT_TYPES, v) ? t(`assistance.labels.contractType.${v}`) : v),
    caseStatus: (v: string) => (v === 'open' || v === 'closed' ? t(`assistance.labels.caseStatus.${v}`) : v),
    openReason: (v: string) => (member(CASE_OPEN_REASONS, v) ? t(`assistance.labels.openReason.${v}`) : v),
    outcome: (v: string) => (member(CASE_OUTCOMES, v) ? t(`assistance.labels.caseOutcome.${v}`) : v),
    serviceKind: (v: string) => (member(SERVICE_KINDS, v) ? t(`assistance.labels.serviceKind.${v}`) : v),
    serviceOutcome: (v: string) =>
      member(SERVICE_OUTCOMES, v) ? t(`assistance.labels.serviceOutcome.${v}`) : v,
    overdueReason: (v: string) =>
      member(OVERDUE_REASONS, v) ? t(`assistance.labels.overdueReason.${v}`) : v,
    graduateSource: (v: string) =>
      member(GRADUATE_SOURCES, v) ? t(`assistance.labels.graduateSource.${v}`) : v,
    /** A server-named thing (key group, timeline step) in the UI language. */
    named: (o: { nameZh: string; nameEn: string }) => (locale === 'en-US' ? o.nameEn : o.nameZh),
    titled: (o: { titleZh: string; titleEn: string }) => (locale === 'en-US' ? o.titleEn : o.titleZh),
  };
}

export const EMPLOYMENT_TONE: Record<EmploymentStatus, ChipTone> = {
  unemployed: 'warning',
  employed: 'success',
  unregistered: 'neutral',
};

export const REGISTRATION_TONE: Record<RegistrationStatus, ChipTone> = {
  active: 'info',
  employed: 'success',
  deregistered: 'neutral',
};
