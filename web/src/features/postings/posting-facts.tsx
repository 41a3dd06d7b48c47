import type { ReactNode } from 'react';
import { Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Posting } from '@jiuye/shared';
import { formatDate } from '../../app/format';
import { useLabels } from '../../app/labels';
import { formatSalary } from '../../app/money';
import { useLocale } from '../../i18n';
import { useNamedCodes, useRegionAncestors, regionPathLabel } from '../reference/api';

/** What a job is: pay, place, terms, skills, benefits and the description, for any reader. */
export function PostingFacts({
  posting,
  descriptionSlot,
}: {
  posting: Posting;
  descriptionSlot?: ReactNode;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabels();
  const education = useNamedCodes('education');
  const regionNames = useRegionAncestors(posting.targetRegionCodes);
  const open = Math.max(0, posting.headcount - posting.hiredCount);
  return (
    <>
      <p className="posting-salary">
        {formatSalary(posting.salaryMinFen, posting.salaryMaxFen, posting.salaryPeriod, locale)}
      </p>
      {posting.benefits.length > 0 && (
        <ul className="tag-list" aria-label={t('search.benefitsLabel')}>
          {posting.benefits.map((b) => (
            <li key={b}>
              <Tag>{labels.benefit(b)}</Tag>
            </li>
          ))}
        </ul>
      )}
      <Descriptions
        column={1}
        size="small"
        bordered
        style={{ margin: '16px 0' }}
        items={[
          { key: 'enterprise', label: t('posting.enterprise'), children: posting.enterpriseName },
          {
            key: 'occupation',
            label: t('posting.occupation'),
            children: `${posting.occupationName}（${posting.occupationCode}）`,
          },
          {
            key: 'place',
            label: t('posting.place'),
            children: [posting.districtName, posting.address].filter(Boolean).join(' '),
          },
          {
            key: 'type',
            label: t('posting.employmentType'),
            children: labels.employmentType(posting.employmentType),
          },
          {
            key: 'headcount',
            label: t('posting.headcount'),
            children: t('posting.headcountValue', { open, total: posting.headcount }),
          },
          {
            key: 'education',
            label: t('posting.education'),
            children: posting.educationLevel
              ? (education.get(posting.educationLevel) ?? posting.educationLevel)
              : t('posting.noRequirement'),
          },
          {
            key: 'experience',
            label: t('posting.experience'),
            children:
              posting.experienceYears > 0
                ? t('posting.experienceYears', { years: posting.experienceYears })
                : t('posting.noRequirement'),
          },
          ...(posting.skills.length > 0
            ? [{ key: 'skills', label: t('posting.skills'), children: posting.skills.join('、') }]
            : []),
          ...(posting.targetRegionCodes.length > 0
            ? [
                {
                  key: 'regions',
                  label: t('posting.targetRegions'),
                  children: posting.targetRegionCodes.map((c) => regionPathLabel(c, regionNames)).join('；'),
                },
              ]
            : []),
          { key: 'expires', label: t('posting.expiresOn'), children: formatDate(posting.expiresOn, locale) },
        ]}
      />
      <Typography.Title level={2}>{t('posting.description')}</Typography.Title>
      {descriptionSlot ?? (
        <Typography.Paragraph className="pre-wrap">
          {posting.description || t('posting.noDescription')}
        </Typography.Paragraph>
      )}
    </>
  );
}
