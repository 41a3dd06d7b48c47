import { useTranslation } from 'react-i18next';
import { useSignedInMe } from '../../app/use-me';
import { AreaHome } from '../home/area-home';

export function EmployerHomePage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  return (
    <AreaHome
      me={me}
      title={t('areas.employer.title')}
      modules={['enterpriseVerify', 'postJobs', 'shortage', 'sharedEmployment', 'policies', 'monitoring']}
    />
  );
}
