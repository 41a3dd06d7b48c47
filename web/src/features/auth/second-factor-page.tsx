import { useState } from 'react';
import { Button, Card, Form, Input, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Navigate, useSearchParams } from 'react-router';
import { MeSchema, type Me } from '@jiuye/shared';
import { apiRequest, isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { usePageTitle } from '../../app/page-title';
import { landingPathFor } from '../../app/roles';
import { meQueryKey, useMe, useSetMe } from '../../app/use-me';
import { LoadingPage } from '../../app/pages/status-pages';
import { useLocale } from '../../i18n';
import { useLogout } from './api';
import { EnrolAuthenticator } from './enrol-authenticator';
import { OtpInput, OTP_RULE } from './otp-input';
import { verifyMfa } from './security-api';
import { useSecurityT } from './security-messages';

type VerifyForm = { code?: string; recoveryCode?: string };
const FIELDS = ['code', 'recoveryCode'] as const;

/**
 * The second sign-in step of staff, admins and auditors (issue 9): the authenticator code (or a
 * recovery code), or at first sign-in setting the authenticator up. The API lets such a session
 * do nothing else until then.
 */
export function SecondFactorPage() {
  const st = useSecurityT();
  const me = useMe();
  const [params] = useSearchParams();
  const setMe = useSetMe();
  const queryClient = useQueryClient();
  const enrol = me.data?.mfa === 'enrol';
  usePageTitle(st(enrol ? 'security.enrol.title' : 'security.verify.title'));

  // Once the session is verified the render below moves on: one navigation, never two racing.
  const proceed = (user: Me) => setMe(user);

  if (me.isPending) return <LoadingPage />;
  if (!me.data) return <Navigate to="/login" replace />;
  if (me.data.mfa !== 'enrol' && me.data.mfa !== 'required') {
    const target = landingPathFor(me.data.role, params.get('next'));
    return (
      <Navigate
        to={me.data.mustChangePassword ? `/change-password?next=${encodeURIComponent(target)}` : target}
        replace
      />
    );
  }
  return (
    <div className="page page--narrow">
      <Card>
        <Typography.Title level={1}>
          {st(enrol ? 'security.enrol.title' : 'security.verify.title')}
        </Typography.Title>
        {enrol ? (
          <EnrolAuthenticator
            onDone={() => {
              void apiRequest('/api/v1/me', {}, MeSchema).then(proceed, () =>
                queryClient.invalidateQueries({ queryKey: meQueryKey }),
              );
            }}
          />
        ) : (
          <CodeStep onVerified={proceed} />
        )}
        <CancelLink />
      </Card>
    </div>
  );
}

function CodeStep({ onVerified }: { onVerified: (me: Me) => void }) {
  const st = useSecurityT();
  const locale = useLocale();
  const [form] = Form.useForm<VerifyForm>();
  const [recovery, setRecovery] = useState(false);
  const mutation = useMutation({
    mutationFn: (v: VerifyForm) =>
      verifyMfa(recovery ? { recoveryCode: (v.recoveryCode ?? '').trim() } : { code: (v.code ?? '').trim() }),
    onSuccess: onVerified,
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, FIELDS);
    },
  });
  return (
    <>
      <Typography.Paragraph>{st('security.verify.intro')}</Typography.Paragraph>
      <ProblemAlert error={mutation.error} fieldNames={FIELDS} />
      <Form<VerifyForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => mutation.mutate(v)}
      >
        {recovery ? (
          <Form.Item
            name="recoveryCode"
            label={st('security.verify.recoveryCode')}
            extra={st('security.verify.recoveryHelp')}
            rules={[requiredRule(locale)]}
          >
            <Input autoComplete="off" className="mono" />
          </Form.Item>
        ) : (
          <Form.Item
            name="code"
            label={st('security.verify.code')}
            extra={st('security.verify.codeHelp')}
            rules={[requiredRule(locale), { ...OTP_RULE, message: st('security.verify.codeHelp') }]}
          >
            <OtpInput autoFocus />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block size="large" loading={mutation.isPending}>
          {st('security.verify.submit')}
        </Button>
      </Form>
      <Button
        type="link"
        style={{ paddingInline: 0, marginTop: 8 }}
        onClick={() => {
          mutation.reset();
          setRecovery(!recovery);
        }}
      >
        {st(recovery ? 'security.verify.useCode' : 'security.verify.useRecovery')}
      </Button>
    </>
  );
}

function CancelLink() {
  const st = useSecurityT();
  const logout = useLogout();
  return (
    <div>
      <Button type="link" style={{ paddingInline: 0 }} onClick={() => logout.mutate()}>
        {st('security.verify.cancel')}
      </Button>
    </div>
  );
}
