import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { SEPARATION_CAUSES, type Problem } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { useLocale } from '../../i18n';
import { useMonitoringT, type MonitoringT } from '../../i18n/monitoring';
import { useMyEnterprises } from '../enterprises/use-my-enterprises';
import { listReports, monitoringKeys, submitReport, type MonthlyReport } from './api';
import { ReportHistoryTable } from './common';
import { balanceOf, dueAt, endedMonths, shiftMonth, signed, type SeparationCause } from './months';

type Values = {
  startHeadcount?: number | null;
  hires?: number | null;
  endHeadcount?: number | null;
  note?: string;
} & Partial<Record<SeparationCause, number | null>>;

const FIELDS = ['startHeadcount', 'hires', 'endHeadcount', 'note', ...SEPARATION_CAUSES] as const;
const MONTHS_OFFERED = 12;
const NO_REPORTS: readonly MonthlyReport[] = [];

/**
 * The server names `separations.layoff`; the form has one field per cause. Its `detail` carries the
 * numbers (the difference), so it is put under the field it concerns as well as above the form.
 */
function showRefusal(form: FormInstance<Values>, problem: Problem, mt: MonitoringT): void {
  const errors = (problem.errors ?? []).map((e) => ({ ...e, path: e.path.replace(/^separations\./, '') }));
  applyProblemToForm(form, { ...problem, errors }, FIELDS);
  const first = errors.find((e) => (FIELDS as readonly string[]).includes(e.path));
  if (first && problem.detail) {
    form.setFields([
      {
        name: first.path as keyof Values,
        errors: [first.message, mt('monitoring.report.serverRefused', { detail: problem.detail })],
      },
    ]);
  }
}

/** The values a month's form opens with: its report (a correction), else last month's end as start. */
function initialValues(month: string, reports: readonly MonthlyReport[]): Values {
  const existing = reports.find((r) => r.month === month);
  if (existing) {
    return {
      startHeadcount: existing.startHeadcount,
      hires: existing.hires,
      endHeadcount: existing.endHeadcount,
      note: existing.note ?? '',
      ...existing.separations,
    };
  }
  const previous = reports.find((r) => r.month === shiftMonth(month, -1));
  return {
    startHeadcount: previous ? previous.endHeadcount : null,
    hires: 0,
    endHeadcount: null,
    note: '',
    ...Object.fromEntries(SEPARATION_CAUSES.map((c) => [c, 0])),
  };
}

/** The month to open: the one after the newest report when that has ended, else last month. */
function defaultMonth(reports: readonly MonthlyReport[], offered: readonly string[]): string {
  const newest = [...reports].sort((a, b) => b.month.localeCompare(a.month))[0];
  const next = newest ? shiftMonth(newest.month, 1) : undefined;
  return next && offered.includes(next) ? next : (offered[0] as string);
}

/** The enterprise clerk's monthly headcount report (用工监测月报): file, correct before the 10th, history. */
export function EmployerReportPage() {
  const mt = useMonitoringT();
  usePageTitle(mt('monitoring.report.title'));
  const params = useParams();
  const navigate = useNavigate();
  const mine = useMyEnterprises();
  const enterprises = mine.data ?? [];
  const verified = enterprises.filter((e) => e.status === 'verified');
  const pool = verified.length > 0 ? verified : enterprises;
  const enterprise = pool.find((e) => e.id === params.enterpriseId) ?? pool[0];

  return (
    <div className="page page--reading">
      <Typography.Title level={1}>{mt('monitoring.report.title')}</Typography.Title>
      <Typography.Paragraph>{mt('monitoring.report.intro')}</Typography.Paragraph>
      <ProblemAlert error={mine.error} />
      {mine.isPending && <Typography.Paragraph>{mt('monitoring.common.loading')}</Typography.Paragraph>}
      {mine.isSuccess && !enterprise && (
        <Alert
          type="info"
          showIcon
          title={mt('monitoring.report.needsEnterprise')}
          action={<Link to="/employer/enterprise">{mt('monitoring.report.registerEnterprise')}</Link>}
        />
      )}
      {pool.length > 1 && enterprise && (
        <div className="mon-toolbar">
          <div className="mon-toolbar__field">
            <label htmlFor="mon-enterprise">{mt('monitoring.common.enterprise')}</label>
            <Select<string>
              id="mon-enterprise"
              value={enterprise.id}
              onChange={(v) => void navigate(`/employer/monitoring/${v}`)}
              options={pool.map((e) => ({ value: e.id, label: e.name }))}
              style={{ minWidth: 220 }}
            />
          </div>
        </div>
      )}
      {enterprise && (
        <EnterpriseReports
          key={enterprise.id}
          enterpriseId={enterprise.id}
          enterpriseName={enterprise.name}
          month={params.month}
        />
      )}
    </div>
  );
}

function EnterpriseReports({
  enterpriseId,
  enterpriseName,
  month: requested,
}: {
  enterpriseId: string;
  enterpriseName: string;
  month: string | undefined;
}) {
  const mt = useMonitoringT();
  const reports = useQuery({
    queryKey: monitoringKeys.reports(enterpriseId),
    queryFn: () => listReports(enterpriseId),
  });
  const offered = useMemo(() => endedMonths(MONTHS_OFFERED), []);
  const [chosen, setChosen] = useState<string | undefined>(
    requested && offered.includes(requested) ? requested : undefined,
  );
  const items = reports.data?.items ?? NO_REPORTS;
  const month = chosen ?? (reports.isSuccess ? defaultMonth(items, offered) : undefined);
  const newest = [...items].sort((a, b) => b.month.localeCompare(a.month))[0];

  return (
    <>
      <Typography.Paragraph>
        {mt('monitoring.common.enterprise')}：{enterpriseName}
      </Typography.Paragraph>
      <ProblemAlert error={reports.error} />
      {reports.isSuccess &&
        (newest ? (
          <Alert
            type="info"
            showIcon
            title={mt('monitoring.report.isSample', { month: newest.month })}
            style={{ marginBottom: 16 }}
          />
        ) : (
          <Alert
            type="info"
            showIcon
            title={mt('monitoring.report.noReportsYet')}
            description={mt('monitoring.report.noReportsHint')}
            style={{ marginBottom: 16 }}
          />
        ))}
      {month && (
        <>
          <div className="mon-toolbar">
            <div className="mon-toolbar__field">
              <label htmlFor="mon-month">{mt('monitoring.report.monthLabel')}</label>
              <Select<string>
                id="mon-month"
                value={month}
                onChange={setChosen}
                options={offered.map((m) => ({
                  value: m,
                  label: `${m}${items.some((r) => r.month === m) ? ` · ${mt('monitoring.report.correctMonth')}` : ''}`,
                }))}
                aria-describedby="mon-month-help"
                style={{ minWidth: 200 }}
              />
              <Typography.Text type="secondary" id="mon-month-help">
                {mt('monitoring.report.monthHelp')}
              </Typography.Text>
            </div>
          </div>
          <ReportForm key={month} enterpriseId={enterpriseId} month={month} reports={items} />
        </>
      )}
      <section style={{ marginTop: 32 }}>
        <Typography.Title level={2} id="mon-history-title">
          {mt('monitoring.report.historyTitle')}
        </Typography.Title>
        <ReportHistoryTable
          reports={items}
          label={mt('monitoring.report.historyTitle')}
          action={{
            title: mt('monitoring.common.actions'),
            render: (r) => (
              <Button
                size="small"
                onClick={() => setChosen(r.month)}
                aria-label={`${r.month} ${mt('monitoring.report.view')}`}
              >
                {mt('monitoring.report.view')}
              </Button>
            ),
          }}
        />
      </section>
    </>
  );
}

function ReportForm({
  enterpriseId,
  month,
  reports,
}: {
  enterpriseId: string;
  month: string;
  reports: readonly MonthlyReport[];
}) {
  const mt = useMonitoringT();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const existing = reports.find((r) => r.month === month);
  const previous = reports.find((r) => r.month === shiftMonth(month, -1));
  const due = dueAt(month);
  const closed = existing !== undefined && Date.now() >= due.getTime();
  const initial = useMemo(() => initialValues(month, reports), [month, reports]);
  const watched = Form.useWatch([], form) as Values | undefined;
  const balance = balanceOf(watched ?? initial);
  const [raised, setRaised] = useState(false);

  useEffect(() => {
    form.setFieldsValue(initial);
  }, [form, initial]);

  const submit = useMutation({
    mutationFn: (v: Values) =>
      submitReport(enterpriseId, month, {
        startHeadcount: v.startHeadcount ?? 0,
        hires: v.hires ?? 0,
        endHeadcount: v.endHeadcount ?? 0,
        separations: {
          layoff: v.layoff ?? 0,
          resignation: v.resignation ?? 0,
          contractEnd: v.contractEnd ?? 0,
          retirement: v.retirement ?? 0,
          other: v.other ?? 0,
        },
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      }),
    onSuccess: async (saved) => {
      void message.success(
        mt(existing ? 'monitoring.report.corrected' : 'monitoring.report.submitted', { month: saved.month }),
      );
      setRaised(saved.alertIds.length > 0 && saved.separations.layoff > 0);
      await queryClient.invalidateQueries({ queryKey: monitoringKeys.reports(enterpriseId) });
    },
    onError: (error) => {
      if (isApiError(error)) showRefusal(form, error.problem, mt);
    },
  });

  // The server answers 409 with `id: not_monitored` when the enterprise is not a sample.
  const notMonitored =
    isApiError(submit.error, 'conflict') &&
    (submit.error.problem.errors ?? []).some((e) => e.code === 'not_monitored');

  const count = (name: keyof Values, label: string, help?: string) => (
    <Form.Item name={name} label={label} rules={[requiredRule(locale)]} extra={help}>
      <InputNumber min={0} max={1_000_000} precision={0} inputMode="numeric" disabled={closed} />
    </Form.Item>
  );

  return (
    <section aria-labelledby="mon-form-title">
      <Typography.Title level={2} id="mon-form-title">
        {mt('monitoring.report.formTitle', { month })}
      </Typography.Title>
      {closed ? (
        <Alert
          type="warning"
          showIcon
          title={mt('monitoring.report.closed', { due: formatDateTime(due.toISOString(), locale) })}
          style={{ marginBottom: 16 }}
        />
      ) : (
        <Typography.Paragraph>
          {existing
            ? mt('monitoring.report.dueCorrect', {
                version: existing.version,
                due: formatDateTime(due.toISOString(), locale),
              })
            : mt('monitoring.report.due', { due: formatDateTime(due.toISOString(), locale) })}
        </Typography.Paragraph>
      )}
      {raised && (
        <Alert
          type="warning"
          showIcon
          title={mt('monitoring.report.alertRaised')}
          style={{ marginBottom: 16 }}
        />
      )}
      {notMonitored ? (
        <Alert
          type="warning"
          showIcon
          title={mt('monitoring.report.notSample')}
          style={{ marginBottom: 16 }}
        />
      ) : (
        <ProblemAlert error={submit.error} fieldNames={[...FIELDS, 'separations']} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={initial}
        onFinish={(v) => submit.mutate(v)}
        disabled={closed}
      >
        <div className="mon-counts">
          {count(
            'startHeadcount',
            mt('monitoring.report.startHeadcount'),
            previous && !existing
              ? mt('monitoring.report.startPrefilled', { n: previous.endHeadcount })
              : undefined,
          )}
          {count('hires', mt('monitoring.report.hires'))}
        </div>
        <fieldset className="mon-fieldset">
          <legend>{mt('monitoring.report.separationsTitle')}</legend>
          <div className="mon-counts">
            {SEPARATION_CAUSES.map((c) => (
              <div key={c}>{count(c, mt(`monitoring.causes.${c}`))}</div>
            ))}
          </div>
        </fieldset>
        <div className="mon-counts">{count('endHeadcount', mt('monitoring.report.endHeadcount'))}</div>
        <BalanceCheck balance={balance} end={watched?.endHeadcount ?? null} />
        <Form.Item name="note" label={mt('monitoring.report.note')} extra={mt('monitoring.report.noteHelp')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        {!closed && (
          <Button type="primary" htmlType="submit" loading={submit.isPending}>
            {existing ? mt('monitoring.report.correct') : mt('monitoring.report.submit')}
          </Button>
        )}
      </Form>
    </section>
  );
}

/** The live check: the end the counts imply and the difference, announced politely as it changes. */
function BalanceCheck({ balance, end }: { balance: ReturnType<typeof balanceOf>; end: number | null }) {
  const mt = useMonitoringT();
  const ok = balance.complete && balance.diff === 0;
  const tone = !balance.complete ? '' : ok ? ' mon-balance--ok' : ' mon-balance--bad';
  return (
    <div className={`mon-balance${tone}`} role="status" aria-live="polite" aria-atomic="true">
      <p className="mon-balance__title">{mt('monitoring.report.balanceTitle')}</p>
      {balance.complete ? (
        <>
          <p>
            {mt('monitoring.report.computedEnd', {
              start: balance.start,
              hires: balance.hires,
              separations: balance.separations,
              expected: balance.expected,
            })}
          </p>
          <p>
            {ok
              ? mt('monitoring.report.balanced')
              : mt('monitoring.report.unbalanced', { end, diff: signed(balance.diff) })}
          </p>
        </>
      ) : (
        <p>{mt('monitoring.report.incomplete')}</p>
      )}
    </div>
  );
}
