import { Result, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppShell } from '../layouts/app-shell';
import { usePageTitle } from '../page-title';

export function ForbiddenPage({ homePath }: { homePath: string }) {
  const { t } = useTranslation();
  usePageTitle(t('errors.forbiddenTitle'));
  return (
    <AppShell>
      <Result
        status="403"
        title={<Typography.Title level={1}>{t('errors.forbiddenTitle')}</Typography.Title>}
        subTitle={t('errors.forbiddenText')}
        extra={<Link to={homePath}>{t('common.backHome')}</Link>}
      />
    </AppShell>
  );
}
