import { useTranslation } from 'react-i18next';
import type { Role } from '@jiuye/shared';
import { useSignedInMe } from '../../app/use-me';
import { AreaHome, type OpenModule } from '../home/area-home';
// The tiles' words come with the labour programmes' messages.
import '../../i18n/labour';
// The training and graduate tiles' words come with the assistance messages.
import '../../i18n/assistance';

// Colleges place graduates; agencies deliver purchased recruitment services; partner-region
// officers refer their region's seekers to jobs targeted at it (domain.md, issue 6).
function openFor(role: Role): readonly OpenModule[] {
  if (role === 'college')
    return [
      { key: 'cohorts', to: '/partner/college' },
      { key: 'trainingCourses', to: '/partner/training' },
      { key: 'graduateRegistry', to: '/partner/graduates' },
    ];
  if (role === 'agency')
    return [
      { key: 'agencyContracts', to: '/partner/agency' },
      { key: 'trainingCourses', to: '/partner/training' },
    ];
  if (role === 'partner') return [{ key: 'regionWork', to: '/partner/region' }];
  return [];
}

export function PartnerHomePage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  return <AreaHome me={me} title={t('areas.partner.title')} open={openFor(me.role)} modules={[]} />;
}
