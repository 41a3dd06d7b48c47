import { Button, Result, Spin, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppShell } from '../layouts/app-shell';
import { usePageTitle } from '../page-title';
import { ProblemAlert } from '../form-errors';

/** While the session is being checked: the shell, a spinner and a text for screen readers. */
export function LoadingPage() {
  return (
    <AppShell>
      <PageSpinner />
    </AppShell>
  );
}

export function PageSpinner() {
  const { t } = useTranslation();
  return (
    <div role="status" style={{ display: 'flex', justifyContent: 'center', padding: 48 }}>
      <Spin aria-hidden />
      <span className="sr-only">{t('common.loading')}</span>
    </div>
  );
}

export function LoadErrorPage({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  usePageTitle(t('common.loadFailed'));
  return (
    <AppShell>
      <div className="page">
        <Typography.Title level={1}>{t('common.loadFailed')}</Typography.Title>
        <ProblemAlert error={error} />
        <Button onClick={onRetry}>{t('common.retry')}</Button>
      </div>
    </AppShell>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('errors.notFoundTitle'));
  return (
    <AppShell>
      <Result
        status="404"
        title={<Typography.Title level={1}>{t('errors.notFoundTitle')}</Typography.Title>}
        subTitle={t('errors.notFoundText')}
        extra={<Link to="/">{t('common.backHome')}</Link>}
      />
    </AppShell>
  );
}
