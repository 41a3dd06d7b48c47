import { Flex, Typography } from 'antd';
import { KeyOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../app/button-link';
import { useSignedInMe } from '../../app/use-me';
import { AreaHome } from '../home/area-home';

export function AdminHomePage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  return (
    <AreaHome me={me} title={t('areas.admin.title')} modules={['referenceData', 'settings']}>
      <Typography.Paragraph style={{ marginTop: 8 }}>{t('admin.homeIntro')}</Typography.Paragraph>
      <Flex wrap gap={12}>
        <ButtonLink to="/admin/users" type="primary" icon={<TeamOutlined aria-hidden />}>
          {t('admin.users.title')}
        </ButtonLink>
        <ButtonLink to="/admin/api-tokens" icon={<KeyOutlined aria-hidden />}>
          {t('admin.tokens.title')}
        </ButtonLink>
      </Flex>
    </AreaHome>
  );
}
