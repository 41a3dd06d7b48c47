import { useRef, useState } from 'react';
import { Alert, App, Button, Input, Select, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ELIGIBLE_SOURCES, type FindEligibleResult, type OutreachMode } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { ProblemAlert } from '../../app/form-errors';
import { newIdempotencyKey } from '../../app/idempotency';
import { usePageTitle } from '../../app/page-title';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useSignedInMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import { useDistricts } from '../reference/api';
import { listPolicies, policyKeys } from '../policies/api';
import { isCityWideStaffCodes } from '../policies/city-wide';
import { policyName, usePolicyLabels, yuan } from '../policies/labels';
import { findEligible, runOutreach, type EligibleSubject } from './api';
import { useReasonText } from './reason-text';
import '../policies/policies.css';
import { EmptyText } from '../policies/empty-text';

const PAGE_SIZE = 50;

function isSource(s: string): s is (typeof ELIGIBLE_SOURCES)[number] {
  return (ELIGIBLE_SOURCES as readonly string[]).includes(s);
}

/**
 * 免申即享: for one policy, find the enterprises and people the platform already knows to be
 * eligible (with the reasons and the amount), then notify them or prepare applications that the
 * beneficiaries only confirm.
 */
export function ProactivePage() {
  const { t } = useTranslation();
  usePageTitle(t('policies.proactive.title'));
  const locale = useLocale();
  const labels = usePolicyLabels();
  const me = useSignedInMe();
  const cityWide = isCityWideStaffCodes(me.districtCodes);
  const districts = useDistricts();
  const districtName = new Map((districts.data ?? []).map((d) => [d.code, d.name]));
  const { message } = App.useApp();
  const reasonText = useReasonText();
  const [policyCode, setPolicyCode] = useState<string | undefined>(undefined);
  const [districtCodes, setDistrictCodes] = useState<string[]>([]);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const attemptKey = useRef<string | null>(null);
  const policies = useQuery({
    queryKey: policyKeys.list({ page: 1, pageSize: 100 }),
    queryFn: () => listPolicies({ page: 1, pageSize: 100 }),
    staleTime: 60_000,
  });
  const find = useMutation({
    mutationFn: (p: number) =>
      findEligible(policyCode ?? '', {
        page: p,
        pageSize: PAGE_SIZE,
        ...(cityWide && districtCodes.length > 0 ? { districtCodes } : {}),
      }),
    onSuccess: (_r, p) => {
      setPage(p);
      setSelected([]);
    },
  });
  const outreach = useMutation({
    mutationFn: (mode: OutreachMode) => {
      attemptKey.current ??= newIdempotencyKey();
      return runOutreach(
        policyCode ?? '',
        { subjectIds: selected, mode, ...(note.trim() ? { message: note.trim() } : {}) },
        attemptKey.current,
      );
    },
    onSuccess: (run) => {
      attemptKey.current = null;
      void message.success(
        t('policies.proactive.done', {
          notified: run.notified,
          prepared: run.prepared,
          skipped: run.skipped,
        }),
      );
    },
    onError: (error) => {
      if (isApiError(error) && error.status < 500) attemptKey.current = null;
    },
  });
  const result: FindEligibleResult | undefined = find.data;
  const names = new Map((result?.items ?? []).map((s) => [s.subjectId, s.name]));

  const columns: TableProps<EligibleSubject>['columns'] = [
    {
      title: t('policies.proactive.colName'),
      key: 'name',
      render: (_v, s) => (
        <>
          <strong>{s.name}</strong>
          <div className="muted">{labels.subjectType(s.subjectType)}</div>
        </>
      ),
    },
    {
      title: t('policies.queue.colDistrict'),
      key: 'district',
      render: (_v, s) => (s.districtCode ? (districtName.get(s.districtCode) ?? s.districtCode) : ''),
    },
    {
      title: t('policies.queue.colAmount'),
      key: 'amount',
      align: 'right',
      render: (_v, s) => (s.amountFen === null ? t('policies.notice.noAmount') : yuan(s.amountFen, locale)),
    },
    {
      title: t('policies.proactive.colReasons'),
      key: 'reasons',
      render: (_v, s) => (
        <ul className="plain-list" aria-label={t('policies.proactive.reasonsOf', { name: s.name })}>
          {s.reasons.map((r, i) => (
            <li key={`${r.fact ?? ''}-${i}`}>
              <StatusChip tone={r.passed ? 'success' : 'danger'}>
                {r.passed ? t('policies.check.pass') : t('policies.check.fail')}
              </StatusChip>{' '}
              {r.message}
            </li>
          ))}
        </ul>
      ),
    },
    {
      title: t('policies.proactive.colSources'),
      key: 'sources',
      render: (_v, s) =>
        s.sources
          .map((x) => (isSource(x) ? t(`policies.proactive.source.${x}`) : x))
          .join(locale === 'zh-CN' ? '、' : ', '),
    },
    {
      title: t('policies.proactive.colReachable'),
      key: 'reachable',
      render: (_v, s) =>
        s.reachable ? (
          <StatusChip tone="success">{t('policies.proactive.reachable')}</StatusChip>
        ) : (
          <StatusChip tone="warning">{t('policies.proactive.unreachable')}</StatusChip>
        ),
    },
  ];

  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{t('policies.proactive.title')}</Typography.Title>
      <Typography.Paragraph>{t('policies.proactive.intro')}</Typography.Paragraph>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          if (policyCode) find.mutate(1);
        }}
      >
        <Select<string>
          aria-label={t('policies.payouts.policy')}
          value={policyCode}
          onChange={(v) => {
            setPolicyCode(v);
            find.reset();
            outreach.reset();
          }}
          placeholder={t('policies.payouts.pickPolicy')}
          options={(policies.data?.items ?? []).map((p) => ({ value: p.code, label: policyName(p, locale) }))}
          style={{ minWidth: 280 }}
        />
        {cityWide && (
          <Select<string[]>
            mode="multiple"
            aria-label={t('policies.proactive.districts')}
            placeholder={t('policies.proactive.allDistricts')}
            value={districtCodes}
            onChange={setDistrictCodes}
            options={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
            style={{ minWidth: 240 }}
          />
        )}
        <Button type="primary" htmlType="submit" disabled={!policyCode} loading={find.isPending}>
          {t('policies.proactive.find')}
        </Button>
      </form>
      <ProblemAlert error={find.error} />
      {result && (
        <section aria-labelledby="eligible-title">
          <Typography.Title level={2} id="eligible-title">
            {t('policies.proactive.resultTitle', { total: result.total })}
          </Typography.Title>
          <p role="status">
            {t('policies.proactive.summary', {
              scanned: result.scanned,
              total: result.total,
              excluded: result.excluded,
            })}
          </p>
          <ScrollRegion label={t('policies.proactive.resultTitle', { total: result.total })} minWidth={1000}>
            <Table<EligibleSubject>
              rowKey="subjectId"
              columns={columns}
              dataSource={result.items}
              locale={{ emptyText: <EmptyText>{t('policies.proactive.empty')}</EmptyText> }}
              rowSelection={{
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(String)),
                getCheckboxProps: (s) => ({ 'aria-label': t('policies.payouts.pick', { name: s.name }) }),
              }}
              pagination={{
                placement: ['bottomStart'],
                current: page,
                pageSize: PAGE_SIZE,
                total: result.total,
                showSizeChanger: false,
                onChange: (p) => find.mutate(p),
              }}
            />
          </ScrollRegion>
          <label htmlFor="outreach-note" className="field-label">
            {t('policies.proactive.message')}
          </label>
          <Input
            id="outreach-note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={500}
            style={{ maxWidth: 520 }}
          />
          <div className="policy-actions">
            <Button
              type="primary"
              disabled={selected.length === 0}
              loading={outreach.isPending && outreach.variables === 'prepare'}
              onClick={() => outreach.mutate('prepare')}
            >
              {t('policies.proactive.prepare', { count: selected.length })}
            </Button>
            <Button
              disabled={selected.length === 0}
              loading={outreach.isPending && outreach.variables === 'notify'}
              onClick={() => outreach.mutate('notify')}
            >
              {t('policies.proactive.notify', { count: selected.length })}
            </Button>
          </div>
          <ProblemAlert error={outreach.error} />
          {outreach.data && (
            <Alert
              type="success"
              showIcon
              title={t('policies.proactive.done', {
                notified: outreach.data.notified,
                prepared: outreach.data.prepared,
                skipped: outreach.data.skipped,
              })}
              description={
                <ul className="plain-list" aria-label={t('policies.proactive.outcomes')}>
                  {outreach.data.results.map((r) => (
                    <li key={r.subjectId}>
                      {names.get(r.subjectId) ?? r.subjectId}：{t(`policies.proactive.outcome.${r.outcome}`)}
                      {r.reason ? `（${reasonText(r.reason)}）` : ''}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
        </section>
      )}
    </div>
  );
}
