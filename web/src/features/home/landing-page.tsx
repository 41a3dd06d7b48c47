import { Alert, Card, Flex, Typography } from 'antd';
import { ApartmentOutlined, BankOutlined, ShopOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../app/button-link';
import { usePageTitle } from '../../app/page-title';
import { useMe } from '../../app/use-me';
import { AREA_OF, HOME_PATH } from '../../app/roles';

export function LandingPage() {
  const { t } = useTranslation();
  usePageTitle(t('landing.title'));
  const me = useMe();
  const audiences = [
    {
      key: 'seeker',
      icon: <TeamOutlined aria-hidden />,
      title: t('roles.seeker'),
      text: t('landing.whoSeeker'),
    },
    {
      key: 'employer',
      icon: <ShopOutlined aria-hidden />,
      title: t('roles.employer'),
      text: t('landing.whoEmployer'),
    },
    {
      key: 'partner',
      icon: <ApartmentOutlined aria-hidden />,
      title: `${t('roles.college')} / ${t('roles.agency')}`,
      text: t('landing.whoPartner'),
    },
    {
      key: 'staff',
      icon: <BankOutlined aria-hidden />,
      title: t('roles.staff'),
      text: t('landing.whoStaff'),
    },
  ];
  return (
    <div className="page">
      <section aria-labelledby="landing-title" style={{ padding: '16px 0 24px' }}>
        <Typography.Title level={1} id="landing-title">
          {t('landing.title')}
        </Typography.Title>
        <Typography.Paragraph style={{ fontSize: '1.125rem', maxWidth: 720 }}>
          {t('landing.lead')}
        </Typography.Paragraph>
        <Flex wrap gap={12}>
          {me.data && !me.data.mustChangePassword ? (
            <ButtonLink to={HOME_PATH[me.data.role]} type="primary" size="large">
              {t(`areas.${AREA_OF[me.data.role]}.title`)}
            </ButtonLink>
          ) : (
            <>
              <ButtonLink to="/register" type="primary" size="large">
                {t('landing.register')}
              </ButtonLink>
              <ButtonLink to="/login" size="large">
                {t('landing.login')}
              </ButtonLink>
            </>
          )}
        </Flex>
      </section>
      <section aria-labelledby="landing-who">
        <Typography.Title level={2} id="landing-who">
          {t('landing.whoTitle')}
        </Typography.Title>
        <ul className="module-grid" style={{ listStyle: 'none', padding: 0, margin: '0 0 24px' }}>
          {audiences.map((a) => (
            <li key={a.key}>
              <Card size="small" style={{ height: '100%' }}>
                <Typography.Title level={3} style={{ marginTop: 0 }}>
                  <span style={{ marginRight: 8 }}>{a.icon}</span>
                  {a.title}
                </Typography.Title>
                <Typography.Paragraph style={{ marginBottom: 0 }}>{a.text}</Typography.Paragraph>
              </Card>
            </li>
          ))}
        </ul>
      </section>
      <Alert type="info" showIcon title={t('landing.status')} />
    </div>
  );
}
