import { Button, Card, Form, Input, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PhoneSchema } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, phoneRules, ProblemAlert, requiredRule } from '../../app/form-errors';
import { usePageTitle } from '../../app/page-title';
import { landingPathFor } from '../../app/roles';
import { useSetMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import { login } from './api';

type LoginForm = { phone: string; password: string };
const FIELDS = ['phone', 'password'] as const;

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.login.title'));
  const locale = useLocale();
  const [form] = Form.useForm<LoginForm>();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const setMe = useSetMe();
  const next = params.get('next');

  const mutation = useMutation({
    mutationFn: (values: LoginForm) =>
      login({ phone: PhoneSchema.parse(values.phone), password: values.password }),
    onSuccess: (me) => {
      setMe(me);
      const target = landingPathFor(me.role, next);
      // Issue 9: staff, admins and auditors complete the second factor (or set it up) first.
      if (me.mfa === 'required' || me.mfa === 'enrol') {
        void navigate(`/login/verify?next=${encodeURIComponent(target)}`, { replace: true });
        return;
      }
      void navigate(me.mustChangePassword ? `/change-password?next=${encodeURIComponent(target)}` : target, {
        replace: true,
      });
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, FIELDS);
    },
  });

  return (
    <div className="page page--narrow">
      <Card>
        <Typography.Title level={1}>{t('auth.login.title')}</Typography.Title>
        <ProblemAlert error={mutation.error} fieldNames={FIELDS} />
        <Form<LoginForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => mutation.mutate(values)}
        >
          <Form.Item name="phone" label={t('auth.phone')} rules={phoneRules(locale)} validateTrigger="onBlur">
            <Input
              type="tel"
              inputMode="tel"
              autoComplete="username"
              placeholder={t('auth.phonePlaceholder')}
            />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[requiredRule(locale)]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={mutation.isPending}>
            {t('auth.login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
          {t('auth.login.noAccount')} <Link to="/register">{t('auth.login.registerLink')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
