import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSignedInMe } from '../../app/use-me';
import { AreaHome } from '../home/area-home';
import { isCityWideStaffCodes } from '../policies/city-wide';
// The policy tiles' words come with the policies' messages.
import '../../i18n/policies';
// The bus tiles' words come with the buses' messages.
import '../../i18n/buses';
// The labour tiles' words come with the labour programmes' messages.
import '../../i18n/labour';
// The assistance tiles' words come with the assistance messages.
import '../../i18n/assistance';
import { useDistrictNames } from '../reference/api';

export function StaffHomePage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const districts = useDistrictNames(me.districtCodes);
  const cityWide = isCityWideStaffCodes(me.districtCodes);
  return (
    <AreaHome
      me={me}
      title={t('areas.staff.title')}
      open={[
        { key: 'registrationDesk', to: '/staff/desk' },
        { key: 'caseWorkspace', to: '/staff/cases' },
        { key: 'review', to: '/staff/review' },
        { key: 'enterpriseVerification', to: '/staff/enterprises' },
        { key: 'dispatch', to: '/staff/buses' },
        { key: 'busTrips', to: '/staff/buses/trips' },
        { key: 'busBoarding', to: '/staff/buses/boarding' },
        { key: 'policyReview', to: '/staff/policy-review' },
        ...(cityWide
          ? ([
              { key: 'policyBureau', to: '/staff/policy-approval' },
              { key: 'policyNotices', to: '/staff/policy-notices' },
              { key: 'policyPayouts', to: '/staff/payouts' },
              { key: 'policyManage', to: '/staff/policies' },
            ] as const)
          : []),
        { key: 'policyProactive', to: '/staff/proactive' },
        { key: 'shortageBoard', to: '/staff/shortages' },
        { key: 'matching', to: '/staff/colleges' },
        { key: 'keyEnterprises', to: '/staff/key-enterprises' },
        { key: 'partnerRegions', to: '/staff/partner-regions' },
        { key: 'fairManage', to: '/staff/fairs' },
        { key: 'personRegistry', to: '/staff/persons' },
        { key: 'graduateRegistry', to: '/staff/graduates' },
        { key: 'welfarePosts', to: '/staff/welfare-posts' },
        { key: 'trainingCourses', to: '/staff/training' },
        { key: 'ecommerce', to: '/staff/ecommerce' },
        { key: 'labourMonitoring', to: '/staff/alerts' },
      ]}
      modules={[]}
    >
      <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
        {t('home.districts', { districts: districts.length > 0 ? districts.join('、') : t('common.none') })}
      </Typography.Paragraph>
    </AreaHome>
  );
}
