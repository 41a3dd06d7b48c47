import { useTranslation } from 'react-i18next';
import {
  AGENCY_SERVICES,
  AGENCY_STATUSES,
  BOOTH_STATUSES,
  CONTRACT_KINDS,
  CONTRACT_STATUSES,
  DELIVERABLE_STATUSES,
  FAIR_MODES,
  FAIR_STATUSES,
  KEY_GROUPS,
  REFERRAL_OUTCOMES,
  type BoothStatus,
  type FairCounters,
  type FairStatus,
} from '@jiuye/shared';
import type { ChipTone } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import '../../i18n/labour';
import '../shortages/labour.css';
import { Figures } from '../shortages/common';

function member<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** Names for the fairs', regions' and agencies' codes in the UI language. */
export function useFairLabels() {
  const { t } = useTranslation();
  return {
    fairStatus: (v: string) => (member(FAIR_STATUSES, v) ? t(`labour.labels.fairStatus.${v}`) : v),
    fairMode: (v: string) => (member(FAIR_MODES, v) ? t(`labour.labels.fairMode.${v}`) : v),
    boothStatus: (v: string) => (member(BOOTH_STATUSES, v) ? t(`labour.labels.boothStatus.${v}`) : v),
    targetGroup: (v: string) =>
      v === 'general' ? t('labour.labels.general') : member(KEY_GROUPS, v) ? t(`labels.keyGroup.${v}`) : v,
    referralOutcome: (v: string) =>
      member(REFERRAL_OUTCOMES, v) ? t(`labour.labels.referralOutcome.${v}`) : v,
    agencyStatus: (v: string) => (member(AGENCY_STATUSES, v) ? t(`labour.labels.agencyStatus.${v}`) : v),
    agencyService: (v: string) => (member(AGENCY_SERVICES, v) ? t(`labour.labels.agencyService.${v}`) : v),
    contractKind: (v: string) => (member(CONTRACT_KINDS, v) ? t(`labour.labels.contractKind.${v}`) : v),
    contractStatus: (v: string) =>
      member(CONTRACT_STATUSES, v) ? t(`labour.labels.contractStatus.${v}`) : v,
    deliverableStatus: (v: string) =>
      member(DELIVERABLE_STATUSES, v) ? t(`labour.labels.deliverableStatus.${v}`) : v,
  };
}

export const FAIR_TONE: Record<FairStatus, ChipTone> = {
  draft: 'neutral',
  published: 'info',
  live: 'success',
  closed: 'neutral',
  cancelled: 'danger',
};

export const BOOTH_TONE: Record<BoothStatus, ChipTone> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
  withdrawn: 'neutral',
  closed: 'neutral',
};

/** A fair's title in the reader's language (the API carries both). */
export function useFairTitle(): (f: { titleZh: string; titleEn: string }) => string {
  const locale = useLocale();
  return (f) => (locale === 'en-US' ? f.titleEn : f.titleZh);
}

/** "YYYY-MM-DDTHH:mm" from a datetime-local box, read as China time, to ISO with offset. */
export function chinaLocalToIso(local: string): string {
  return `${local}:00+08:00`;
}

/** The fair's live counters as figures. */
export function FairCounterFigures({ counters, label }: { counters: FairCounters; label: string }) {
  const { t } = useTranslation();
  return (
    <Figures
      label={label}
      items={[
        { key: 'visitors', label: t('labour.fairs.counters.visitors'), value: counters.visitors },
        { key: 'booths', label: t('labour.fairs.counters.booths'), value: counters.booths },
        { key: 'postings', label: t('labour.fairs.counters.postings'), value: counters.postings },
        { key: 'applications', label: t('labour.fairs.counters.applications'), value: counters.applications },
        { key: 'interviews', label: t('labour.fairs.counters.interviews'), value: counters.interviews },
        { key: 'offers', label: t('labour.fairs.counters.offers'), value: counters.offers },
        { key: 'hires', label: t('labour.fairs.counters.hires'), value: counters.hires },
        { key: 'checkIns', label: t('labour.fairs.counters.checkIns'), value: counters.checkIns },
      ]}
    />
  );
}
