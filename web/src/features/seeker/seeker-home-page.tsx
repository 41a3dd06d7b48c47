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
      open={[
        { key: 'jobSearch', to: '/seeker/jobs' },
        { key: 'recommendations', to: '/seeker/recommendations' },
        { key: 'resume', to: '/seeker/resume' },
        { key: 'myApplications', to: '/seeker/applications' },
        { key: 'notifications', to: '/seeker/notifications' },
        { key: 'savedSearches', to: '/seeker/saved-searches' },
      ]}
      modules={['charterBus', 'seekerRegistration', 'startupSupport', 'training']}
    />
  );
}
