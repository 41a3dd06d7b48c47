import { Button, Card, Form, Input, Radio, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PhoneSchema, SELF_REGISTER_ROLES, type RegisterBody } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import {
  applyProblemToForm,
  displayNameRules,
  passwordPolicyRules,
  phoneRules,
  ProblemAlert,
  requiredRule,
} from '../../app/form-errors';
import { usePageTitle } from '../../app/page-title';
import { HOME_PATH } from '../../app/roles';
import { useSetMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import { register } from './api';
import { PasswordHints } from './password-hints';

type RegisterForm = RegisterBody;
const FIELDS = ['role', 'phone', 'password', 'displayName'] as const;

export function RegisterPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.register.title'));
  const locale = useLocale();
  const [form] = Form.useForm<RegisterForm>();
  const navigate = useNavigate();
  const setMe = useSetMe();
  const password = Form.useWatch('password', form) ?? '';
  const phone = Form.useWatch('phone', form) ?? '';

  const mutation = useMutation({
    mutationFn: (values: RegisterForm) =>
      register({ ...values, phone: PhoneSchema.parse(values.phone), displayName: values.displayName.trim() }),
    onSuccess: (me) => {
      setMe(me);
      void navigate(HOME_PATH[me.role], { replace: true });
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, FIELDS);
    },
  });

  return (
    <div className="page page--narrow">
      <Card>
        <Typography.Title level={1}>{t('auth.register.title')}</Typography.Title>
        <ProblemAlert error={mutation.error} fieldNames={FIELDS} />
        <Form<RegisterForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ role: 'seeker' }}
          onFinish={(values) => mutation.mutate(values)}
        >
          <Form.Item name="role" label={t('auth.register.role')} rules={[requiredRule(locale)]}>
            <Radio.Group aria-label={t('auth.register.role')} className="role-options">
              {SELF_REGISTER_ROLES.map((role) => (
                <Radio key={role} value={role}>
                  <strong>{t(`roles.${role}`)}</strong>
                  <span className="role-options__hint">{t(`auth.register.roleHint.${role}`)}</span>
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="phone" label={t('auth.phone')} rules={phoneRules(locale)} validateTrigger="onBlur">
            <Input type="tel" inputMode="tel" autoComplete="tel" placeholder={t('auth.phonePlaceholder')} />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={passwordPolicyRules(locale, () => form.getFieldValue('phone') as string | undefined)}
            dependencies={['phone']}
            extra={<PasswordHints id="register-password-hints" password={password} phone={phone} />}
          >
            <Input.Password autoComplete="new-password" aria-describedby="register-password-hints" />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t('auth.register.displayName')}
            extra={t('auth.register.displayNameHelp')}
            rules={displayNameRules(locale)}
          >
            <Input autoComplete="name" maxLength={60} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={mutation.isPending}>
            {t('auth.register.submit')}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
          {t('auth.register.haveAccount')} <Link to="/login">{t('auth.register.loginLink')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
