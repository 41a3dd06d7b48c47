import { Descriptions, Drawer, Grid, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { formatYuan } from '../../app/money';
import { PageSpinner } from '../../app/pages/status-pages';
import { useLocale } from '../../i18n';
import {
  useNamedCodes,
  useOccupationsByCode,
  occupationName,
  regionPathLabel,
  useRegionAncestors,
} from '../reference/api';
import { applicationKeys, getApplication } from './api';
import { ApplicationTimeline } from './timeline';

/** The résumé the seeker shared with this application (opening it marks the application viewed). */
export function ResumeSnapshotDrawer({
  applicationId,
  onClose,
}: {
  applicationId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const screens = Grid.useBreakpoint();
  const education = useNamedCodes('education');
  const app = useQuery({
    queryKey: applicationKeys.one(applicationId ?? ''),
    queryFn: () => getApplication(applicationId ?? ''),
    enabled: applicationId !== null,
  });
  const r = app.data?.resume ?? null;
  const occupations = useOccupationsByCode(r?.desiredOccupationCodes ?? []);
  const regions = useRegionAncestors([
    ...(r?.desiredDistrictCodes ?? []),
    ...(r?.currentRegionCode ? [r.currentRegionCode] : []),
  ]);
  return (
    <Drawer
      open={applicationId !== null}
      onClose={onClose}
      placement={screens.md ? 'right' : 'bottom'}
      size={screens.md ? 520 : '90%'}
      title={app.data ? t('pipeline.resumeOf', { name: app.data.seekerName }) : t('pipeline.resume')}
    >
      {app.isPending && <PageSpinner />}
      <ProblemAlert error={app.error} />
      {app.data && !r && <Typography.Paragraph>{t('pipeline.noResume')}</Typography.Paragraph>}
      {app.data && r && (
        <>
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'name', label: t('resume.fullName'), children: r.fullName },
              {
                key: 'phone',
                label: t('pipeline.phone'),
                children: <a href={`tel:${r.phone}`}>{r.phone}</a>,
              },
              ...(r.birthDate ? [{ key: 'birth', label: t('resume.birthDate'), children: r.birthDate }] : []),
              {
                key: 'education',
                label: t('resume.education'),
                children: r.educationLevel ? (education.get(r.educationLevel) ?? r.educationLevel) : '—',
              },
              {
                key: 'years',
                label: t('candidates.experience'),
                children: t('posting.experienceYears', { years: r.experienceYears }),
              },
              { key: 'skills', label: t('resume.skills'), children: r.skills.join('、') || '—' },
              {
                key: 'occupations',
                label: t('resume.desiredOccupations'),
                children:
                  r.desiredOccupationCodes
                    .map((c) => {
                      const o = occupations.get(c);
                      return o ? occupationName(o, locale) : c;
                    })
                    .join('、') || '—',
              },
              {
                key: 'regions',
                label: t('resume.desiredDistricts'),
                children: r.desiredDistrictCodes.map((c) => regionPathLabel(c, regions)).join('；') || '—',
              },
              {
                key: 'salary',
                label: t('resume.expectedSalary'),
                children:
                  r.expectedSalaryMinFen !== null
                    ? `${formatYuan(r.expectedSalaryMinFen, locale)} ${t('resume.yuanPerMonth')}`
                    : '—',
              },
              { key: 'available', label: t('resume.availableFrom'), children: r.availableFrom ?? '—' },
              {
                key: 'relocate',
                label: t('resume.willingToRelocate'),
                children: r.willingToRelocate ? t('common.yes') : t('common.no'),
              },
              ...(r.message ? [{ key: 'message', label: t('apply.message'), children: r.message }] : []),
              {
                key: 'captured',
                label: t('pipeline.sharedAt'),
                children: formatDateTime(r.capturedAt, locale),
              },
            ]}
          />
          {r.experiences.length > 0 && (
            <>
              <Typography.Title level={3}>{t('resume.experiences')}</Typography.Title>
              <ul className="plain-list">
                {r.experiences.map((e, i) => (
                  <li key={i}>
                    <strong>{e.title}</strong> · {e.employer} · {e.from ?? ''}–{e.to ?? t('resume.present')}
                    {e.description && <div>{e.description}</div>}
                  </li>
                ))}
              </ul>
            </>
          )}
          {r.certificates.length > 0 && (
            <>
              <Typography.Title level={3}>{t('resume.certificates')}</Typography.Title>
              <ul className="plain-list">
                {r.certificates.map((c, i) => (
                  <li key={i}>
                    {c.name}
                    {c.issuer && ` · ${c.issuer}`}
                  </li>
                ))}
              </ul>
            </>
          )}
          <Typography.Title level={3}>{t('applications.timeline')}</Typography.Title>
          <ApplicationTimeline application={app.data} />
        </>
      )}
    </Drawer>
  );
}
