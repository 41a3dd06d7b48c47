import { useTranslation } from 'react-i18next';
import {
  ECOMMERCE_PROJECT_STATUSES,
  TRAINING_COURSE_STATUSES,
  TRAINING_ENROLLMENT_STATUSES,
  TRAINING_PROVIDER_KINDS,
  WELFARE_END_REASONS,
  WELFARE_PLACEMENT_STATUSES,
  WELFARE_POST_STATUSES,
  WELFARE_SUBSIDY_STATUSES,
  type TrainingCourseStatus,
  type TrainingEnrollmentStatus,
} from '@jiuye/shared';
import type { ChipTone } from '../../app/status-chip';

function member<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** Names for the codes of welfare posts, training and e-commerce in the UI language. */
export function useTrainingLabels() {
  const { t } = useTranslation();
  return {
    courseStatus: (v: string) =>
      member(TRAINING_COURSE_STATUSES, v) ? t(`training.labels.courseStatus.${v}`) : v,
    enrollmentStatus: (v: string) =>
      member(TRAINING_ENROLLMENT_STATUSES, v) ? t(`training.labels.enrollmentStatus.${v}`) : v,
    providerKind: (v: string) =>
      member(TRAINING_PROVIDER_KINDS, v) ? t(`training.labels.providerKind.${v}`) : v,
    postStatus: (v: string) => (member(WELFARE_POST_STATUSES, v) ? t(`training.labels.postStatus.${v}`) : v),
    placementStatus: (v: string) =>
      member(WELFARE_PLACEMENT_STATUSES, v) ? t(`training.labels.placementStatus.${v}`) : v,
    endReason: (v: string) => (member(WELFARE_END_REASONS, v) ? t(`training.labels.endReason.${v}`) : v),
    subsidyStatus: (v: string) =>
      member(WELFARE_SUBSIDY_STATUSES, v) ? t(`training.labels.subsidyStatus.${v}`) : v,
    projectStatus: (v: string) =>
      member(ECOMMERCE_PROJECT_STATUSES, v) ? t(`training.labels.projectStatus.${v}`) : v,
  };
}

export const COURSE_TONE: Record<TrainingCourseStatus, ChipTone> = {
  open: 'success',
  closed: 'warning',
  finished: 'neutral',
  cancelled: 'danger',
};

export const ENROLLMENT_TONE: Record<TrainingEnrollmentStatus, ChipTone> = {
  enrolled: 'info',
  withdrawn: 'neutral',
  completed: 'success',
  failed: 'danger',
};
