import { Alert, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../app/form-errors';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { useLocale } from '../../i18n';
import { useMyEnterprises } from '../enterprises/use-my-enterprises';
import { getPolicy, policyKeys } from '../policies/api';
import { PolicyFacts } from '../policies/components';
import { policyName } from '../policies/labels';
import { usePolicyPaths } from '../policies/paths';
import { ApplicationForm } from './application-form';
import '../policies/policies.css';

/** A new application for one policy (the catalogue's "apply" button leads here). */
export function ApplyPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { code = '' } = useParams();
  const paths = usePolicyPaths();
  const policy = useQuery({ queryKey: policyKeys.one(code), queryFn: () => getPolicy(code) });
  const enterprises = useMyEnterprises();
  const p = policy.data;
  const title = p
    ? t('policies.apply.title', { name: policyName(p, locale) })
    : t('policies.apply.titlePlain');
  usePageTitle(title);
  const waitingForEnterprises = p?.applicantType === 'enterprise' && enterprises.isPending;
  return (
    <div className="page page--reading">
      <p>
        <Link to={paths.policy(code)}>{t('policies.apply.backToPolicy')}</Link>
      </p>
      <Typography.Title level={1}>{title}</Typography.Title>
      {(policy.isPending || waitingForEnterprises) && <PageSpinner />}
      <ProblemAlert error={policy.error ?? enterprises.error} />
      {p && !waitingForEnterprises && (
        <>
          <details className="timeline-details" style={{ marginBottom: 16 }}>
            <summary>{t('policies.apply.aboutPolicy')}</summary>
            <PolicyFacts policy={p} />
          </details>
          {!p.inEffect && (
            <Alert
              type="warning"
              showIcon
              title={t('policies.check.notInEffect')}
              style={{ marginBottom: 12 }}
            />
          )}
          <ApplicationForm policy={p} />
        </>
      )}
    </div>
  );
}
