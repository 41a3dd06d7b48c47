import { useTranslation } from 'react-i18next';
import { useSignedInMe } from '../../app/use-me';
import { AreaHome } from '../home/area-home';
// The policy tiles' words come with the policies' messages.
import '../../i18n/policies';
// The fair and sharing tiles' words come with the labour programmes' messages.
import '../../i18n/labour';
// The registration and training tiles' words come with the assistance messages.
import '../../i18n/assistance';

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
        { key: 'charterBus', to: '/seeker/bus' },
        { key: 'notifications', to: '/seeker/notifications' },
        { key: 'savedSearches', to: '/seeker/saved-searches' },
        { key: 'policyCatalogue', to: '/seeker/policies' },
        { key: 'startupRecord', to: '/seeker/startup' },
        { key: 'jobFairs', to: '/seeker/fairs' },
        { key: 'sharingConsent', to: '/seeker/sharing' },
        { key: 'seekerRegistration', to: '/seeker/registration' },
        { key: 'training', to: '/seeker/training' },
      ]}
      modules={[]}
    />
  );
}
