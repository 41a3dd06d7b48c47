import { useTranslation } from 'react-i18next';
import {
  APPLICATION_STATUSES,
  BENEFITS,
  EMPLOYMENT_TYPES,
  ENTERPRISE_SIZES,
  ENTERPRISE_STATUSES,
  FLAG_CODES,
  KEY_GROUPS,
  POSTING_STATUSES,
  SALARY_PERIODS,
  type ApplicationStatus,
  type PostingStatus,
} from '@jiuye/shared';
import type { ChipTone } from './status-chip';

function member<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/**
 * Names for the API's codes in the UI language. Codes the app does not know yet (a newer server)
 * show as themselves rather than as a missing-key path.
 */
export function useLabels() {
  const { t } = useTranslation();
  return {
    benefit: (v: string) => (member(BENEFITS, v) ? t(`labels.benefit.${v}`) : v),
    employmentType: (v: string) => (member(EMPLOYMENT_TYPES, v) ? t(`labels.employmentType.${v}`) : v),
    salaryPeriod: (v: string) => (member(SALARY_PERIODS, v) ? t(`labels.salaryPeriod.${v}`) : v),
    postingStatus: (v: string) => (member(POSTING_STATUSES, v) ? t(`labels.postingStatus.${v}`) : v),
    enterpriseStatus: (v: string) => (member(ENTERPRISE_STATUSES, v) ? t(`labels.enterpriseStatus.${v}`) : v),
    enterpriseSize: (v: string) => (member(ENTERPRISE_SIZES, v) ? t(`labels.enterpriseSize.${v}`) : v),
    applicationStatus: (v: string) =>
      member(APPLICATION_STATUSES, v) ? t(`labels.applicationStatus.${v}`) : v,
    flag: (v: string) => (member(FLAG_CODES, v) ? t(`labels.flag.${v}`) : v),
    keyGroup: (v: string) => (member(KEY_GROUPS, v) ? t(`labels.keyGroup.${v}`) : v),
    gender: (v: string) => (v === 'male' || v === 'female' ? t(`labels.gender.${v}`) : v),
  };
}

export const POSTING_TONE: Record<PostingStatus, ChipTone> = {
  draft: 'neutral',
  pending_review: 'info',
  published: 'success',
  paused: 'warning',
  closed: 'neutral',
  expired: 'neutral',
  rejected: 'danger',
};

export const APPLICATION_TONE: Record<ApplicationStatus, ChipTone> = {
  submitted: 'info',
  viewed: 'info',
  interview: 'warning',
  offer: 'warning',
  hired: 'success',
  rejected: 'danger',
  withdrawn: 'neutral',
};

export const ENTERPRISE_TONE: Record<string, ChipTone> = {
  pending: 'info',
  verified: 'success',
  rejected: 'danger',
  suspended: 'warning',
};
