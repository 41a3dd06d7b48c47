import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import {
  applyProblemToForm,
  checkRule,
  passwordPolicyRules,
  ProblemAlert,
  requiredRule,
} from '../../app/form-errors';
import { usePageTitle } from '../../app/page-title';
import { landingPathFor } from '../../app/roles';
import { meQueryKey, useSignedInMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import { changePassword } from './api';
import { PasswordHints } from './password-hints';
import { useReauth } from './reauth-dialog';

type ChangePasswordForm = { currentPassword: string; newPassword: string; confirm: string };
const FIELDS = ['currentPassword', 'newPassword'] as const;

/** Also the forced first stop after an admin-issued or reset password (Me.mustChangePassword). */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.changePassword.title'));
  const locale = useLocale();
  const me = useSignedInMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangePasswordForm>();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  // Issue 9: a password change is a sensitive change (re-authentication after 5 minutes).
  const { withReauth, dialog } = useReauth();

  const mutation = useMutation({
    mutationFn: (values: ChangePasswordForm) =>
      withReauth(() =>
        changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword }),
      ),
    onSuccess: async () => {
      // Me.mustChangePassword flips to false; wait for it so the guard lets the user through.
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      void message.success(t('auth.changePassword.success'));
      void navigate(landingPathFor(me.role, params.get('next')), { replace: true });
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, FIELDS);
    },
  });

  return (
    <div className="page page--narrow">
      <Card>
        <Typography.Title level={1}>{t('auth.changePassword.title')}</Typography.Title>
        {me.mustChangePassword && (
          <Alert
            type="warning"
            showIcon
            title={t('auth.changePassword.forced')}
            style={{ marginBottom: 16 }}
          />
        )}
        <ProblemAlert error={mutation.error} fieldNames={FIELDS} />
        <Form<ChangePasswordForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => mutation.mutate(values)}
        >
          <Form.Item
            name="currentPassword"
            label={t('auth.changePassword.current')}
            rules={[requiredRule(locale)]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('auth.changePassword.new')}
            // The masked phone in Me cannot be checked here; the server checks it.
            rules={passwordPolicyRules(locale, () => undefined)}
            extra={<PasswordHints id="new-password-hints" password={newPassword} />}
          >
            <Input.Password autoComplete="new-password" aria-describedby="new-password-hints" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('auth.changePassword.confirm')}
            dependencies={['newPassword']}
            rules={[
              requiredRule(locale),
              ({ getFieldValue }) =>
                checkRule((value) =>
                  value && value !== getFieldValue('newPassword') ? t('auth.changePassword.mismatch') : null,
                ),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={mutation.isPending}>
            {t('auth.changePassword.submit')}
          </Button>
        </Form>
        {dialog}
      </Card>
    </div>
  );
}
