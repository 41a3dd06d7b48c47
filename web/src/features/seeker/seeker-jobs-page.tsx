import { Result, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';

/** The tab exists so the tab bar keeps its place; the page says plainly that search is not open. */
export function SeekerJobsPage() {
  const { t } = useTranslation();
  usePageTitle(t('modules.jobSearch.title'));
  return (
    <div className="page">
      <Result
        icon={<ClockCircleOutlined aria-hidden />}
        title={<Typography.Title level={1}>{t('modules.jobSearch.title')}</Typography.Title>}
        subTitle={`${t('common.comingSoon')}: ${t('modules.jobSearch.desc')}`}
      />
    </div>
  );
}
