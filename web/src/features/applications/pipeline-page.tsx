import { useEffect, useRef, useState } from 'react';
import { App, Button, Popconfirm, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '@jiuye/shared';
import { ProblemAlert } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { APPLICATION_TONE, useLabels } from '../../app/labels';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { getPosting, postingKeys } from '../postings/api';
import {
  applicationKeys,
  BOARD_COLUMNS,
  enterpriseMoves,
  listPostingApplications,
  updateApplication,
  type Application,
  type UpdateApplicationBody,
} from './api';
import { MoveDialog } from './move-dialog';
import { ResumeSnapshotDrawer } from './resume-snapshot';

type Pending = { application: Application; target: ApplicationStatus };

/**
 * A posting's applicants as a board: one column per stage. Cards move with buttons (keyboard and
 * screen-reader friendly, unlike drag and drop); after a move, focus follows the card.
 */
export function PipelinePage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { id = '' } = useParams();
  const posting = useQuery({ queryKey: postingKeys.one(id), queryFn: () => getPosting(id) });
  const apps = useQuery({
    queryKey: applicationKeys.ofPosting(id),
    queryFn: () => listPostingApplications(id),
  });
  usePageTitle(t('pipeline.title'));
  const [dialog, setDialog] = useState<Pending | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const move = useMutation({
    mutationFn: ({ application, body }: { application: Application; body: UpdateApplicationBody }) =>
      updateApplication(application.id, body),
    onSuccess: (updated) => {
      queryClient.setQueryData<Application[]>(applicationKeys.ofPosting(id), (old) =>
        (old ?? []).map((a) => (a.id === updated.id ? updated : a)),
      );
      queryClient.setQueryData(applicationKeys.one(updated.id), updated);
      // A hire lowers the open headcount and may close the posting.
      void queryClient.invalidateQueries({ queryKey: postingKeys.one(id) });
      const text = t('pipeline.moved', {
        name: updated.seekerName,
        status: labels.applicationStatus(updated.status),
      });
      setAnnouncement(text);
      void message.success(text);
      setDialog(null);
      setFocusId(updated.id);
    },
  });

  const start = (application: Application, target: ApplicationStatus) => {
    move.reset();
    if (target === 'interview' || target === 'rejected') setDialog({ application, target });
    else move.mutate({ application, body: { status: target as UpdateApplicationBody['status'] } });
  };

  const all = apps.data ?? [];
  const withdrawn = all.filter((a) => a.status === 'withdrawn');

  return (
    <div className="page page--wide">
      <p>
        <Link to={`/employer/postings/${id}`}>{t('pipeline.backToPosting')}</Link>
      </p>
      <Typography.Title level={1}>
        {t('pipeline.title')}
        {posting.data && <span className="title-sub">：{posting.data.title}</span>}
      </Typography.Title>
      <div className="sr-only" role="status" aria-live="polite">
        {announcement}
      </div>
      {apps.isPending && <PageSpinner />}
      <ProblemAlert error={apps.error ?? posting.error ?? (dialog ? null : move.error)} />
      {apps.data && all.length === 0 && <Typography.Paragraph>{t('pipeline.empty')}</Typography.Paragraph>}
      {apps.data && all.length > 0 && (
        <div className="board">
          {BOARD_COLUMNS.map((status) => {
            const items = all.filter((a) => a.status === status);
            const headingId = `column-${status}`;
            return (
              <section key={status} className="board__column" aria-labelledby={headingId}>
                <h2 className="board__heading" id={headingId}>
                  {labels.applicationStatus(status)} <span className="board__count">（{items.length}）</span>
                </h2>
                <ul className="board__list">
                  {items.map((a) => (
                    <li key={a.id}>
                      <ApplicantCard
                        application={a}
                        focus={focusId === a.id}
                        onFocused={() => setFocusId(null)}
                        onView={() => setViewing(a.id)}
                        onMove={(target) => start(a, target)}
                        busy={move.isPending && move.variables.application.id === a.id}
                      />
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
      {withdrawn.length > 0 && (
        <section aria-labelledby="column-withdrawn" className="withdrawn">
          <h2 className="board__heading" id="column-withdrawn">
            {labels.applicationStatus('withdrawn')}（{withdrawn.length}）
          </h2>
          <ul className="plain-list">
            {withdrawn.map((a) => (
              <li key={a.id}>{a.seekerName}</li>
            ))}
          </ul>
        </section>
      )}
      <MoveDialog
        target={dialog?.target ?? null}
        applicantName={dialog?.application.seekerName ?? ''}
        pending={move.isPending}
        error={move.error}
        onCancel={() => setDialog(null)}
        onSubmit={(body) => dialog && move.mutate({ application: dialog.application, body })}
      />
      <ResumeSnapshotDrawer
        applicationId={viewing}
        onClose={() => {
          setViewing(null);
          // The first read marks the application viewed.
          void queryClient.invalidateQueries({ queryKey: applicationKeys.ofPosting(id) });
        }}
      />
    </div>
  );
}

function ApplicantCard({
  application: a,
  focus,
  onFocused,
  onView,
  onMove,
  busy,
}: {
  application: Application;
  focus: boolean;
  onFocused: () => void;
  onView: () => void;
  onMove: (target: ApplicationStatus) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabels();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) {
      heading.current?.focus();
      onFocused();
    }
  }, [focus, onFocused]);
  const moves = enterpriseMoves(a.status);
  return (
    <article className="applicant-card" aria-labelledby={`applicant-${a.id}`}>
      <h3 className="applicant-card__name" id={`applicant-${a.id}`} tabIndex={-1} ref={heading}>
        {a.seekerName}
      </h3>
      <p className="applicant-card__meta">
        <StatusChip tone={APPLICATION_TONE[a.status]}>{labels.applicationStatus(a.status)}</StatusChip>{' '}
        {t('applications.appliedOn', { date: formatDateTime(a.createdAt, locale) })}
      </p>
      {a.resume && (
        <p className="applicant-card__meta">
          {t('posting.experienceYears', { years: a.resume.experienceYears })}
          {a.resume.skills.length > 0 && ` · ${a.resume.skills.slice(0, 4).join('、')}`}
        </p>
      )}
      {a.status === 'interview' && a.interviewAt && (
        <p className="applicant-card__meta">
          {t('applications.interviewAt', {
            time: formatDateTime(a.interviewAt, locale),
            place: a.interviewPlace ?? '',
          })}
        </p>
      )}
      {a.status === 'rejected' && a.rejectReason && (
        <p className="applicant-card__meta">{t('applications.rejectReason', { reason: a.rejectReason })}</p>
      )}
      <Space wrap size={4}>
        <Button size="small" onClick={onView}>
          {t('pipeline.viewResume')}
          <span className="sr-only"> {a.seekerName}</span>
        </Button>
        {moves.map((target) =>
          target === 'hired' ? (
            <Popconfirm
              key={target}
              title={t('pipeline.confirmHire', { name: a.seekerName })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => onMove(target)}
            >
              <Button size="small" type="primary" loading={busy}>
                {t(`pipeline.moveTo.${target}`)}
                <span className="sr-only"> {a.seekerName}</span>
              </Button>
            </Popconfirm>
          ) : (
            <Button
              key={target}
              size="small"
              danger={target === 'rejected'}
              loading={busy}
              onClick={() => onMove(target)}
            >
              {a.status === 'interview' && target === 'interview'
                ? t('pipeline.reschedule')
                : t(`pipeline.moveTo.${target}`)}
              <span className="sr-only"> {a.seekerName}</span>
            </Button>
          ),
        )}
      </Space>
    </article>
  );
}
