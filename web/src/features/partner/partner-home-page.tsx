import { useTranslation } from 'react-i18next';
import { useSignedInMe } from '../../app/use-me';
import { AreaHome, type ModuleKey } from '../home/area-home';

// Colleges place graduates; agencies deliver purchased recruitment services (domain.md).
const COLLEGE_MODULES: readonly ModuleKey[] = ['cohorts', 'matching'];
const AGENCY_MODULES: readonly ModuleKey[] = ['agencyServices', 'matching'];

export function PartnerHomePage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  return (
    <AreaHome
      me={me}
      title={t('areas.partner.title')}
      modules={me.role === 'college' ? COLLEGE_MODULES : AGENCY_MODULES}
    />
  );
}
