import { useState } from 'react';
import { Alert, Button, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../app/form-errors';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { useLocale } from '../../i18n';
import { getPosting, postingKeys } from '../postings/api';
import { occupationName, useNamedCodes, useOccupationsByCode } from '../reference/api';
import { listCandidates, matchingKeys } from './api';
import { MatchReasons } from './reasons';

const PAGE_SIZE = 20;

/** Seekers who opted in to be seen, ranked for this posting, each with the reasons. */
export function CandidatesPage() {
  const { t } = useTranslation();
  usePageTitle(t('candidates.title'));
  const locale = useLocale();
  const education = useNamedCodes('education');
  const { id = '' } = useParams();
  const [pages, setPages] = useState(1);
  const posting = useQuery({ queryKey: postingKeys.one(id), queryFn: () => getPosting(id) });
  const list = useQuery({
    queryKey: matchingKeys.candidates(id, pages),
    queryFn: async () => {
      const all = await Promise.all(
        Array.from({ length: pages }, (_, i) => listCandidates(id, i + 1, PAGE_SIZE)),
      );
      return { items: all.flatMap((p) => p.items), more: (all.at(-1)?.items.length ?? 0) === PAGE_SIZE };
    },
    placeholderData: keepPreviousData,
  });
  const codes = [...new Set((list.data?.items ?? []).flatMap((c) => c.desiredOccupationCodes))];
  const occupations = useOccupationsByCode(codes);

  return (
    <div className="page page--reading">
      <p>
        <Link to={`/employer/postings/${id}`}>{t('pipeline.backToPosting')}</Link>
      </p>
      <Typography.Title level={1}>
        {t('candidates.title')}
        {posting.data && <span className="title-sub">：{posting.data.title}</span>}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('candidates.intro')}</Typography.Paragraph>
      {list.isPending && <PageSpinner />}
      <ProblemAlert error={list.error} />
      {list.data?.items.length === 0 && <Alert type="info" showIcon title={t('candidates.empty')} />}
      {list.data && list.data.items.length > 0 && (
        <ol className="card-list">
          {list.data.items.map((c) => (
            <li key={c.seekerUserId}>
              <article className="candidate-card" aria-labelledby={`cand-${c.seekerUserId}`}>
                <h2 className="card-heading" id={`cand-${c.seekerUserId}`}>
                  {c.fullName}
                </h2>
                <p>
                  {c.educationLevel ? (education.get(c.educationLevel) ?? c.educationLevel) : '—'}
                  <span aria-hidden> · </span>
                  <span className="sr-only">, </span>
                  {t('posting.experienceYears', { years: c.experienceYears })}
                  {c.availableFrom && ` · ${t('candidates.availableFrom', { date: c.availableFrom })}`}
                </p>
                {c.desiredOccupationCodes.length > 0 && (
                  <p>
                    {t('candidates.wants')}
                    {c.desiredOccupationCodes
                      .map((code) => {
                        const o = occupations.get(code);
                        return o ? occupationName(o, locale) : code;
                      })
                      .join('、')}
                  </p>
                )}
                {c.skills.length > 0 && <p>{t('candidates.skills', { skills: c.skills.join('、') })}</p>}
                <MatchReasons score={c.score} reasons={c.reasons} id={c.seekerUserId} />
              </article>
            </li>
          ))}
        </ol>
      )}
      {list.data?.more && (
        <Button block onClick={() => setPages((p) => p + 1)} loading={list.isFetching}>
          {t('search.loadMore')}
        </Button>
      )}
    </div>
  );
}
