import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  SHARING_AGREEMENT_STATUSES,
  type IdleWorkforce,
  type SharingAgreement,
  type SharingAgreementStatus,
  type SharingParty,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDate, formatDateTime } from '../../app/format';
import { formatSalary } from '../../app/money';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { useMyEnterprises } from '../enterprises/use-my-enterprises';
import { OccupationSelect } from '../reference/occupation-select';
import {
  answerSharingConsent,
  createIdleWorkforce,
  getSharingAgreement,
  labourKeys,
  listIdleWorkforce,
  listMySharingAgreements,
  listSharingAgreements,
  signSharingAgreement,
} from './api';
import {
  AGREEMENT_TONE,
  chinaDay,
  DistrictSelect,
  EnterpriseSwitcher,
  NeedsEnterprise,
  Section,
  useActingEnterprise,
  useDistrictName,
  useLabourLabels,
  useOccupationNames,
} from './common';

type IdleValues = {
  workerCount?: number;
  occupationCodes?: string[];
  skills?: string;
  availableFrom?: string;
  availableUntil?: string;
  districtCode?: string;
  note?: string;
};
const IDLE_FIELDS = [
  'workerCount',
  'occupationCodes',
  'skills',
  'availableFrom',
  'availableUntil',
  'districtCode',
  'note',
];

/** The employer declares idle workers (count, occupations, skills, period) and sees its declarations. */
export function IdleWorkforcePage() {
  const { t } = useTranslation();
  usePageTitle(t('labour.idle.title'));
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const acting = useActingEnterprise(params.get('enterprise') ?? undefined);
  const [form] = Form.useForm<IdleValues>();
  const query = { enterpriseId: acting.current?.id, page: 1, pageSize: 50 };
  const list = useQuery({
    queryKey: labourKeys.idle(query),
    queryFn: () => listIdleWorkforce(query),
    enabled: Boolean(acting.current),
  });
  const occupationCodes = (list.data?.items ?? []).flatMap((i) => i.occupationCodes);
  const occupation = useOccupationNames(occupationCodes);
  const create = useMutation({
    mutationFn: (v: IdleValues) =>
      createIdleWorkforce({
        enterpriseId: acting.current!.id,
        workerCount: v.workerCount ?? 0,
        occupationCodes: v.occupationCodes ?? [],
        skills: (v.skills ?? '')
          .split(/[,，、\s]+/)
          .map((s) => s.trim())
          .filter(Boolean),
        availableFrom: v.availableFrom ?? '',
        availableUntil: v.availableUntil ?? '',
        districtCode: v.districtCode,
        note: v.note?.trim() || undefined,
      }),
    onSuccess: async () => {
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: labourKeys.all });
      void message.success(t('labour.idle.created'));
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, IDLE_FIELDS);
    },
  });

  const columns: TableProps<IdleWorkforce>['columns'] = [
    {
      title: t('labour.idle.occupations'),
      key: 'occ',
      render: (_v, i) => i.occupationCodes.map(occupation).join('、'),
    },
    { title: t('labour.idle.workers'), key: 'n', align: 'right', render: (_v, i) => i.workerCount },
    { title: t('labour.idle.availableCount'), key: 'a', align: 'right', render: (_v, i) => i.availableCount },
    {
      title: t('labour.sharing.period'),
      key: 'p',
      render: (_v, i) => `${formatDate(i.availableFrom, locale)} – ${formatDate(i.availableUntil, locale)}`,
    },
    {
      title: t('labour.common.status'),
      key: 's',
      render: (_v, i) => t(`labour.labels.idleStatus.${i.status}`),
    },
  ];

  if (acting.query.isSuccess && !acting.current) {
    return (
      <div className="page">
        <Typography.Title level={1}>{t('labour.idle.title')}</Typography.Title>
        <NeedsEnterprise />
      </div>
    );
  }
  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{t('labour.idle.title')}</Typography.Title>
      <Typography.Paragraph>{t('labour.idle.intro')}</Typography.Paragraph>
      <EnterpriseSwitcher
        list={acting.list}
        value={acting.current?.id}
        onChange={(v) => setParams({ enterprise: v }, { replace: true })}
      />
      <Section id="idle-new" title={t('labour.idle.declare')}>
        <ProblemAlert error={create.error} fieldNames={IDLE_FIELDS} />
        <Form<IdleValues>
          form={form}
          layout="vertical"
          initialValues={{ availableFrom: chinaDay(1), availableUntil: chinaDay(90) }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="workerCount" label={t('labour.idle.workers')} rules={[requiredRule(locale)]}>
            <InputNumber min={1} max={10000} precision={0} inputMode="numeric" />
          </Form.Item>
          <Form.Item
            name="occupationCodes"
            label={t('labour.idle.occupations')}
            rules={[requiredRule(locale)]}
          >
            <OccupationSelect mode="multiple" />
          </Form.Item>
          <Form.Item name="skills" label={t('labour.idle.skills')} extra={t('labour.idle.skillsHelp')}>
            <Input maxLength={300} />
          </Form.Item>
          <Space wrap align="start" size={16}>
            <Form.Item name="availableFrom" label={t('labour.idle.from')} rules={[requiredRule(locale)]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="availableUntil" label={t('labour.idle.until')} rules={[requiredRule(locale)]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="districtCode" label={t('labour.common.district')}>
              <DistrictSelect />
            </Form.Item>
          </Space>
          <Form.Item name="note" label={t('labour.idle.note')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('labour.idle.submit')}
          </Button>
        </Form>
      </Section>
      <Section id="idle-list" title={t('labour.idle.mine')}>
        <ProblemAlert error={list.error} />
        <ScrollRegion label={t('labour.idle.mine')} minWidth={640}>
          <Table<IdleWorkforce>
            rowKey="id"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            pagination={false}
            locale={{ emptyText: <span className="labour-empty">{t('labour.idle.empty')}</span> }}
          />
        </ScrollRegion>
      </Section>
    </div>
  );
}

function isStatus(v: string | null): v is SharingAgreementStatus {
  return v !== null && (SHARING_AGREEMENT_STATUSES as readonly string[]).includes(v);
}

/** Sharing agreements: an employer's (as lender or borrower) or, for staff, their districts'. */
export function SharingAgreementsPage({ area }: { area: 'employer' | 'staff' }) {
  const { t } = useTranslation();
  usePageTitle(t('labour.sharing.agreementsTitle'));
  const locale = useLocale();
  const labels = useLabourLabels();
  const [params, setParams] = useSearchParams();
  const acting = useActingEnterprise(params.get('enterprise') ?? undefined);
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = {
    enterpriseId: area === 'employer' ? acting.current?.id : undefined,
    status,
    page,
    pageSize: 20,
  };
  const list = useQuery({
    queryKey: labourKeys.agreements(query),
    queryFn: () => listSharingAgreements(query),
    enabled: area === 'staff' || Boolean(acting.current),
    placeholderData: keepPreviousData,
  });
  const columns: TableProps<SharingAgreement>['columns'] = [
    {
      title: t('labour.sharing.colAgreement'),
      key: 'name',
      render: (_v, a) => (
        <Link to={`/${area}/sharing/${a.id}`}>
          {t('labour.sharing.agreementName', { lender: a.lender.name, borrower: a.borrower.name })}
        </Link>
      ),
    },
    {
      title: t('labour.sharing.period'),
      key: 'period',
      render: (_v, a) => `${formatDate(a.startsOn, locale)} – ${formatDate(a.endsOn, locale)}`,
    },
    {
      title: t('labour.sharing.workerCount'),
      key: 'workers',
      align: 'right',
      render: (_v, a) => t('labour.sharing.consented', { consented: a.consentedCount, count: a.workerCount }),
    },
    {
      title: t('labour.common.status'),
      key: 'status',
      render: (_v, a) => (
        <StatusChip tone={AGREEMENT_TONE[a.status]}>{labels.agreementStatus(a.status)}</StatusChip>
      ),
    },
  ];
  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{t('labour.sharing.agreementsTitle')}</Typography.Title>
      <div className="toolbar">
        {area === 'employer' && (
          <EnterpriseSwitcher
            list={acting.list}
            value={acting.current?.id}
            onChange={(v) => setParams({ enterprise: v }, { replace: true })}
          />
        )}
        <Select<string>
          aria-label={t('labour.common.statusFilter')}
          value={status ?? ''}
          onChange={(v) => {
            const next = new URLSearchParams(params);
            if (v) next.set('status', v);
            else next.delete('status');
            next.delete('page');
            setParams(next, { replace: true });
          }}
          options={[
            { value: '', label: t('labour.common.allStatuses') },
            ...SHARING_AGREEMENT_STATUSES.map((s) => ({ value: s, label: labels.agreementStatus(s) })),
          ]}
          style={{ minWidth: 140 }}
        />
        {area === 'employer' && <Link to="/employer/idle-workforce">{t('labour.idle.title')}</Link>}
      </div>
      <ProblemAlert error={list.error} />
      <ScrollRegion label={t('labour.sharing.agreementsTitle')} minWidth={720}>
        <Table<SharingAgreement>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: <span className="labour-empty">{t('labour.sharing.empty')}</span> }}
          pagination={{
            placement: ['bottomStart'],
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (p) => {
              const next = new URLSearchParams(params);
              next.set('page', String(p));
              setParams(next, { replace: true });
            },
          }}
        />
      </ScrollRegion>
    </div>
  );
}

/** One sharing agreement: parties, terms, signatures, workers and their consent. */
export function SharingAgreementPage({ area }: { area: 'employer' | 'staff' }) {
  const { t } = useTranslation();
  usePageTitle(t('labour.sharing.agreementTitle'));
  const { id = '' } = useParams();
  const agreement = useQuery({ queryKey: labourKeys.agreement(id), queryFn: () => getSharingAgreement(id) });
  if (agreement.isPending) return <PageSpinner />;
  if (agreement.isError)
    return (
      <div className="page">
        <Typography.Title level={1}>{t('labour.sharing.agreementTitle')}</Typography.Title>
        <ProblemAlert error={agreement.error} />
      </div>
    );
  return <AgreementView agreement={agreement.data} area={area} />;
}

function AgreementView({ agreement: a, area }: { agreement: SharingAgreement; area: 'employer' | 'staff' }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabourLabels();
  const district = useDistrictName();
  const occupation = useOccupationNames([a.occupationCode]);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const mine = useMyEnterprises();
  const myIds = new Set((mine.data ?? []).map((e) => e.id));
  const myParties: SharingParty[] =
    area === 'employer'
      ? [
          ...(myIds.has(a.lender.enterpriseId) ? (['lender'] as const) : []),
          ...(myIds.has(a.borrower.enterpriseId) ? (['borrower'] as const) : []),
        ]
      : [];
  const sign = useMutation({
    mutationFn: (party: SharingParty) => signSharingAgreement(a.id, party),
    onSuccess: async (next) => {
      queryClient.setQueryData(labourKeys.agreement(a.id), next);
      await queryClient.invalidateQueries({ queryKey: labourKeys.all });
      void message.success(t('labour.sharing.signed'));
    },
  });
  const signedAt = (party: SharingParty) => (party === 'lender' ? a.lenderSignedAt : a.borrowerSignedAt);
  return (
    <div className="page page--wide">
      <Typography.Title level={1}>
        {t('labour.sharing.agreementName', { lender: a.lender.name, borrower: a.borrower.name })}
      </Typography.Title>
      <Card style={{ marginBottom: 24 }}>
        <Space wrap style={{ marginBottom: 12 }}>
          <StatusChip tone={AGREEMENT_TONE[a.status]}>{labels.agreementStatus(a.status)}</StatusChip>
        </Space>
        <dl className="labour-meta">
          <dt>{labels.party('lender')}</dt>
          <dd>
            {a.lender.name}（{district(a.lender.districtCode)}）
          </dd>
          <dt>{labels.party('borrower')}</dt>
          <dd>
            {a.borrower.name}（{district(a.borrower.districtCode)}）
          </dd>
          <dt>{t('labour.common.occupation')}</dt>
          <dd>{occupation(a.occupationCode)}</dd>
          <dt>{t('labour.sharing.workerCount')}</dt>
          <dd>{a.workerCount}</dd>
          <dt>{t('labour.sharing.period')}</dt>
          <dd>
            {formatDate(a.startsOn, locale)} – {formatDate(a.endsOn, locale)}
          </dd>
          <dt>{t('labour.sharing.wage')}</dt>
          <dd>{formatSalary(a.wageFen, a.wageFen, a.wagePeriod, locale)}</dd>
          <dt>{t('labour.sharing.wagePayer')}</dt>
          <dd>{labels.party(a.wagePayer)}</dd>
          <dt>{t('labour.sharing.insurance')}</dt>
          <dd>{labels.party(a.injuryInsuranceCarrier)}</dd>
          {a.terms && (
            <>
              <dt>{t('labour.sharing.terms')}</dt>
              <dd className="pre-wrap">{a.terms}</dd>
            </>
          )}
          <dt>{t('labour.sharing.consentedLabel')}</dt>
          <dd>{t('labour.sharing.consented', { consented: a.consentedCount, count: a.workerCount })}</dd>
          {a.activatedAt && (
            <>
              <dt>{t('labour.sharing.activatedAt')}</dt>
              <dd>{formatDateTime(a.activatedAt, locale)}</dd>
            </>
          )}
        </dl>
        <Typography.Title level={2}>{t('labour.sharing.signatures')}</Typography.Title>
        <ul className="plain-list">
          {(['lender', 'borrower'] as const).map((party) => {
            const at = signedAt(party);
            return (
              <li key={party}>
                {labels.party(party)}：
                {at
                  ? t('labour.sharing.signedAt', { at: formatDateTime(at, locale) })
                  : t('labour.sharing.notSigned')}
                {!at && myParties.includes(party) && a.status === 'pending' && (
                  <Popconfirm
                    title={t('labour.sharing.signConfirm')}
                    okText={t('labour.sharing.signAs', { party: labels.party(party) })}
                    cancelText={t('common.cancel')}
                    onConfirm={() => sign.mutate(party)}
                  >
                    <Button
                      type="primary"
                      size="small"
                      style={{ marginInlineStart: 8 }}
                      loading={sign.isPending}
                    >
                      {t('labour.sharing.signAs', { party: labels.party(party) })}
                    </Button>
                  </Popconfirm>
                )}
              </li>
            );
          })}
        </ul>
        <ProblemAlert error={sign.error} />
      </Card>
      <Section id="agreement-workers" title={t('labour.sharing.workersTitle')}>
        <ScrollRegion label={t('labour.sharing.workersTitle')} minWidth={560}>
          <Table
            rowKey="personId"
            size="small"
            dataSource={a.workers}
            pagination={{ pageSize: 50, hideOnSinglePage: true, placement: ['bottomStart'] }}
            locale={{ emptyText: <span className="labour-empty">{t('labour.sharing.noWorkers')}</span> }}
            columns={[
              {
                title: t('labour.common.name'),
                key: 'n',
                render: (_v, w: SharingAgreement['workers'][number]) => w.fullName,
              },
              {
                title: t('labour.common.phone'),
                key: 'p',
                render: (_v, w: SharingAgreement['workers'][number]) => w.phoneMasked,
              },
              {
                title: t('labour.sharing.consentCol'),
                key: 'c',
                render: (_v, w: SharingAgreement['workers'][number]) => (
                  <StatusChip
                    tone={
                      w.consent === 'consented' ? 'success' : w.consent === 'declined' ? 'danger' : 'warning'
                    }
                  >
                    {labels.consent(w.consent)}
                  </StatusChip>
                ),
              },
            ]}
          />
        </ScrollRegion>
      </Section>
    </div>
  );
}

/** A worker listed in agreements answers on their phone: consent to being lent, or decline. */
export function SeekerSharingPage() {
  const { t } = useTranslation();
  usePageTitle(t('labour.consent.title'));
  const locale = useLocale();
  const labels = useLabourLabels();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const list = useQuery({ queryKey: labourKeys.mySharing, queryFn: listMySharingAgreements });
  const answer = useMutation({
    mutationFn: (v: { id: string; decision: 'consent' | 'decline' }) =>
      answerSharingConsent(v.id, v.decision),
    onSuccess: async (_next, v) => {
      await queryClient.invalidateQueries({ queryKey: labourKeys.mySharing });
      void message.success(
        v.decision === 'consent' ? t('labour.consent.consentedDone') : t('labour.consent.declinedDone'),
      );
    },
  });
  const items = list.data?.items ?? [];
  return (
    <div className="page page--narrow">
      <Typography.Title level={1}>{t('labour.consent.title')}</Typography.Title>
      <Typography.Paragraph>{t('labour.consent.intro')}</Typography.Paragraph>
      <ProblemAlert error={list.error ?? answer.error} />
      {list.isSuccess && items.length === 0 && (
        <Typography.Paragraph>{t('labour.consent.empty')}</Typography.Paragraph>
      )}
      <ul className="labour-list">
        {items.map((a) => {
          const me = a.workers[0];
          return (
            <li key={a.id}>
              <Card size="small">
                <Typography.Title level={2} style={{ marginTop: 0, fontSize: '1.125rem' }}>
                  {t('labour.consent.cardTitle', { borrower: a.borrower.name })}
                </Typography.Title>
                <dl className="labour-meta">
                  <dt>{labels.party('lender')}</dt>
                  <dd>{a.lender.name}</dd>
                  <dt>{labels.party('borrower')}</dt>
                  <dd>{a.borrower.name}</dd>
                  <dt>{t('labour.sharing.period')}</dt>
                  <dd>
                    {formatDate(a.startsOn, locale)} – {formatDate(a.endsOn, locale)}
                  </dd>
                  <dt>{t('labour.sharing.wage')}</dt>
                  <dd>{formatSalary(a.wageFen, a.wageFen, a.wagePeriod, locale)}</dd>
                  <dt>{t('labour.sharing.wagePayer')}</dt>
                  <dd>{labels.party(a.wagePayer)}</dd>
                  <dt>{t('labour.sharing.insurance')}</dt>
                  <dd>{labels.party(a.injuryInsuranceCarrier)}</dd>
                  <dt>{t('labour.consent.myAnswer')}</dt>
                  <dd>{me ? labels.consent(me.consent) : ''}</dd>
                </dl>
                <Typography.Paragraph type="secondary">
                  {t('labour.consent.stayEmployed')}
                </Typography.Paragraph>
                {me?.consent === 'pending' && a.status === 'pending' && (
                  <div className="labour-actions">
                    <Button
                      type="primary"
                      loading={answer.isPending}
                      onClick={() => answer.mutate({ id: a.id, decision: 'consent' })}
                    >
                      {t('labour.consent.consent')}
                    </Button>
                    <Button danger onClick={() => answer.mutate({ id: a.id, decision: 'decline' })}>
                      {t('labour.consent.decline')}
                    </Button>
                  </div>
                )}
              </Card>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export const EmployerSharingAgreementsPage = () => <SharingAgreementsPage area="employer" />;
export const StaffSharingAgreementsPage = () => <SharingAgreementsPage area="staff" />;
export const EmployerSharingAgreementPage = () => <SharingAgreementPage area="employer" />;
export const StaffSharingAgreementPage = () => <SharingAgreementPage area="staff" />;
