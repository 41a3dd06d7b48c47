import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSignedInMe } from '../../app/use-me';
import { AreaHome } from '../home/area-home';
import { useDistrictNames } from '../reference/api';

export function StaffHomePage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const districts = useDistrictNames(me.districtCodes);
  return (
    <AreaHome
      me={me}
      title={t('areas.staff.title')}
      open={[
        { key: 'review', to: '/staff/review' },
        { key: 'enterpriseVerification', to: '/staff/enterprises' },
      ]}
      modules={['matching', 'dispatch', 'policyApproval', 'keyGroups', 'labourMonitoring']}
    >
      <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
        {t('home.districts', { districts: districts.length > 0 ? districts.join('、') : t('common.none') })}
      </Typography.Paragraph>
    </AreaHome>
  );
}
