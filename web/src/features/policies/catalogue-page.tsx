import { useState } from 'react';
import { Alert, Card, Input, Pagination, Select, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { POLICY_KINDS, SUBJECT_TYPES, type PolicyKind, type SubjectType } from '@jiuye/shared';
import { ProblemAlert } from '../../app/form-errors';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { listPolicies, policyKeys, type Policy } from './api';
import { EffectivePeriod, RuleChecklist } from './components';
import { policyName, usePolicyLabels, useRuleWords, yuan } from './labels';
import { usePolicyPaths } from './paths';
import { amountWords } from './rule-words';
import './policies.css';

function isKind(v: string | null): v is PolicyKind {
  return v !== null && (POLICY_KINDS as readonly string[]).includes(v);
}
function isSubjectType(v: string | null): v is SubjectType {
  return v !== null && (SUBJECT_TYPES as readonly string[]).includes(v);
}

/**
 * The catalogue, public and inside the applicant areas: filters by kind and applicant type, each
 * policy with its conditions in plain words, the documents, the amount and the effective period.
 */
export function CataloguePage() {
  const { t } = useTranslation();
  usePageTitle(t('policies.catalogue.title'));
  const labels = usePolicyLabels();
  const paths = usePolicyPaths();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const typeParam = params.get('applicantType');
  const kind = isKind(kindParam) ? kindParam : undefined;
  const applicantType = isSubjectType(typeParam) ? typeParam : undefined;
  const q = params.get('q') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [search, setSearch] = useState(q ?? '');
  const query = { kind, applicantType, q, page, pageSize: 20 };
  const list = useQuery({
    queryKey: policyKeys.list(query),
    queryFn: () => listPolicies(query),
    placeholderData: keepPreviousData,
  });
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  return (
    <div className="page page--reading">
      <Typography.Title level={1}>{t('policies.catalogue.title')}</Typography.Title>
      <Typography.Paragraph>{t('policies.catalogue.intro')}</Typography.Paragraph>
      {paths.mine && (
        <Typography.Paragraph>
          <Link to={paths.mine}>{t('policies.mine.title')}</Link>
        </Typography.Paragraph>
      )}
      <div className="toolbar" role="search">
        <Input.Search
          aria-label={t('policies.catalogue.search')}
          placeholder={t('policies.catalogue.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined, page: undefined })}
          enterButton={t('common.search')}
          allowClear
          style={{ maxWidth: 320 }}
        />
        <Select<string>
          aria-label={t('policies.catalogue.kindFilter')}
          value={kind ?? ''}
          onChange={(v) => set({ kind: v || undefined, page: undefined })}
          options={[
            { value: '', label: t('policies.catalogue.allKinds') },
            ...POLICY_KINDS.map((k) => ({ value: k, label: labels.kind(k) })),
          ]}
          style={{ minWidth: 200 }}
        />
        <Select<string>
          aria-label={t('policies.catalogue.typeFilter')}
          value={applicantType ?? ''}
          onChange={(v) => set({ applicantType: v || undefined, page: undefined })}
          options={[
            { value: '', label: t('policies.catalogue.allTypes') },
            ...SUBJECT_TYPES.map((s) => ({ value: s, label: labels.subjectType(s) })),
          ]}
          style={{ minWidth: 140 }}
        />
      </div>
      <ProblemAlert error={list.error} />
      {list.isPending && <PageSpinner />}
      {list.data && (
        <p role="status" className="muted">
          {t('common.total', { total: list.data.total })}
        </p>
      )}
      {list.data?.items.length === 0 && <Alert type="info" showIcon title={t('policies.catalogue.empty')} />}
      {list.data && list.data.items.length > 0 && (
        <ul className="card-list">
          {list.data.items.map((p) => (
            <li key={p.id}>
              <PolicyCard policy={p} to={paths.policy(p.code)} />
            </li>
          ))}
        </ul>
      )}
      {list.data && list.data.total > list.data.pageSize && (
        <Pagination
          current={page}
          pageSize={list.data.pageSize}
          total={list.data.total}
          showSizeChanger={false}
          onChange={(p) => set({ page: String(p) })}
        />
      )}
    </div>
  );
}

function PolicyCard({ policy: p, to }: { policy: Policy; to: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = usePolicyLabels();
  const ctx = useRuleWords(p.formFields);
  const summary = locale === 'zh-CN' ? p.summaryZh : p.summaryEn;
  const headingId = `policy-${p.id}`;
  return (
    <article aria-labelledby={headingId}>
      <Card size="small">
        <h2 className="card-heading" id={headingId}>
          <Link to={to}>{policyName(p, locale)}</Link>
        </h2>
        <p>
          <StatusChip tone="info">{labels.kind(p.kind)}</StatusChip>{' '}
          <StatusChip tone="neutral">
            {t('policies.catalogue.for', { type: labels.subjectType(p.applicantType) })}
          </StatusChip>{' '}
          {p.inEffect ? (
            <StatusChip tone="success">{t('policies.catalogue.inEffect')}</StatusChip>
          ) : (
            <StatusChip tone="neutral">{t('policies.catalogue.notInEffect')}</StatusChip>
          )}
        </p>
        {summary && <Typography.Paragraph>{summary}</Typography.Paragraph>}
        <dl className="policy-facts">
          <div>
            <dt>{t('policies.catalogue.effective')}</dt>
            <dd>
              <EffectivePeriod policy={p} />
            </dd>
          </div>
          <div>
            <dt>{t('policies.catalogue.amount')}</dt>
            <dd>{amountWords(p.amount, p.amountCapFen, ctx, (fen) => yuan(fen, locale))}</dd>
          </div>
          <div>
            <dt>{t('policies.catalogue.documents')}</dt>
            <dd>
              {p.requiredDocuments.length === 0
                ? t('policies.catalogue.noDocuments')
                : p.requiredDocuments
                    .map((d) => (locale === 'zh-CN' ? d.nameZh : d.nameEn))
                    .join(locale === 'zh-CN' ? '、' : ', ')}
            </dd>
          </div>
        </dl>
        <h3 className="policy-subheading">{t('policies.catalogue.conditions')}</h3>
        <RuleChecklist
          rule={p.eligibility}
          formFields={p.formFields}
          label={t('policies.catalogue.conditionsOf', { name: policyName(p, locale) })}
        />
        <Link to={to}>
          {t('policies.catalogue.detailAndCheck')}
          <span className="sr-only"> {policyName(p, locale)}</span>
        </Link>
      </Card>
    </article>
  );
}
