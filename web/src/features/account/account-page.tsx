import { App, Button, Card, Descriptions, Form, Input, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { ButtonLink } from '../../app/button-link';
import { applyProblemToForm, displayNameRules, ProblemAlert } from '../../app/form-errors';
import { usePageTitle } from '../../app/page-title';
import { HOME_PATH } from '../../app/roles';
import { useSetMe, useSignedInMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import { updateMe } from '../auth/api';
import { useDistrictNames } from '../reference/api';
import { formatDateTime } from '../../app/format';
import { Link } from 'react-router';
import { usePrivacyT } from '../privacy/messages';
import { ChangePhoneCard, MySessionsCard, SecondFactorCard } from './account-security';

type NameForm = { displayName: string };
const FIELDS = ['displayName'] as const;

export function AccountPage() {
  const { t } = useTranslation();
  const pt = usePrivacyT();
  usePageTitle(t('account.title'));
  const locale = useLocale();
  const me = useSignedInMe();
  const setMe = useSetMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<NameForm>();
  const districtNames = useDistrictNames(me.districtCodes);

  const mutation = useMutation({
    mutationFn: (values: NameForm) => updateMe({ displayName: values.displayName.trim() }),
    onSuccess: (updated: Me) => {
      setMe(updated);
      void message.success(t('account.saved'));
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, FIELDS);
    },
  });

  return (
    <div className="page" style={{ maxWidth: 720 }}>
      <Typography.Title level={1}>{t('account.title')}</Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t('account.profile')}
        </Typography.Title>
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('account.displayName')}>{me.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('account.phone')}>{me.phone}</Descriptions.Item>
          <Descriptions.Item label={t('account.role')}>{t(`roles.${me.role}`)}</Descriptions.Item>
          {me.districtCodes.length > 0 && (
            <Descriptions.Item label={t('account.districts')}>{districtNames.join('、')}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('account.createdAt')}>
            {formatDateTime(me.createdAt, locale)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t('account.editName')}
        </Typography.Title>
        <ProblemAlert error={mutation.error} fieldNames={FIELDS} />
        <Form<NameForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ displayName: me.displayName }}
          onFinish={(values) => mutation.mutate(values)}
        >
          <Form.Item name="displayName" label={t('account.displayName')} rules={displayNameRules(locale)}>
            <Input maxLength={60} autoComplete="name" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={mutation.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      <ChangePhoneCard />
      {me.mfa === 'verified' && <SecondFactorCard />}
      <MySessionsCard />
      <Card style={{ marginBottom: 16 }}>
        <Link to="../privacy" relative="path">
          {pt('privacy.accountLink')}
        </Link>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {pt('privacy.accountLinkDesc')}
        </Typography.Paragraph>
      </Card>
      <ButtonLink to={`/change-password?next=${encodeURIComponent(`${HOME_PATH[me.role]}/account`)}`}>
        {t('account.changePassword')}
      </ButtonLink>
    </div>
  );
}
