import { useEffect, useRef, useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, Modal, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { JobFair } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, phoneRules, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { formatSalary } from '../../app/money';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { listEnterprisePostings } from '../postings/api';
import {
  EnterpriseSwitcher,
  NeedsEnterprise,
  pickOneRule,
  Section,
  useActingEnterprise,
} from '../shortages/common';
import {
  fairKeys,
  getJobFair,
  listBooths,
  listJobFairs,
  listMyBooths,
  registerBooth,
  visitFair,
} from './api';
import { BOOTH_TONE, FAIR_TONE, FairCounterFigures, useFairLabels, useFairTitle } from './common';

function FairSummary({ fair, link }: { fair: JobFair; link?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useFairLabels();
  const title = useFairTitle();
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0, fontSize: '1.125rem' }}>
        {link ? <Link to={link}>{title(fair)}</Link> : title(fair)}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        <StatusChip tone={FAIR_TONE[fair.status]}>{labels.fairStatus(fair.status)}</StatusChip>
        <span>{labels.fairMode(fair.mode)}</span>
      </Space>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        {formatDateTime(fair.startsAt, locale)} – {formatDateTime(fair.endsAt, locale)}
      </Typography.Paragraph>
      {fair.venue && <Typography.Paragraph style={{ marginBottom: 4 }}>{fair.venue}</Typography.Paragraph>}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('labour.fairs.forGroups', { groups: fair.targetGroups.map(labels.targetGroup).join('、') })}
      </Typography.Paragraph>
    </>
  );
}

// ─── Employer: booths ────────────────────────────────────────────────────────────────────────────

/** The employer: fairs taking booths, a booth registration with postings, and its booths. */
export function EmployerFairsPage() {
  const { t } = useTranslation();
  usePageTitle(t('labour.fairs.employerTitle'));
  const labels = useFairLabels();
  const title = useFairTitle();
  const [chosen, setChosen] = useState<string | undefined>();
  const acting = useActingEnterprise(chosen);
  const fairs = useQuery({
    queryKey: fairKeys.fairs({ open: true }),
    queryFn: () => listJobFairs({ page: 1, pageSize: 50 }),
  });
  const mine = useQuery({ queryKey: fairKeys.myBooths, queryFn: listMyBooths });
  const [registering, setRegistering] = useState<JobFair | null>(null);
  const open = (fairs.data?.items ?? []).filter((f) => f.acceptingBooths);
  const fairById = new Map((fairs.data?.items ?? []).map((f) => [f.id, f]));
  if (acting.query.isSuccess && !acting.current) {
    return (
      <div className="page">
        <Typography.Title level={1}>{t('labour.fairs.employerTitle')}</Typography.Title>
        <NeedsEnterprise />
      </div>
    );
  }
  return (
    <div className="page">
      <Typography.Title level={1}>{t('labour.fairs.employerTitle')}</Typography.Title>
      <EnterpriseSwitcher list={acting.list} value={acting.current?.id} onChange={setChosen} />
      <Section id="my-booths" title={t('labour.fairs.myBooths')}>
        <ProblemAlert error={mine.error} />
        {mine.isSuccess && mine.data.items.length === 0 && (
          <Typography.Paragraph>{t('labour.fairs.noMyBooths')}</Typography.Paragraph>
        )}
        <ul className="labour-list">
          {(mine.data?.items ?? []).map((b) => {
            const fair = fairById.get(b.fairId);
            return (
              <li key={b.id}>
                <Card size="small">
                  <Typography.Title level={3} style={{ marginTop: 0 }}>
                    {fair ? title(fair) : b.boothName}
                  </Typography.Title>
                  <Space wrap>
                    <span>{b.boothName}</span>
                    <StatusChip tone={BOOTH_TONE[b.status]}>{labels.boothStatus(b.status)}</StatusChip>
                    {b.reviewReason && <span>{b.reviewReason}</span>}
                  </Space>
                  {b.figures && (
                    <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
                      {t('labour.fairs.boothFigures', {
                        visits: b.figures.visits,
                        applications: b.figures.applications,
                        offers: b.figures.offers,
                      })}
                    </Typography.Paragraph>
                  )}
                </Card>
              </li>
            );
          })}
        </ul>
      </Section>
      <Section id="open-fairs" title={t('labour.fairs.openForBooths')}>
        <ProblemAlert error={fairs.error} />
        {fairs.isSuccess && open.length === 0 && (
          <Typography.Paragraph>{t('labour.fairs.noOpenFairs')}</Typography.Paragraph>
        )}
        <ul className="labour-list">
          {open.map((f) => (
            <li key={f.id}>
              <Card size="small">
                <FairSummary fair={f} />
                <Button type="primary" style={{ marginTop: 8 }} onClick={() => setRegistering(f)}>
                  {t('labour.fairs.registerBooth')}
                </Button>
              </Card>
            </li>
          ))}
        </ul>
      </Section>
      {registering && acting.current && (
        <BoothDialog fair={registering} enterprise={acting.current} onClose={() => setRegistering(null)} />
      )}
    </div>
  );
}

type BoothValues = {
  postingIds?: string[];
  boothName?: string;
  introduction?: string;
  contactName?: string;
  contactPhone?: string;
};
const BOOTH_FIELDS = ['postingIds', 'boothName', 'introduction', 'contactName', 'contactPhone'];

function BoothDialog({
  fair,
  enterprise,
  onClose,
}: {
  fair: JobFair;
  enterprise: { id: string; name: string; contactName?: string; contactPhone?: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const title = useFairTitle();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<BoothValues>();
  const postings = useQuery({
    queryKey: ['labour', 'published-postings', enterprise.id],
    queryFn: () => listEnterprisePostings(enterprise.id, { page: 1, pageSize: 100, status: 'published' }),
  });
  const register = useMutation({
    mutationFn: (v: BoothValues) =>
      registerBooth(fair.id, {
        enterpriseId: enterprise.id,
        postingIds: v.postingIds ?? [],
        boothName: v.boothName?.trim() || undefined,
        introduction: v.introduction ?? '',
        contactName: v.contactName ?? '',
        contactPhone: v.contactPhone ?? '',
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: fairKeys.all });
      void message.success(t('labour.fairs.boothRegistered'));
      onClose();
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, BOOTH_FIELDS);
    },
  });
  return (
    <Modal
      open
      title={t('labour.fairs.registerBoothAt', { fair: title(fair) })}
      okText={t('labour.fairs.submitBooth')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={register.isPending}
      destroyOnHidden
    >
      <ProblemAlert error={register.error} fieldNames={BOOTH_FIELDS} />
      <Form<BoothValues>
        form={form}
        layout="vertical"
        initialValues={{
          boothName: enterprise.name,
          contactName: enterprise.contactName,
          contactPhone: enterprise.contactPhone,
        }}
        onFinish={(v) => register.mutate(v)}
      >
        <Form.Item name="postingIds" label={t('labour.fairs.boothPostings')} rules={[pickOneRule(locale)]}>
          <Checkbox.Group
            className="checkbox-grid"
            options={(postings.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
          />
        </Form.Item>
        {postings.isSuccess && postings.data.items.length === 0 && (
          <Typography.Paragraph type="secondary">{t('labour.fairs.noPublished')}</Typography.Paragraph>
        )}
        <Form.Item name="boothName" label={t('labour.fairs.boothName')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="introduction" label={t('labour.fairs.introduction')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="contactName" label={t('labour.colleges.contactName')} rules={[requiredRule(locale)]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('labour.colleges.contactPhone')} rules={phoneRules(locale)}>
          <Input inputMode="tel" maxLength={20} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ─── Seeker: browse and apply ────────────────────────────────────────────────────────────────────

/** The seeker's fairs: live ones first, then those to come. */
export function SeekerFairsPage() {
  const { t } = useTranslation();
  usePageTitle(t('labour.fairs.seekerTitle'));
  const fairs = useQuery({
    queryKey: fairKeys.fairs({ seeker: true }),
    queryFn: () => listJobFairs({ page: 1, pageSize: 50 }),
  });
  const items = (fairs.data?.items ?? [])
    .filter((f) => f.status === 'live' || f.status === 'published')
    .sort((a, b) =>
      a.status === b.status ? a.startsAt.localeCompare(b.startsAt) : a.status === 'live' ? -1 : 1,
    );
  return (
    <div className="page page--narrow">
      <Typography.Title level={1}>{t('labour.fairs.seekerTitle')}</Typography.Title>
      <ProblemAlert error={fairs.error} />
      {fairs.isSuccess && items.length === 0 && (
        <Typography.Paragraph>{t('labour.fairs.noneForSeeker')}</Typography.Paragraph>
      )}
      <ul className="labour-list">
        {items.map((f) => (
          <li key={f.id}>
            <Card size="small">
              <FairSummary fair={f} link={`/seeker/fairs/${f.id}`} />
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One fair on the seeker's phone: entering counts a visit; each booth's postings open to apply. */
export function SeekerFairPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const locale = useLocale();
  const title = useFairTitle();
  const navigate = useNavigate();
  const fair = useQuery({ queryKey: fairKeys.fair(id), queryFn: () => getJobFair(id) });
  usePageTitle(fair.data ? title(fair.data) : t('labour.fairs.seekerTitle'));
  const booths = useQuery({
    queryKey: fairKeys.booths(id, { approved: true }),
    queryFn: () => listBooths(id, { status: 'approved', page: 1, pageSize: 100 }),
  });
  const entered = useRef(false);
  const live = fair.data?.acceptingApplications ?? false;
  useEffect(() => {
    // Entering a live fair counts the seeker once as a visitor (the server keeps it distinct).
    if (live && !entered.current) {
      entered.current = true;
      void visitFair(id, {}).catch(() => undefined);
    }
  }, [id, live]);
  const open = useMutation({
    mutationFn: (v: { boothId: string; postingId: string }) => visitFair(id, v),
    onSuccess: (_visit, v) => void navigate(`/seeker/jobs/${v.postingId}`),
  });
  if (fair.isPending) return <PageSpinner />;
  if (fair.isError)
    return (
      <div className="page">
        <Typography.Title level={1}>{t('labour.fairs.seekerTitle')}</Typography.Title>
        <ProblemAlert error={fair.error} />
      </div>
    );
  const f = fair.data;
  return (
    <div className="page page--narrow">
      <Typography.Title level={1}>{title(f)}</Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ marginBottom: 4 }}>
          {formatDateTime(f.startsAt, locale)} – {formatDateTime(f.endsAt, locale)}
        </Typography.Paragraph>
        {f.description && <Typography.Paragraph className="pre-wrap">{f.description}</Typography.Paragraph>}
        <Typography.Paragraph strong style={{ marginBottom: 0 }}>
          {live
            ? t('labour.fairs.liveNow')
            : f.status === 'closed'
              ? t('labour.fairs.over')
              : t('labour.fairs.notYet')}
        </Typography.Paragraph>
      </Card>
      <FairCounterFigures counters={f.counters} label={t('labour.fairs.liveCounters')} />
      <ProblemAlert error={booths.error ?? open.error} />
      <Typography.Title level={2}>{t('labour.fairs.boothsTitle')}</Typography.Title>
      {booths.isSuccess && booths.data.items.length === 0 && (
        <Typography.Paragraph>{t('labour.fairs.noBooths')}</Typography.Paragraph>
      )}
      <ul className="labour-list">
        {(booths.data?.items ?? []).map((b) => (
          <li key={b.id}>
            <Card size="small">
              <Typography.Title level={3} style={{ marginTop: 0, fontSize: '1rem' }}>
                {b.boothName}
              </Typography.Title>
              {b.introduction && <Typography.Paragraph>{b.introduction}</Typography.Paragraph>}
              <ul className="plain-list">
                {b.postings.map((p) => (
                  <li key={p.postingId} style={{ marginBottom: 8 }}>
                    <div>
                      <strong>{p.title}</strong>
                    </div>
                    <div>{formatSalary(p.salaryMinFen, p.salaryMaxFen, p.salaryPeriod, locale)}</div>
                    {live && p.status === 'published' && (
                      <Button
                        type="primary"
                        size="small"
                        style={{ marginTop: 4 }}
                        aria-label={t('labour.fairs.openPostingNamed', { title: p.title })}
                        loading={open.isPending && open.variables.postingId === p.postingId}
                        onClick={() => open.mutate({ boothId: b.id, postingId: p.postingId })}
                      >
                        {t('labour.fairs.openPosting')}
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
