import { useState } from 'react';
import { App, Button, Form, Input, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../app/api-client';
import { ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { useSignedInMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import { useMonitoringT, type MonitoringKey } from '../../i18n/monitoring';
import { useDistrictName } from '../monitoring/common';
import { acknowledgeAlert, getAlert, resolveAlert, warningKeys, type WarningAlert } from './api';
import { AlertStatusChip, SeverityChip, useWarningLabels } from './labels';

const EVIDENCE_KEYS = [
  'layoffs',
  'startHeadcount',
  'share',
  'minPeople',
  'minShare',
  'vacancies',
  'seekers',
  'ratio',
  'threshold',
  'minVacancies',
  'count',
  'previous',
  'rise',
  'risePct',
  'minCount',
  'days',
  'reportedAt',
  'approvedAt',
] as const;
type EvidenceKey = (typeof EVIDENCE_KEYS)[number];
const SHARES = new Set<string>(['share', 'minShare', 'rise', 'risePct']);
const TIMES = new Set<string>(['reportedAt', 'approvedAt']);
const SUBJECT_TYPES = ['enterprise', 'occupation', 'district', 'shortage', 'policy_application'] as const;

function isEvidenceKey(k: string): k is EvidenceKey {
  return (EVIDENCE_KEYS as readonly string[]).includes(k);
}

/** The alert's evidence (`detail`): known figures by name, shares as percentages, the rest as sent. */
function Evidence({ detail }: { detail: Record<string, unknown> }) {
  const mt = useMonitoringT();
  const locale = useLocale();
  const entries = Object.entries(detail).sort(([a], [b]) => {
    const ia = isEvidenceKey(a) ? EVIDENCE_KEYS.indexOf(a) : 99;
    const ib = isEvidenceKey(b) ? EVIDENCE_KEYS.indexOf(b) : 99;
    return ia - ib;
  });
  const show = (k: string, v: unknown): string => {
    if (v === null || v === undefined) return mt('monitoring.common.none');
    if (typeof v === 'number' && SHARES.has(k)) return `${Math.round(v * 1000) / 10}%`;
    if (typeof v === 'string' && TIMES.has(k)) return formatDateTime(v, locale);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
    return JSON.stringify(v);
  };
  if (entries.length === 0)
    return <Typography.Paragraph>{mt('monitoring.common.none')}</Typography.Paragraph>;
  return (
    <dl className="mon-meta">
      {entries.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt>{isEvidenceKey(k) ? mt(`warnings.detail.evidenceKeys.${k}` as MonitoringKey) : k}</dt>
          <dd>{show(k, v)}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * One alert with its evidence and the staff's two steps: acknowledge, then resolve with a note.
 * Not optimistic: the view changes only with the server's answer; refusals are shown as sent.
 */
export function AlertDetail({ alertId, headingLevel = 2 }: { alertId: string; headingLevel?: 1 | 2 }) {
  const mt = useMonitoringT();
  const locale = useLocale();
  const me = useSignedInMe();
  const labels = useWarningLabels();
  const districtName = useDistrictName();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const alert = useQuery({ queryKey: warningKeys.alert(alertId), queryFn: () => getAlert(alertId) });
  const [form] = Form.useForm<{ note: string }>();
  const [resolving, setResolving] = useState(false);

  const settle = async (updated: WarningAlert) => {
    queryClient.setQueryData(warningKeys.alert(alertId), updated);
    await queryClient.invalidateQueries({ queryKey: ['warnings', 'alerts'] });
  };
  const acknowledge = useMutation({
    mutationFn: () => acknowledgeAlert(alertId),
    onSuccess: async (updated) => {
      await settle(updated);
      void message.success(mt('warnings.detail.acknowledged'));
    },
  });
  const resolve = useMutation({
    mutationFn: (note: string) => resolveAlert(alertId, note),
    onSuccess: async (updated) => {
      await settle(updated);
      setResolving(false);
      void message.success(mt('warnings.detail.resolved'));
    },
    onError: (error) => {
      if (isApiError(error)) {
        const noteError = error.problem.errors?.find((e) => e.path === 'note');
        if (noteError) form.setFields([{ name: 'note', errors: [noteError.message] }]);
      }
    },
  });

  if (alert.isPending) return <Typography.Paragraph>{mt('monitoring.common.loading')}</Typography.Paragraph>;
  if (alert.isError) {
    return isApiError(alert.error, 'not_found') ? (
      <Typography.Paragraph>{mt('warnings.detail.notFound')}</Typography.Paragraph>
    ) : (
      <ProblemAlert error={alert.error} />
    );
  }
  const a = alert.data;
  const title = locale === 'en-US' ? a.titleEn : a.titleZh;
  const assignee =
    a.assigneeUserId === null
      ? mt('warnings.detail.unassigned')
      : a.assigneeUserId === me.id
        ? mt('warnings.detail.assignedToMe')
        : mt('warnings.detail.assignedToOther');
  const subjectType = (SUBJECT_TYPES as readonly string[]).includes(a.subjectType)
    ? mt(`warnings.detail.subjectTypes.${a.subjectType}` as MonitoringKey)
    : a.subjectType;

  return (
    <article aria-labelledby={`alert-title-${a.id}`}>
      <Typography.Title level={headingLevel} id={`alert-title-${a.id}`} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      <div className="mon-actions">
        <SeverityChip severity={a.severity} />
        <AlertStatusChip status={a.status} />
      </div>
      <dl className="mon-meta">
        <dt>{mt('warnings.alerts.kind')}</dt>
        <dd>{labels.kind(a.kind)}</dd>
        <dt>{mt('warnings.detail.rule')}</dt>
        <dd className="mono">{a.ruleCode}</dd>
        <dt>{mt('warnings.detail.subject')}</dt>
        <dd>
          {subjectType}
          {a.subjectType === 'enterprise' && (
            <>
              {' · '}
              <Link to={`/staff/monitoring/enterprises/${a.subjectId}`}>
                {mt('warnings.detail.viewReports')}
              </Link>
            </>
          )}
          {a.subjectType !== 'enterprise' && <span className="mono"> {a.subjectId}</span>}
        </dd>
        <dt>{mt('warnings.alerts.district')}</dt>
        <dd>{a.districtCode ? districtName(a.districtCode) : mt('monitoring.common.none')}</dd>
        <dt>{mt('warnings.alerts.period')}</dt>
        <dd>{a.period}</dd>
        <dt>{mt('warnings.alerts.raisedAt')}</dt>
        <dd>{formatDateTime(a.raisedAt, locale)}</dd>
        <dt>{mt('warnings.detail.assignee')}</dt>
        <dd>{assignee}</dd>
        {a.acknowledgedAt && (
          <>
            <dt>{mt('warnings.detail.acknowledgedAt')}</dt>
            <dd>{formatDateTime(a.acknowledgedAt, locale)}</dd>
          </>
        )}
        {a.resolvedAt && (
          <>
            <dt>{mt('warnings.detail.resolvedAt')}</dt>
            <dd>{formatDateTime(a.resolvedAt, locale)}</dd>
          </>
        )}
        {a.resolutionNote && (
          <>
            <dt>{mt('warnings.detail.resolutionNote')}</dt>
            <dd className="pre-wrap">{a.resolutionNote}</dd>
          </>
        )}
      </dl>
      <Typography.Title level={headingLevel === 1 ? 2 : 3}>{mt('warnings.detail.evidence')}</Typography.Title>
      <Evidence detail={a.detail} />
      <ProblemAlert error={acknowledge.error} />
      <ProblemAlert error={resolve.error} fieldNames={['note']} />
      {a.status !== 'resolved' && (
        <div className="mon-actions">
          {a.status === 'open' && (
            <Button type="primary" onClick={() => acknowledge.mutate()} loading={acknowledge.isPending}>
              {mt('warnings.detail.acknowledge')}
            </Button>
          )}
          {!resolving && <Button onClick={() => setResolving(true)}>{mt('warnings.detail.resolve')}</Button>}
        </div>
      )}
      {a.status !== 'resolved' && resolving && (
        <section aria-labelledby={`resolve-title-${a.id}`}>
          <Typography.Title level={headingLevel === 1 ? 2 : 3} id={`resolve-title-${a.id}`}>
            {mt('warnings.detail.resolveTitle')}
          </Typography.Title>
          <Form form={form} layout="vertical" onFinish={(v) => resolve.mutate(v.note.trim())}>
            <Form.Item
              name="note"
              label={mt('warnings.detail.resolveNote')}
              extra={mt('warnings.detail.resolveHelp')}
              rules={[{ ...requiredRule(locale), whitespace: true }]}
            >
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
            <div className="mon-actions">
              <Button type="primary" htmlType="submit" loading={resolve.isPending}>
                {mt('warnings.detail.resolveSubmit')}
              </Button>
              <Button onClick={() => setResolving(false)}>{mt('monitoring.common.back')}</Button>
            </div>
          </Form>
        </section>
      )}
    </article>
  );
}

/** One alert on its own page: the notifications link here. */
export function AlertPage() {
  const mt = useMonitoringT();
  usePageTitle(mt('warnings.detail.title'));
  const { id = '' } = useParams();
  return (
    <div className="page page--reading">
      <Typography.Paragraph>
        <Link to="/staff/alerts">{mt('warnings.detail.backToList')}</Link>
      </Typography.Paragraph>
      <AlertDetail alertId={id} headingLevel={1} />
    </div>
  );
}
