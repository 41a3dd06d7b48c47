import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Table,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  DEMAND_KINDS,
  type Cohort,
  type CohortStudent,
  type CollegeAgreement,
  type CollegeParty,
  type DemandKind,
  type EnterpriseDemand,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDate, formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { MatchReasons } from '../matching/reasons';
import { OccupationSelect } from '../reference/occupation-select';
import {
  addCohortStudents,
  createCohort,
  createCollegeAgreement,
  createDemand,
  getCohort,
  getCohortMatches,
  getDemandMatches,
  getMyCollege,
  labourKeys,
  listCohorts,
  listCohortStudents,
  listCollegeAgreements,
  listDemands,
  putMyCollege,
  signCollegeAgreement,
} from './api';
import {
  chinaDay,
  COLLEGE_AGREEMENT_TONE,
  DistrictSelect,
  EnterpriseSwitcher,
  NeedsEnterprise,
  Section,
  useActingEnterprise,
  useDistrictName,
  useLabourLabels,
  useOccupationNames,
} from './common';

// ─── College agreements (shared by college, employer and staff) ──────────────────────────────────

function CollegeAgreementsTable({
  query,
  signAs,
  mayAct,
}: {
  query: Record<string, string | number | undefined>;
  /** The side the viewer signs for; none for staff. */
  signAs?: CollegeParty;
  /** Whether the viewer is a party of this agreement (an employer of several enterprises). */
  mayAct?: (a: CollegeAgreement) => boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabourLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: labourKeys.collegeAgreements(query),
    queryFn: () => listCollegeAgreements(query),
  });
  const sign = useMutation({
    mutationFn: (v: { id: string; party: CollegeParty }) => signCollegeAgreement(v.id, v.party),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: labourKeys.all });
      void message.success(t('labour.sharing.signed'));
    },
  });
  const columns: TableProps<CollegeAgreement>['columns'] = [
    {
      title: t('labour.colleges.colPair'),
      key: 'pair',
      render: (_v, a) =>
        t('labour.colleges.pairName', { college: a.collegeName, enterprise: a.enterprise.name }),
    },
    { title: t('labour.colleges.major'), key: 'major', render: (_v, a) => a.cohortMajor },
    { title: t('labour.colleges.kind'), key: 'kind', render: (_v, a) => labels.demandKind(a.kind) },
    { title: t('labour.colleges.students'), key: 'n', align: 'right', render: (_v, a) => a.studentCount },
    {
      title: t('labour.sharing.period'),
      key: 'period',
      render: (_v, a) => `${formatDate(a.startsOn, locale)} – ${formatDate(a.endsOn, locale)}`,
    },
    {
      title: t('labour.common.status'),
      key: 'status',
      render: (_v, a) => (
        <StatusChip tone={COLLEGE_AGREEMENT_TONE[a.status]}>
          {labels.collegeAgreementStatus(a.status)}
        </StatusChip>
      ),
    },
    {
      title: t('labour.sharing.signatures'),
      key: 'sign',
      render: (_v, a) => {
        const mine =
          signAs === 'college' ? a.collegeSignedAt : signAs === 'enterprise' ? a.enterpriseSignedAt : null;
        return (
          <Space direction="vertical" size={2}>
            <span>
              {t('labour.colleges.collegeSide')}：
              {a.collegeSignedAt ? formatDateTime(a.collegeSignedAt, locale) : t('labour.sharing.notSigned')}
            </span>
            <span>
              {t('labour.colleges.enterpriseSide')}：
              {a.enterpriseSignedAt
                ? formatDateTime(a.enterpriseSignedAt, locale)
                : t('labour.sharing.notSigned')}
            </span>
            {signAs && !mine && a.status === 'pending' && (mayAct?.(a) ?? true) && (
              <Popconfirm
                title={t('labour.sharing.signConfirm')}
                okText={t('labour.colleges.sign')}
                cancelText={t('common.cancel')}
                onConfirm={() => sign.mutate({ id: a.id, party: signAs })}
              >
                <Button type="primary" size="small" loading={sign.isPending}>
                  {t('labour.colleges.sign')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    },
  ];
  return (
    <>
      <ProblemAlert error={list.error ?? sign.error} />
      <ScrollRegion label={t('labour.colleges.agreementsTitle')} minWidth={900}>
        <Table<CollegeAgreement>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={false}
          locale={{ emptyText: <span className="labour-empty">{t('labour.colleges.noAgreements')}</span> }}
        />
      </ScrollRegion>
    </>
  );
}

// ─── College account ─────────────────────────────────────────────────────────────────────────────

type CollegeValues = { name?: string; districtCode?: string; contactName?: string; contactPhone?: string };
type CohortValues = {
  major?: string;
  occupationCodes?: string[];
  studentCount?: number;
  graduationDate?: string;
  description?: string;
};
const COHORT_FIELDS = ['major', 'occupationCodes', 'studentCount', 'graduationDate', 'description'];

/** A college's placement office: its college, its graduate cohorts, its agreements. */
export function CollegeHomePage() {
  const { t } = useTranslation();
  usePageTitle(t('labour.colleges.collegeTitle'));
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const college = useQuery({
    queryKey: labourKeys.college,
    queryFn: async () => {
      try {
        return await getMyCollege();
      } catch (error) {
        if (isApiError(error, 'not_found')) return null;
        throw error;
      }
    },
  });
  const [collegeForm] = Form.useForm<CollegeValues>();
  const [cohortForm] = Form.useForm<CohortValues>();
  const save = useMutation({
    mutationFn: (v: CollegeValues) =>
      putMyCollege({
        name: v.name ?? '',
        districtCode: v.districtCode ?? '',
        contactName: v.contactName?.trim() || undefined,
        contactPhone: v.contactPhone?.trim() || undefined,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(labourKeys.college, saved);
      void message.success(t('labour.colleges.saved'));
    },
    onError: (error) => {
      if (isApiError(error))
        applyProblemToForm(collegeForm, error.problem, [
          'name',
          'districtCode',
          'contactName',
          'contactPhone',
        ]);
    },
  });
  const cohortsQuery = { collegeId: college.data?.id, page: 1, pageSize: 50 };
  const cohorts = useQuery({
    queryKey: labourKeys.cohorts(cohortsQuery),
    queryFn: () => listCohorts(cohortsQuery),
    enabled: Boolean(college.data),
  });
  const occupation = useOccupationNames((cohorts.data?.items ?? []).flatMap((c) => c.occupationCodes));
  const create = useMutation({
    mutationFn: (v: CohortValues) =>
      createCohort({
        major: v.major ?? '',
        occupationCodes: v.occupationCodes ?? [],
        studentCount: v.studentCount ?? 0,
        graduationDate: v.graduationDate ?? '',
        description: v.description?.trim() || undefined,
      }),
    onSuccess: async () => {
      cohortForm.resetFields();
      await queryClient.invalidateQueries({ queryKey: labourKeys.all });
      void message.success(t('labour.colleges.cohortCreated'));
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(cohortForm, error.problem, COHORT_FIELDS);
    },
  });

  if (college.isPending) return <PageSpinner />;
  const c = college.data;
  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{t('labour.colleges.collegeTitle')}</Typography.Title>
      <ProblemAlert error={college.error} />
      <Section id="college-profile" title={c ? c.name : t('labour.colleges.profileTitle')}>
        <ProblemAlert
          error={save.error}
          fieldNames={['name', 'districtCode', 'contactName', 'contactPhone']}
        />
        <Form<CollegeValues>
          form={collegeForm}
          layout="vertical"
          initialValues={
            c ? { name: c.name, districtCode: c.districtCode, contactName: c.contactName ?? undefined } : {}
          }
          onFinish={(v) => save.mutate(v)}
        >
          <Space wrap align="start" size={16}>
            <Form.Item name="name" label={t('labour.colleges.collegeName')} rules={[requiredRule(locale)]}>
              <Input maxLength={100} style={{ minWidth: 240 }} />
            </Form.Item>
            <Form.Item name="districtCode" label={t('labour.common.district')} rules={[requiredRule(locale)]}>
              <DistrictSelect />
            </Form.Item>
            <Form.Item name="contactName" label={t('labour.colleges.contactName')}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="contactPhone" label={t('labour.colleges.contactPhone')}>
              <Input inputMode="tel" maxLength={20} />
            </Form.Item>
          </Space>
          <div>
            <Button htmlType="submit" loading={save.isPending}>
              {t('labour.colleges.saveCollege')}
            </Button>
          </div>
        </Form>
      </Section>
      {c && (
        <>
          <Section id="cohort-new" title={t('labour.colleges.newCohort')}>
            <ProblemAlert error={create.error} fieldNames={COHORT_FIELDS} />
            <Form<CohortValues>
              form={cohortForm}
              layout="vertical"
              initialValues={{ graduationDate: chinaDay(120) }}
              onFinish={(v) => create.mutate(v)}
            >
              <Space wrap align="start" size={16}>
                <Form.Item name="major" label={t('labour.colleges.major')} rules={[requiredRule(locale)]}>
                  <Input maxLength={60} />
                </Form.Item>
                <Form.Item
                  name="studentCount"
                  label={t('labour.colleges.studentCount')}
                  rules={[requiredRule(locale)]}
                >
                  <InputNumber min={1} max={5000} precision={0} inputMode="numeric" />
                </Form.Item>
                <Form.Item
                  name="graduationDate"
                  label={t('labour.colleges.graduationDate')}
                  rules={[requiredRule(locale)]}
                >
                  <Input type="date" />
                </Form.Item>
              </Space>
              <Form.Item
                name="occupationCodes"
                label={t('labour.colleges.occupations')}
                rules={[requiredRule(locale)]}
              >
                <OccupationSelect mode="multiple" />
              </Form.Item>
              <Form.Item name="description" label={t('labour.colleges.description')}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={create.isPending}>
                {t('labour.colleges.publish')}
              </Button>
            </Form>
          </Section>
          <Section id="cohort-list" title={t('labour.colleges.cohortsTitle')}>
            <ProblemAlert error={cohorts.error} />
            {cohorts.isSuccess && cohorts.data.items.length === 0 && (
              <Typography.Paragraph>{t('labour.colleges.noCohorts')}</Typography.Paragraph>
            )}
            <ul className="labour-list">
              {(cohorts.data?.items ?? []).map((co) => (
                <li key={co.id}>
                  <Link to={`/partner/cohorts/${co.id}`}>{co.major}</Link>{' '}
                  {t('labour.colleges.cohortLine', {
                    count: co.studentCount,
                    available: co.availableCount,
                    date: formatDate(co.graduationDate, locale),
                  })}{' '}
                  <span className="muted">{co.occupationCodes.map(occupation).join('、')}</span>
                </li>
              ))}
            </ul>
          </Section>
          <Section id="college-agreements" title={t('labour.colleges.agreementsTitle')}>
            <CollegeAgreementsTable query={{ page: 1, pageSize: 50 }} signAs="college" />
          </Section>
        </>
      )}
    </div>
  );
}

type StudentValues = { lines?: string; consentSignedOn?: string; share?: boolean };

/** One cohort: its figures, students on file (with consent), enterprise demand that matches it. */
export function CohortPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const cohort = useQuery({ queryKey: labourKeys.cohort(id), queryFn: () => getCohort(id) });
  usePageTitle(cohort.data?.major ?? t('labour.colleges.cohortTitle'));
  const students = useQuery({ queryKey: labourKeys.students(id), queryFn: () => listCohortStudents(id) });
  const matches = useQuery({ queryKey: labourKeys.cohortMatches(id), queryFn: () => getCohortMatches(id) });
  const occupation = useOccupationNames(cohort.data?.occupationCodes ?? []);
  const [pairing, setPairing] = useState<EnterpriseDemand | null>(null);
  const [form] = Form.useForm<StudentValues>();
  const add = useMutation({
    mutationFn: (v: StudentValues) =>
      addCohortStudents(id, {
        students: (v.lines ?? '')
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .map((l) => {
            const [fullName = '', phone = ''] = l.split(/[,，\s]+/);
            return {
              fullName,
              phone,
              consentSignedOn: v.consentSignedOn ?? '',
              shareWithEnterprises: Boolean(v.share),
            };
          }),
      }),
    onSuccess: async () => {
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: labourKeys.all });
      void message.success(t('labour.colleges.studentsAdded'));
    },
  });
  if (cohort.isPending) return <PageSpinner />;
  if (cohort.isError)
    return (
      <div className="page">
        <Typography.Title level={1}>{t('labour.colleges.cohortTitle')}</Typography.Title>
        <ProblemAlert error={cohort.error} />
      </div>
    );
  const co = cohort.data;
  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{co.major}</Typography.Title>
      <Card style={{ marginBottom: 24 }}>
        <dl className="labour-meta">
          <dt>{t('labour.colleges.college')}</dt>
          <dd>{co.collegeName}</dd>
          <dt>{t('labour.colleges.occupations')}</dt>
          <dd>{co.occupationCodes.map(occupation).join('、')}</dd>
          <dt>{t('labour.colleges.studentCount')}</dt>
          <dd>{co.studentCount}</dd>
          <dt>{t('labour.colleges.available')}</dt>
          <dd>{co.availableCount}</dd>
          <dt>{t('labour.colleges.listed')}</dt>
          <dd>{co.listedStudents}</dd>
          <dt>{t('labour.colleges.graduationDate')}</dt>
          <dd>{formatDate(co.graduationDate, locale)}</dd>
        </dl>
      </Card>
      <Section id="cohort-matches" title={t('labour.colleges.matchesTitle')}>
        <ProblemAlert error={matches.error} />
        {matches.isSuccess && matches.data.items.length === 0 && (
          <Typography.Paragraph>{t('labour.colleges.noMatches')}</Typography.Paragraph>
        )}
        <ul className="labour-list">
          {(matches.data?.items ?? []).map((m) => (
            <li key={m.demand.id}>
              <Card size="small">
                <Typography.Title level={3} style={{ marginTop: 0 }}>
                  {m.demand.enterpriseName}
                </Typography.Title>
                <Typography.Paragraph>
                  {t('labour.colleges.demandLine', {
                    kind: t(`labour.labels.demandKind.${m.demand.kind}`),
                    count: m.demand.count - m.demand.reservedCount,
                    from: formatDate(m.demand.startsOn, locale),
                    to: formatDate(m.demand.endsOn, locale),
                  })}
                </Typography.Paragraph>
                <MatchReasons score={m.score} reasons={m.reasons} id={m.demand.id} />
                <Button type="primary" onClick={() => setPairing(m.demand)} style={{ marginTop: 8 }}>
                  {t('labour.colleges.pair')}
                </Button>
              </Card>
            </li>
          ))}
        </ul>
        {pairing && <PairDialog cohort={co} demand={pairing} onClose={() => setPairing(null)} />}
      </Section>
      <Section id="cohort-students" title={t('labour.colleges.studentsTitle')}>
        <Typography.Paragraph type="secondary">{t('labour.colleges.studentsIntro')}</Typography.Paragraph>
        <ProblemAlert error={students.error ?? add.error} />
        <ScrollRegion label={t('labour.colleges.studentsTitle')} minWidth={480}>
          <Table<CohortStudent>
            rowKey="id"
            size="small"
            dataSource={students.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: <span className="labour-empty">{t('labour.colleges.noStudents')}</span> }}
            columns={[
              { title: t('labour.common.name'), key: 'n', render: (_v, s) => s.fullName },
              { title: t('labour.common.phone'), key: 'p', render: (_v, s) => s.phoneMasked },
              {
                title: t('labour.colleges.consentOn'),
                key: 'c',
                render: (_v, s) => formatDate(s.consentSignedOn, locale),
              },
            ]}
          />
        </ScrollRegion>
        <Form<StudentValues>
          form={form}
          layout="vertical"
          initialValues={{ consentSignedOn: chinaDay(0) }}
          onFinish={(v) => add.mutate(v)}
          style={{ marginTop: 16 }}
        >
          <Form.Item
            name="lines"
            label={t('labour.colleges.studentLines')}
            extra={t('labour.colleges.studentLinesHelp')}
            rules={[requiredRule(locale)]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item
            name="consentSignedOn"
            label={t('labour.colleges.consentOn')}
            rules={[requiredRule(locale)]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item name="share" valuePropName="checked">
            <Checkbox>{t('labour.colleges.shareWithEnterprises')}</Checkbox>
          </Form.Item>
          <Button htmlType="submit" loading={add.isPending}>
            {t('labour.colleges.addStudents')}
          </Button>
        </Form>
      </Section>
    </div>
  );
}

function PairDialog({
  cohort,
  demand,
  onClose,
}: {
  cohort: Cohort;
  demand: EnterpriseDemand;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ studentCount: number }>();
  const max = Math.min(cohort.availableCount, demand.count - demand.reservedCount);
  const create = useMutation({
    mutationFn: (v: { studentCount: number }) =>
      createCollegeAgreement({ cohortId: cohort.id, demandId: demand.id, studentCount: v.studentCount }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: labourKeys.all });
      void message.success(t('labour.colleges.paired'));
      onClose();
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, ['studentCount']);
    },
  });
  return (
    <Modal
      open
      title={t('labour.colleges.pairTitle', { enterprise: demand.enterpriseName })}
      okText={t('labour.colleges.pairSubmit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <ProblemAlert error={create.error} fieldNames={['studentCount']} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ studentCount: Math.max(1, max) }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="studentCount" label={t('labour.colleges.students')} rules={[requiredRule(locale)]}>
          <InputNumber min={1} max={Math.max(1, max)} precision={0} inputMode="numeric" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ─── Employer: internship and order-training demand ──────────────────────────────────────────────

type DemandValues = {
  kind: DemandKind;
  occupationCodes?: string[];
  count?: number;
  startsOn?: string;
  endsOn?: string;
  description?: string;
};
const DEMAND_FIELDS = ['kind', 'occupationCodes', 'count', 'startsOn', 'endsOn', 'description'];

/** The employer publishes internship / order-training demand and pairs it with college cohorts. */
export function EmployerCollegePage() {
  const { t } = useTranslation();
  usePageTitle(t('labour.colleges.employerTitle'));
  const locale = useLocale();
  const labels = useLabourLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const acting = useActingEnterprise(params.get('enterprise') ?? undefined);
  const [form] = Form.useForm<DemandValues>();
  const query = { enterpriseId: acting.current?.id, page: 1, pageSize: 50 };
  const demands = useQuery({
    queryKey: labourKeys.demands(query),
    queryFn: () => listDemands(query),
    enabled: Boolean(acting.current),
  });
  const occupation = useOccupationNames((demands.data?.items ?? []).flatMap((d) => d.occupationCodes));
  const create = useMutation({
    mutationFn: (v: DemandValues) =>
      createDemand({
        enterpriseId: acting.current!.id,
        kind: v.kind,
        occupationCodes: v.occupationCodes ?? [],
        count: v.count ?? 0,
        startsOn: v.startsOn ?? '',
        endsOn: v.endsOn ?? '',
        description: v.description?.trim() || undefined,
      }),
    onSuccess: async () => {
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: labourKeys.all });
      void message.success(t('labour.colleges.demandCreated'));
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, DEMAND_FIELDS);
    },
  });
  if (acting.query.isSuccess && !acting.current) {
    return (
      <div className="page">
        <Typography.Title level={1}>{t('labour.colleges.employerTitle')}</Typography.Title>
        <NeedsEnterprise />
      </div>
    );
  }
  const myIds = new Set(acting.list.map((e) => e.id));
  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{t('labour.colleges.employerTitle')}</Typography.Title>
      <EnterpriseSwitcher
        list={acting.list}
        value={acting.current?.id}
        onChange={(v) => setParams({ enterprise: v }, { replace: true })}
      />
      <Section id="demand-new" title={t('labour.colleges.newDemand')}>
        <ProblemAlert error={create.error} fieldNames={DEMAND_FIELDS} />
        <Form<DemandValues>
          form={form}
          layout="vertical"
          initialValues={{ kind: 'internship', startsOn: chinaDay(30), endsOn: chinaDay(210) }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="kind" label={t('labour.colleges.kind')} rules={[requiredRule(locale)]}>
            <Radio.Group
              aria-label={t('labour.colleges.kind')}
              options={DEMAND_KINDS.map((k) => ({ value: k, label: labels.demandKind(k) }))}
            />
          </Form.Item>
          <Form.Item
            name="occupationCodes"
            label={t('labour.colleges.occupations')}
            rules={[requiredRule(locale)]}
          >
            <OccupationSelect mode="multiple" />
          </Form.Item>
          <Space wrap align="start" size={16}>
            <Form.Item name="count" label={t('labour.colleges.demandCount')} rules={[requiredRule(locale)]}>
              <InputNumber min={1} max={5000} precision={0} inputMode="numeric" />
            </Form.Item>
            <Form.Item name="startsOn" label={t('labour.sharing.startsOn')} rules={[requiredRule(locale)]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="endsOn" label={t('labour.sharing.endsOn')} rules={[requiredRule(locale)]}>
              <Input type="date" />
            </Form.Item>
          </Space>
          <Form.Item name="description" label={t('labour.colleges.description')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('labour.colleges.publishDemand')}
          </Button>
        </Form>
      </Section>
      <Section id="demand-list" title={t('labour.colleges.demandsTitle')}>
        <ProblemAlert error={demands.error} />
        {demands.isSuccess && demands.data.items.length === 0 && (
          <Typography.Paragraph>{t('labour.colleges.noDemands')}</Typography.Paragraph>
        )}
        <ul className="labour-list">
          {(demands.data?.items ?? []).map((d) => (
            <li key={d.id}>
              <Card size="small">
                <Typography.Title level={3} style={{ marginTop: 0 }}>
                  {labels.demandKind(d.kind)} · {d.occupationCodes.map(occupation).join('、')}
                </Typography.Title>
                <Typography.Paragraph>
                  {t('labour.colleges.demandLine', {
                    kind: labels.demandKind(d.kind),
                    count: d.count - d.reservedCount,
                    from: formatDate(d.startsOn, locale),
                    to: formatDate(d.endsOn, locale),
                  })}
                </Typography.Paragraph>
                <DemandMatches demandId={d.id} />
              </Card>
            </li>
          ))}
        </ul>
      </Section>
      {acting.current && (
        <Section id="employer-college-agreements" title={t('labour.colleges.agreementsTitle')}>
          <CollegeAgreementsTable
            query={{ enterpriseId: acting.current.id, page: 1, pageSize: 50 }}
            signAs="enterprise"
            mayAct={(a) => myIds.has(a.enterprise.enterpriseId)}
          />
        </Section>
      )}
    </div>
  );
}

function DemandMatches({ demandId }: { demandId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const matches = useQuery({
    queryKey: labourKeys.demandMatches(demandId),
    queryFn: () => getDemandMatches(demandId),
    enabled: open,
  });
  if (!open)
    return (
      <Button onClick={() => setOpen(true)} aria-expanded={false}>
        {t('labour.colleges.showMatches')}
      </Button>
    );
  return (
    <div>
      <ProblemAlert error={matches.error} />
      {matches.isSuccess && matches.data.items.length === 0 && (
        <Typography.Paragraph>{t('labour.colleges.noMatches')}</Typography.Paragraph>
      )}
      <ul className="plain-list">
        {(matches.data?.items ?? []).map((m) => (
          <li key={m.cohort.id}>
            {t('labour.colleges.cohortMatchLine', {
              college: m.cohort.collegeName,
              major: m.cohort.major,
              available: m.cohort.availableCount,
              date: formatDate(m.cohort.graduationDate, locale),
              score: m.score,
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Staff: cohorts and college–enterprise agreements of the city. */
export function StaffCollegesPage() {
  const { t } = useTranslation();
  usePageTitle(t('labour.colleges.staffTitle'));
  const locale = useLocale();
  const district = useDistrictName();
  const query = { page: 1, pageSize: 50 };
  const cohorts = useQuery({ queryKey: labourKeys.cohorts(query), queryFn: () => listCohorts(query) });
  const occupation = useOccupationNames((cohorts.data?.items ?? []).flatMap((c) => c.occupationCodes));
  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{t('labour.colleges.staffTitle')}</Typography.Title>
      <Section id="staff-cohorts" title={t('labour.colleges.cohortsTitle')}>
        <ProblemAlert error={cohorts.error} />
        <ScrollRegion label={t('labour.colleges.cohortsTitle')} minWidth={720}>
          <Table<Cohort>
            rowKey="id"
            size="small"
            dataSource={cohorts.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: <span className="labour-empty">{t('labour.colleges.noCohorts')}</span> }}
            columns={[
              { title: t('labour.colleges.college'), key: 'c', render: (_v, c) => c.collegeName },
              { title: t('labour.colleges.major'), key: 'm', render: (_v, c) => c.major },
              {
                title: t('labour.colleges.occupations'),
                key: 'o',
                render: (_v, c) => c.occupationCodes.map(occupation).join('、'),
              },
              {
                title: t('labour.colleges.studentCount'),
                key: 'n',
                align: 'right',
                render: (_v, c) => c.studentCount,
              },
              {
                title: t('labour.colleges.available'),
                key: 'a',
                align: 'right',
                render: (_v, c) => c.availableCount,
              },
              {
                title: t('labour.colleges.graduationDate'),
                key: 'g',
                render: (_v, c) => formatDate(c.graduationDate, locale),
              },
              { title: t('labour.common.district'), key: 'd', render: (_v, c) => district(c.districtCode) },
            ]}
          />
        </ScrollRegion>
      </Section>
      <Section id="staff-college-agreements" title={t('labour.colleges.agreementsTitle')}>
        <CollegeAgreementsTable query={{ page: 1, pageSize: 50 }} />
      </Section>
    </div>
  );
}
