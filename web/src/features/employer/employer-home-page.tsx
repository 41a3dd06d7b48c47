import { Alert, Card, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSignedInMe } from '../../app/use-me';
import { EnterpriseStatus } from '../enterprises/enterprise-summary';
import { useMyEnterprises } from '../enterprises/use-my-enterprises';
import { AreaHome } from '../home/area-home';
// The policy tile's words come with the policies' messages.
import '../../i18n/policies';
// The handover tile's words come with the buses' messages.
import '../../i18n/buses';
// The labour tiles' words come with the labour programmes' messages.
import '../../i18n/labour';
// The welfare-post tile's words come with the assistance messages.
import '../../i18n/assistance';

export function EmployerHomePage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const mine = useMyEnterprises();
  const enterprises = mine.data ?? [];
  return (
    <AreaHome
      me={me}
      title={t('areas.employer.title')}
      open={[
        { key: 'enterpriseVerify', to: '/employer/enterprise' },
        { key: 'postJobs', to: '/employer/postings' },
        { key: 'importJobs', to: '/employer/postings/import' },
        { key: 'busHandover', to: '/employer/buses' },
        { key: 'policyCatalogue', to: '/employer/policies' },
        { key: 'shortage', to: '/employer/shortages' },
        { key: 'sharedEmployment', to: '/employer/sharing' },
        { key: 'labourHub', to: '/employer/labour' },
        { key: 'monitoring', to: '/employer/monitoring' },
        { key: 'welfarePosts', to: '/employer/welfare-posts' },
      ]}
      after={
        mine.isSuccess && (
          <section aria-labelledby="my-enterprise-title" style={{ marginBottom: 24 }}>
            <Typography.Title level={2} id="my-enterprise-title">
              {t('enterprise.mine')}
            </Typography.Title>
            {enterprises.length === 0 ? (
              <Alert
                type="info"
                showIcon
                title={t('enterprise.noneYet')}
                action={<Link to="/employer/enterprise">{t('enterprise.registerNow')}</Link>}
              />
            ) : (
              <ul className="card-list">
                {enterprises.map((e) => (
                  <li key={e.id}>
                    <Card size="small">
                      <Link to="/employer/enterprise">{e.name}</Link> <EnterpriseStatus enterprise={e} />
                    </Card>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )
      }
      modules={[]}
    />
  );
}
