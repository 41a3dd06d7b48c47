import { Button, Result, Typography } from 'antd';
import { useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppShell } from '../layouts/app-shell';
import { usePageTitle } from '../page-title';

/**
 * A render error or a lazy chunk that failed to load (typically: a new version was deployed
 * while the page was open). Reloading fetches the current chunks.
 */
export function RouteErrorPage() {
  const { t } = useTranslation();
  usePageTitle(t('common.loadFailed'));
  const error = useRouteError();
  console.error(error);
  return (
    <AppShell>
      <Result
        status="warning"
        title={<Typography.Title level={1}>{t('common.loadFailed')}</Typography.Title>}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('common.retry')}
          </Button>
        }
      />
    </AppShell>
  );
}
