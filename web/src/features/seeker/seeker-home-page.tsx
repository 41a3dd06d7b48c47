import { useTranslation } from 'react-i18next';
import { useSignedInMe } from '../../app/use-me';
import { AreaHome } from '../home/area-home';

export function SeekerHomePage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  return (
    <AreaHome
      me={me}
      title={t('areas.seeker.title')}
      modules={['jobSearch', 'charterBus', 'seekerRegistration', 'startupSupport', 'training']}
    />
  );
}
