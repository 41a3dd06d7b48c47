import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { KeyGroupMembership, KeyGroupTag } from '@jiuye/shared';
import { formatDate, formatDateTime } from '../../app/format';
import { useLabels } from '../../app/labels';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { assistanceKeys, listFacts } from './api';
import { useAssistanceLabels } from './labels';

type Evidence = KeyGroupMembership['evidence'][number];

/** Fact names → label, unit and value names in the UI language, from the public fact registry. */
function useFactLabels() {
  const locale = useLocale();
  const facts = useQuery({ queryKey: assistanceKeys.facts, queryFn: listFacts, staleTime: Infinity });
  const byName = new Map((facts.data ?? []).map((f) => [f.name, f]));
  return (name: string) => {
    const f = byName.get(name);
    const en = locale === 'en-US';
    return {
      label: f ? (en ? f.labelEn : f.labelZh) : name,
      unit: (f ? (en ? f.unitEn : f.unitZh) : undefined) ?? '',
      valueName: (v: string) => {
        const named = f?.valueLabels?.[v];
        return named ? (en ? named.en : named.zh) : undefined;
      },
    };
  };
}

/** "性别：女", "年龄：45 岁": each fact the rule read, and its value then. */
function EvidenceList({ evidence }: { evidence: Evidence[] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const fact = useFactLabels();
  if (evidence.length === 0) return null;
  return (
    <ul className="evidence-list" aria-label={t('assistance.keyGroups.evidence')}>
      {evidence.map((e) => {
        const { label, unit, valueName } = fact(e.fact);
        const v = e.value;
        let shown: string;
        if (v === null) shown = '—';
        else if (typeof v === 'boolean') shown = v ? t('common.yes') : t('common.no');
        else if (Array.isArray(v)) shown = v.map((x) => valueName(x) ?? labels.keyGroup(x)).join('、');
        else if (typeof v === 'string') shown = valueName(v) ?? labels.gender(v);
        else shown = unit ? `${v} ${unit}` : String(v);
        return (
          <li key={e.fact}>
            {label}：{shown}
          </li>
        );
      })}
    </ul>
  );
}

/** Key groups as short chips (lists): unconfirmed ones say so. */
export function KeyGroupTags({ tags }: { tags: KeyGroupTag[] }) {
  const { t } = useTranslation();
  const labels = useAssistanceLabels();
  if (tags.length === 0) return <span className="muted">{t('assistance.keyGroups.none')}</span>;
  return (
    <span className="chip-row">
      {tags.map((g) => (
        <StatusChip key={g.group} tone={g.confirmed ? 'info' : 'warning'}>
          {labels.named(g)}
          {!g.confirmed && <span>（{t('assistance.keyGroups.unconfirmed')}）</span>}
        </StatusChip>
      ))}
    </span>
  );
}

/**
 * Classifications with their evidence and validity. Proposals from the rules wait for an officer's
 * confirmation (`action` renders the button where the page allows it).
 */
export function MembershipList({
  memberships,
  action,
  headingLevel = 3,
}: {
  memberships: KeyGroupMembership[];
  action?: (m: KeyGroupMembership) => ReactNode;
  headingLevel?: 3 | 4;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useAssistanceLabels();
  if (memberships.length === 0) {
    return <Typography.Paragraph>{t('assistance.keyGroups.noneProposed')}</Typography.Paragraph>;
  }
  return (
    <ul className="card-list membership-list">
      {memberships.map((m) => (
        <li key={m.id}>
          <article className="membership" aria-labelledby={`membership-${m.id}`}>
            <Typography.Title level={headingLevel} id={`membership-${m.id}`} className="membership__title">
              {labels.named(m)}{' '}
              {m.status === 'ended' ? (
                <StatusChip tone="neutral">{t('assistance.keyGroups.ended')}</StatusChip>
              ) : m.confirmedAt ? (
                <StatusChip tone="success">{t('assistance.keyGroups.confirmed')}</StatusChip>
              ) : (
                <StatusChip tone="warning">{t('assistance.keyGroups.proposed')}</StatusChip>
              )}
            </Typography.Title>
            <p className="membership__meta">
              {t('assistance.keyGroups.since', { date: formatDate(m.since, locale) })}
              {m.validUntil &&
                ` · ${t('assistance.keyGroups.validUntil', { date: formatDate(m.validUntil, locale) })}`}
              {m.endedOn &&
                ` · ${t('assistance.keyGroups.endedOn', { date: formatDate(m.endedOn, locale) })}`}
              {m.confirmedAt &&
                ` · ${t('assistance.keyGroups.confirmedBy', {
                  name: m.confirmedByName ?? '—',
                  time: formatDateTime(m.confirmedAt, locale),
                })}`}
            </p>
            <EvidenceList evidence={m.evidence} />
            {action?.(m)}
          </article>
        </li>
      ))}
    </ul>
  );
}
