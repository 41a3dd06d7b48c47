import { Tag, Typography } from 'antd';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import { MarkedText } from '../../app/highlight';
import { useLabels } from '../../app/labels';
import { formatSalary } from '../../app/money';
import { useLocale } from '../../i18n';
import type { ReactNode } from 'react';

export type JobSummary = {
  id: string;
  title: string;
  /** Server HTML with <mark> only; when absent the plain title is shown. */
  titleHighlighted?: string;
  snippet?: string;
  enterpriseName: string;
  districtName: string;
  salaryMinFen: number;
  salaryMaxFen: number;
  salaryPeriod: string;
  employmentType: string;
  benefits: string[];
  publishedAt: string | null;
};

/** One job in a list: title (the link), pay, who and where, benefits as tags. */
export function JobCard({
  job,
  headingLevel = 2,
  children,
}: {
  job: JobSummary;
  headingLevel?: 2 | 3;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabels();
  const location = useLocation();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="job-card" aria-labelledby={`job-${job.id}`}>
      <Heading className="job-card__title" id={`job-${job.id}`}>
        <Link to={`/seeker/jobs/${job.id}`} state={{ back: `${location.pathname}${location.search}` }}>
          {job.titleHighlighted ? <MarkedText html={job.titleHighlighted} /> : job.title}
        </Link>
      </Heading>
      <p className="job-card__salary">
        {formatSalary(job.salaryMinFen, job.salaryMaxFen, job.salaryPeriod, locale)}
      </p>
      <p className="job-card__meta">
        {job.enterpriseName}
        <span aria-hidden> · </span>
        <span className="sr-only">, </span>
        {job.districtName}
        <span aria-hidden> · </span>
        <span className="sr-only">, </span>
        {labels.employmentType(job.employmentType)}
      </p>
      {job.snippet && (
        <Typography.Paragraph className="job-card__snippet" ellipsis={{ rows: 2 }}>
          <MarkedText html={job.snippet} />
        </Typography.Paragraph>
      )}
      {job.benefits.length > 0 && (
        <ul className="tag-list" aria-label={t('search.benefitsLabel')}>
          {job.benefits.map((b) => (
            <li key={b}>
              <Tag>{labels.benefit(b)}</Tag>
            </li>
          ))}
        </ul>
      )}
      {job.publishedAt && (
        <p className="job-card__date">
          {t('search.publishedOn', { date: formatDate(job.publishedAt, locale) })}
        </p>
      )}
      {children}
    </article>
  );
}
