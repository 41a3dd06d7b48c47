import { Alert, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../app/button-link';
import { ProblemAlert } from '../../app/form-errors';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { useMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import { getPolicy, policyKeys } from './api';
import { DocumentList, PolicyFacts, RuleChecklist } from './components';
import { policyName } from './labels';
import { usePolicyPaths } from './paths';
import { AnonymousCheck, SignedInCheck } from './self-check';
import './policies.css';

/** One policy: what it gives, to whom, on which conditions and papers; a self-check; apply. */
export function PolicyPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { code = '' } = useParams();
  const paths = usePolicyPaths();
  const me = useMe();
  const policy = useQuery({ queryKey: policyKeys.one(code), queryFn: () => getPolicy(code) });
  const p = policy.data;
  usePageTitle(p ? policyName(p, locale) : t('policies.catalogue.title'));
  const user = me.data && !me.data.mustChangePassword ? me.data : null;
  const applyPath = p ? paths.apply(p.code) : null;
  const canApply =
    p !== undefined &&
    p.inEffect &&
    user !== null &&
    ((p.applicantType === 'enterprise' && user.role === 'employer') ||
      (p.applicantType === 'person' && user.role === 'seeker'));
  const summary = p ? (locale === 'zh-CN' ? p.summaryZh : p.summaryEn) : '';

  return (
    <div className="page page--reading">
      <p>
        <Link to={paths.catalogue}>{t('policies.catalogue.back')}</Link>
      </p>
      {policy.isPending && <PageSpinner />}
      <ProblemAlert error={policy.error} />
      {p && (
        <>
          <Typography.Title level={1}>{policyName(p, locale)}</Typography.Title>
          {summary && <Typography.Paragraph className="pre-wrap">{summary}</Typography.Paragraph>}
          <PolicyFacts policy={p} />
          {canApply && applyPath && (
            <p>
              <ButtonLink to={applyPath} type="primary" size="large">
                {t('policies.apply.start')}
              </ButtonLink>
            </p>
          )}
          <section aria-labelledby="policy-conditions" className="policy-section">
            <Typography.Title level={2} id="policy-conditions">
              {t('policies.catalogue.conditions')}
            </Typography.Title>
            <RuleChecklist
              rule={p.eligibility}
              formFields={p.formFields}
              label={t('policies.catalogue.conditions')}
            />
          </section>
          <section aria-labelledby="policy-documents" className="policy-section">
            <Typography.Title level={2} id="policy-documents">
              {t('policies.catalogue.documents')}
            </Typography.Title>
            <DocumentList policy={p} />
          </section>
          {user?.role !== 'staff' && user?.role !== 'admin' && (
            <section aria-labelledby="policy-check" className="policy-section">
              <Typography.Title level={2} id="policy-check">
                {t('policies.check.title')}
              </Typography.Title>
              {!p.inEffect && (
                <Alert
                  type="warning"
                  showIcon
                  title={t('policies.check.notInEffect')}
                  style={{ marginBottom: 12 }}
                />
              )}
              {user ? (
                <SignedInCheck policy={p} me={user} />
              ) : (
                <>
                  <AnonymousCheck policy={p} />
                  <Typography.Paragraph style={{ marginTop: 12 }}>
                    <Link to={`/login?next=${encodeURIComponent(paths.policy(p.code))}`}>
                      {t('policies.check.signInToCheck')}
                    </Link>
                  </Typography.Paragraph>
                </>
              )}
            </section>
          )}
        </>
      )}
    </div>
  );
}
