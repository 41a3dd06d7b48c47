import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  RESOLUTION_METHODS,
  SHARING_PARTIES,
  type ResolutionMethod,
  type SharingMatch,
  type Shortage,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDate, formatDateTime } from '../../app/format';
import { formatSalary, yuanToFen } from '../../app/money';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { MatchReasons } from '../matching/reasons';
import {
  createSharingAgreement,
  getShortage,
  getShortageMatches,
  labourKeys,
  listSharingAgreements,
  updateShortage,
} from './api';
import {
  AGREEMENT_TONE,
  Section,
  SHORTAGE_TONE,
  URGENCY_TONE,
  useDistrictName,
  useLabourLabels,
  useOccupationNames,
} from './common';

type Area = 'employer' | 'staff';

/** One shortage: its facts and status, shared-employment proposals, agreements; staff resolve it. */
export function ShortagePage({ area }: { area: Area }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const shortage = useQuery({ queryKey: labourKeys.shortage(id), queryFn: () => getShortage(id) });
  const title = shortage.data?.title ?? t('labour.shortages.detailTitle');
  usePageTitle(title);
  if (shortage.isPending) return <PageSpinner />;
  if (shortage.isError)
    return (
      <div className="page">
        <Typography.Title level={1}>{t('labour.shortages.detailTitle')}</Typography.Title>
        <ProblemAlert error={shortage.error} />
      </div>
    );
  return <ShortageView shortage={shortage.data} area={area} />;
}

function ShortageView({ shortage: s, area }: { shortage: Shortage; area: Area }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabourLabels();
  const district = useDistrictName();
  const occupation = useOccupationNames([s.occupationCode]);
  const unresolved = s.status === 'open' || s.status === 'in_progress';
  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{s.title ?? occupation(s.occupationCode)}</Typography.Title>
      <Card style={{ marginBottom: 24 }}>
        <Space wrap style={{ marginBottom: 12 }}>
          <StatusChip tone={SHORTAGE_TONE[s.status]}>{labels.shortageStatus(s.status)}</StatusChip>
          <StatusChip tone={URGENCY_TONE[s.urgency]}>{labels.urgency(s.urgency)}</StatusChip>
          {s.overdue && <StatusChip tone="danger">{t('labour.common.overdue')}</StatusChip>}
        </Space>
        <dl className="labour-meta">
          <dt>{t('labour.common.enterprise')}</dt>
          <dd>{s.enterpriseName}</dd>
          <dt>{t('labour.common.occupation')}</dt>
          <dd>{occupation(s.occupationCode)}</dd>
          <dt>{t('labour.shortages.headcount')}</dt>
          <dd>{t('labour.shortages.filledOf', { filled: s.headcountFilled, total: s.headcount })}</dd>
          <dt>{t('labour.shortages.deadline')}</dt>
          <dd>{formatDate(s.deadline, locale)}</dd>
          <dt>{t('labour.common.district')}</dt>
          <dd>{district(s.districtCode)}</dd>
          <dt>{t('labour.shortages.wage')}</dt>
          <dd>{formatSalary(s.wageMinFen, s.wageMaxFen, s.wagePeriod, locale)}</dd>
          <dt>{t('labour.shortages.cause')}</dt>
          <dd>
            {labels.cause(s.cause)}
            {s.causeNote ? `：${s.causeNote}` : ''}
          </dd>
          {s.resolutionMethod && (
            <>
              <dt>{t('labour.shortages.method')}</dt>
              <dd>
                {labels.method(s.resolutionMethod)}
                {s.resolutionNote ? `：${s.resolutionNote}` : ''}
              </dd>
            </>
          )}
          {s.resolvedAt && (
            <>
              <dt>{t('labour.shortages.resolvedAt')}</dt>
              <dd>{formatDateTime(s.resolvedAt, locale)}</dd>
            </>
          )}
          <dt>{t('labour.shortages.daysUnresolved')}</dt>
          <dd>{s.daysUnresolved}</dd>
        </dl>
        {s.postings.length > 0 && (
          <>
            <Typography.Text strong>{t('labour.shortages.postings')}</Typography.Text>
            <ul>
              {s.postings.map((p) => (
                <li key={p.id}>
                  {area === 'employer' ? <Link to={`/employer/postings/${p.id}`}>{p.title}</Link> : p.title}
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>
      {area === 'staff' && unresolved && <ResolveForm shortage={s} />}
      <Agreements shortage={s} area={area} />
      {unresolved && <Matches shortage={s} area={area} />}
    </div>
  );
}

function Agreements({ shortage, area }: { shortage: Shortage; area: Area }) {
  const { t } = useTranslation();
  const labels = useLabourLabels();
  const query = { shortageId: shortage.id, page: 1, pageSize: 50 };
  const list = useQuery({
    queryKey: labourKeys.agreements(query),
    queryFn: () => listSharingAgreements(query),
  });
  const items = list.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Section id="shortage-agreements" title={t('labour.sharing.agreementsTitle')}>
      <ul className="labour-list">
        {items.map((a) => (
          <li key={a.id}>
            <Link to={`/${area}/sharing/${a.id}`}>
              {t('labour.sharing.agreementName', { lender: a.lender.name, borrower: a.borrower.name })}
            </Link>{' '}
            <StatusChip tone={AGREEMENT_TONE[a.status]}>{labels.agreementStatus(a.status)}</StatusChip>{' '}
            {t('labour.sharing.consented', { consented: a.consentedCount, count: a.workerCount })}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Matches({ shortage, area }: { shortage: Shortage; area: Area }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const matches = useQuery({
    queryKey: labourKeys.matches(shortage.id),
    queryFn: () => getShortageMatches(shortage.id),
  });
  const [proposing, setProposing] = useState<SharingMatch | null>(null);
  const items = matches.data?.items ?? [];
  return (
    <Section id="shortage-matches" title={t('labour.sharing.matchesTitle')}>
      <Typography.Paragraph type="secondary">{t('labour.sharing.matchesIntro')}</Typography.Paragraph>
      <ProblemAlert error={matches.error} />
      {matches.isSuccess && items.length === 0 && (
        <Typography.Paragraph>{t('labour.sharing.noMatches')}</Typography.Paragraph>
      )}
      <ul className="labour-list">
        {items.map((m) => (
          <li key={m.idleWorkforceId}>
            <Card size="small">
              <Typography.Title level={3} style={{ marginTop: 0 }}>
                {m.lender.name}
              </Typography.Title>
              <dl className="labour-meta">
                <dt>{t('labour.sharing.available')}</dt>
                <dd>{m.availableCount}</dd>
                <dt>{t('labour.sharing.period')}</dt>
                <dd>
                  {formatDate(m.availableFrom, locale)} – {formatDate(m.availableUntil, locale)}
                </dd>
                <dt>{t('labour.sharing.overlap')}</dt>
                <dd>{t('labour.sharing.days', { count: m.overlapDays })}</dd>
                {m.distanceKm !== null && (
                  <>
                    <dt>{t('labour.sharing.distance')}</dt>
                    <dd>{t('labour.sharing.km', { count: m.distanceKm })}</dd>
                  </>
                )}
              </dl>
              <MatchReasons score={m.score} reasons={m.reasons} id={m.idleWorkforceId} />
              <Button type="primary" onClick={() => setProposing(m)} style={{ marginTop: 8 }}>
                {t('labour.sharing.propose')}
              </Button>
            </Card>
          </li>
        ))}
      </ul>
      {proposing && (
        <ProposeDialog shortage={shortage} match={proposing} area={area} onClose={() => setProposing(null)} />
      )}
    </Section>
  );
}

type ProposeValues = {
  workerCount: number;
  startsOn: string;
  endsOn: string;
  wageYuan: number;
  wagePayer: 'lender' | 'borrower';
  injuryInsuranceCarrier: 'lender' | 'borrower';
  terms?: string;
};
const PROPOSE_FIELDS = [
  'workerCount',
  'startsOn',
  'endsOn',
  'wageYuan',
  'wagePayer',
  'injuryInsuranceCarrier',
  'terms',
];

function ProposeDialog({
  shortage,
  match,
  area,
  onClose,
}: {
  shortage: Shortage;
  match: SharingMatch;
  area: Area;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabourLabels();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProposeValues>();
  const create = useMutation({
    mutationFn: (v: ProposeValues) =>
      createSharingAgreement({
        shortageId: shortage.id,
        idleWorkforceId: match.idleWorkforceId,
        workerCount: v.workerCount,
        startsOn: v.startsOn,
        endsOn: v.endsOn,
        wageFen: yuanToFen(v.wageYuan),
        wagePeriod: shortage.wagePeriod,
        wagePayer: v.wagePayer,
        injuryInsuranceCarrier: v.injuryInsuranceCarrier,
        terms: v.terms?.trim() || undefined,
      }),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: labourKeys.all });
      onClose();
      void navigate(`/${area}/sharing/${created.id}`);
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, PROPOSE_FIELDS);
    },
  });
  const parties = SHARING_PARTIES.map((p) => ({ value: p, label: labels.party(p) }));
  return (
    <Modal
      open
      title={t('labour.sharing.proposeTitle', { lender: match.lender.name })}
      onCancel={onClose}
      okText={t('labour.sharing.proposeSubmit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <ProblemAlert error={create.error} fieldNames={PROPOSE_FIELDS} />
      <Form<ProposeValues>
        form={form}
        layout="vertical"
        initialValues={{
          workerCount: match.suggested.workerCount,
          startsOn: match.suggested.startsOn,
          endsOn: match.suggested.endsOn,
          wageYuan: shortage.wageMinFen / 100,
          wagePayer: 'borrower',
          injuryInsuranceCarrier: 'lender',
        }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="workerCount" label={t('labour.sharing.workerCount')} rules={[requiredRule(locale)]}>
          <InputNumber min={1} max={match.availableCount} precision={0} inputMode="numeric" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startsOn" label={t('labour.sharing.startsOn')} rules={[requiredRule(locale)]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="endsOn" label={t('labour.sharing.endsOn')} rules={[requiredRule(locale)]}>
            <Input type="date" />
          </Form.Item>
        </Space>
        <Form.Item name="wageYuan" label={t('labour.sharing.wage')} rules={[requiredRule(locale)]}>
          <InputNumber min={0} max={1_000_000} step={100} inputMode="decimal" />
        </Form.Item>
        <Form.Item name="wagePayer" label={t('labour.sharing.wagePayer')} rules={[requiredRule(locale)]}>
          <Radio.Group aria-label={t('labour.sharing.wagePayer')} options={parties} />
        </Form.Item>
        <Form.Item
          name="injuryInsuranceCarrier"
          label={t('labour.sharing.insurance')}
          rules={[requiredRule(locale)]}
        >
          <Radio.Group aria-label={t('labour.sharing.insurance')} options={parties} />
        </Form.Item>
        <Form.Item name="terms" label={t('labour.sharing.terms')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type ResolveValues = { method?: ResolutionMethod; headcountFilled?: number; note?: string };

function ResolveForm({ shortage }: { shortage: Shortage }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabourLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ResolveValues>();
  const update = useMutation({
    mutationFn: (body: Parameters<typeof updateShortage>[1]) => updateShortage(shortage.id, body),
    onSuccess: async (next) => {
      queryClient.setQueryData(labourKeys.shortage(shortage.id), next);
      await queryClient.invalidateQueries({ queryKey: labourKeys.all });
      void message.success(t('labour.shortages.saved'));
    },
    onError: (error) => {
      if (isApiError(error)) {
        const problem = {
          ...error.problem,
          errors: error.problem.errors?.map((e) => ({
            ...e,
            path: e.path.replace(/^resolutionMethod/, 'method').replace(/^resolutionNote/, 'note'),
          })),
        };
        applyProblemToForm(form, problem, ['method', 'headcountFilled', 'note']);
      }
    },
  });
  return (
    <Section id="shortage-resolve" title={t('labour.shortages.resolveTitle')}>
      <ProblemAlert error={update.error} fieldNames={['method', 'headcountFilled', 'note']} />
      {shortage.status === 'open' && (
        <Button onClick={() => update.mutate({ status: 'in_progress' })} style={{ marginBottom: 16 }}>
          {t('labour.shortages.startWork')}
        </Button>
      )}
      <Form<ResolveValues>
        form={form}
        layout="vertical"
        initialValues={{ headcountFilled: shortage.headcountFilled || shortage.headcount }}
        onFinish={(v) =>
          update.mutate({
            status: 'resolved',
            resolutionMethod: v.method,
            headcountFilled: v.headcountFilled,
            resolutionNote: v.note?.trim() || undefined,
          })
        }
      >
        <Space wrap align="start" size={16}>
          <Form.Item name="method" label={t('labour.shortages.method')} rules={[requiredRule(locale)]}>
            <Select
              style={{ minWidth: 200 }}
              options={RESOLUTION_METHODS.map((m) => ({ value: m, label: labels.method(m) }))}
            />
          </Form.Item>
          <Form.Item
            name="headcountFilled"
            label={t('labour.shortages.headcountFilled')}
            rules={[requiredRule(locale)]}
          >
            <InputNumber min={0} max={shortage.headcount} precision={0} inputMode="numeric" />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('labour.shortages.resolutionNote')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('labour.shortages.resolve')}
        </Button>
      </Form>
    </Section>
  );
}

export const EmployerShortagePage = () => <ShortagePage area="employer" />;
export const StaffShortagePage = () => <ShortagePage area="staff" />;
