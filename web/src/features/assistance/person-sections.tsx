import { App, Button, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { KeyGroupMembership, Person } from '@jiuye/shared';
import { ProblemAlert } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { useLabels } from '../../app/labels';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { regionPathLabel, useDistrictNames, useNamedCodes, useRegionAncestors } from '../reference/api';
import {
  assistanceKeys,
  confirmMembership,
  getPerson,
  getTimeline,
  listMemberships,
  reclassify,
} from './api';
import { MembershipList } from './key-groups';
import { EMPLOYMENT_TONE, useAssistanceLabels } from './labels';
import { PersonTimeline } from './person-timeline';
import { MaskedIdNumber } from './reveal-id';

/** The person's record as staff see it: identity number masked (reveal on purpose), facts, status. */
export function PersonSummaryCard({
  personId,
  linkToRecord = true,
}: {
  personId: string;
  linkToRecord?: boolean;
}) {
  const { t } = useTranslation();
  const person = useQuery({ queryKey: assistanceKeys.person(personId), queryFn: () => getPerson(personId) });
  return (
    <section aria-labelledby="person-title" className="section-block">
      <div className="section-head">
        <Typography.Title level={2} id="person-title">
          {t('assistance.person.title')}
        </Typography.Title>
        {linkToRecord && <Link to={`/staff/persons/${personId}`}>{t('assistance.person.openRecord')}</Link>}
      </div>
      <ProblemAlert error={person.error} />
      {person.data && <PersonFacts person={person.data} />}
    </section>
  );
}

export function PersonFacts({ person }: { person: Person }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabels();
  const a = useAssistanceLabels();
  const education = useNamedCodes('education');
  const household = useRegionAncestors(person.householdRegionCode ? [person.householdRegionCode] : []);
  const district = useDistrictNames(person.residenceDistrictCode ? [person.residenceDistrictCode] : [])[0];
  const flags = (['ruralHousehold', 'veteran', 'poorHousehold', 'disability'] as const).filter(
    (f) => person[f],
  );
  return (
    <dl className="facts-list">
      <div>
        <dt>{t('assistance.person.fullName')}</dt>
        <dd>{person.fullName}</dd>
      </div>
      <div>
        <dt>{t('assistance.person.idNumber')}</dt>
        <dd>
          <MaskedIdNumber personId={person.id} personName={person.fullName} masked={person.idNumberMasked} />
        </dd>
      </div>
      <div>
        <dt>{t('assistance.person.phone')}</dt>
        <dd className="mono">{person.phoneMasked}</dd>
      </div>
      <div>
        <dt>{t('assistance.person.genderAge')}</dt>
        <dd>
          {person.gender ? labels.gender(person.gender) : '—'}
          {person.age !== null ? ` · ${t('assistance.person.years', { count: person.age })}` : ''}
          {person.birthDate ? ` · ${formatDate(person.birthDate, locale)}` : ''}
        </dd>
      </div>
      <div>
        <dt>{t('assistance.person.household')}</dt>
        <dd>{person.householdRegionCode ? regionPathLabel(person.householdRegionCode, household) : '—'}</dd>
      </div>
      <div>
        <dt>{t('assistance.person.residenceDistrict')}</dt>
        <dd>{district ?? '—'}</dd>
      </div>
      <div>
        <dt>{t('assistance.person.employmentStatus')}</dt>
        <dd>
          <StatusChip tone={EMPLOYMENT_TONE[person.employmentStatus]}>
            {a.employmentStatus(person.employmentStatus)}
          </StatusChip>
        </dd>
      </div>
      <div>
        <dt>{t('assistance.registration.certificateNo')}</dt>
        <dd className="mono">{person.certificateNo ?? '—'}</dd>
      </div>
      <div>
        <dt>{t('assistance.facts.educationLevel')}</dt>
        <dd>
          {person.educationLevel ? (education.get(person.educationLevel) ?? person.educationLevel) : '—'}
          {person.school ? ` · ${person.school}` : ''}
          {person.major ? ` · ${person.major}` : ''}
        </dd>
      </div>
      {person.graduationDate && (
        <div>
          <dt>{t('assistance.facts.graduationDate')}</dt>
          <dd>{formatDate(person.graduationDate, locale)}</dd>
        </div>
      )}
      <div>
        <dt>{t('assistance.facts.legend')}</dt>
        <dd>
          {flags.length > 0 ? flags.map((f) => t(`assistance.facts.${f}`)).join('、') : t('common.none')}
        </dd>
      </div>
      {person.evidenceNote && (
        <div>
          <dt>{t('assistance.facts.evidenceNote')}</dt>
          <dd>{person.evidenceNote}</dd>
        </div>
      )}
      <div>
        <dt>{t('assistance.person.account')}</dt>
        <dd>{person.userId ? t('assistance.person.hasAccount') : t('assistance.person.noAccount')}</dd>
      </div>
    </dl>
  );
}

/** Classifications with evidence; an officer confirms each proposal after checking it. */
export function PersonKeyGroups({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const labels = useAssistanceLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const memberships = useQuery({
    queryKey: assistanceKeys.memberships(personId),
    queryFn: () => listMemberships(personId),
  });
  const confirm = useMutation({
    mutationFn: (m: KeyGroupMembership) => confirmMembership(personId, m.group),
    onSuccess: (m) => {
      void queryClient.invalidateQueries({ queryKey: assistanceKeys.all });
      void message.success(t('assistance.keyGroups.confirmedDone', { group: labels.named(m) }));
    },
  });
  const rerun = useMutation({
    mutationFn: () => reclassify(personId),
    onSuccess: (items) => {
      queryClient.setQueryData(assistanceKeys.memberships(personId), items);
      void queryClient.invalidateQueries({ queryKey: assistanceKeys.all });
      void message.success(t('assistance.keyGroups.reclassified'));
    },
  });
  return (
    <section aria-labelledby="key-groups-title" className="section-block">
      <div className="section-head">
        <Typography.Title level={2} id="key-groups-title">
          {t('assistance.keyGroups.title')}
        </Typography.Title>
        <Button onClick={() => rerun.mutate()} loading={rerun.isPending}>
          {t('assistance.keyGroups.reclassify')}
        </Button>
      </div>
      <ProblemAlert error={memberships.error ?? confirm.error ?? rerun.error} />
      {memberships.data && (
        <MembershipList
          memberships={memberships.data}
          action={(m) =>
            m.status === 'active' && !m.confirmedAt ? (
              <Button
                size="small"
                type="primary"
                loading={confirm.isPending && confirm.variables.id === m.id}
                onClick={() => confirm.mutate(m)}
              >
                {t('assistance.keyGroups.confirm')}
                <span className="sr-only"> {labels.named(m)}</span>
              </Button>
            ) : null
          }
        />
      )}
    </section>
  );
}

export function PersonTimelineSection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const timeline = useQuery({
    queryKey: assistanceKeys.timeline(personId),
    queryFn: () => getTimeline(personId),
  });
  return (
    <section aria-labelledby="timeline-title" className="section-block">
      <Typography.Title level={2} id="timeline-title">
        {t('assistance.timeline.title')}
      </Typography.Title>
      <ProblemAlert error={timeline.error} />
      {timeline.data && <PersonTimeline items={timeline.data} labelledBy="timeline-title" />}
    </section>
  );
}
