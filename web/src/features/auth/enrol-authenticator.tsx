import { Button, Form, Spin, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { useLocale } from '../../i18n';
import { OtpInput, OTP_RULE } from './otp-input';
import { OtpQr } from './otp-qr';
import { RecoveryCodes } from './recovery-codes';
import { confirmMfaEnrolment, startMfaEnrolment } from './security-api';
import { useSecurityT } from './security-messages';

type CodeForm = { code: string };
const FIELDS = ['code'] as const;

/**
 * Setting up an authenticator: a new secret as a QR code and as text, confirmed with a code; then
 * the recovery codes, once. At first sign-in and when replacing the authenticator.
 */
export function EnrolAuthenticator({
  onDone,
  started,
}: {
  onDone: () => void;
  /** An enrolment already started by the caller (replacing the authenticator, after re-authentication). */
  started?: { secret: string; otpauthUri: string };
}) {
  const st = useSecurityT();
  const locale = useLocale();
  const [form] = Form.useForm<CodeForm>();
  // One request even when React mounts twice (a second one would replace the secret shown).
  const enrolment = useQuery({
    queryKey: ['mfa-enrolment'],
    queryFn: startMfaEnrolment,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    enabled: started === undefined,
  });
  const data = started ?? enrolment.data;
  const confirm = useMutation({
    mutationFn: (values: CodeForm) => confirmMfaEnrolment(values.code.trim()),
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, FIELDS);
    },
  });

  if (confirm.data) return <RecoveryCodes codes={confirm.data} onDone={onDone} />;
  if (!started && enrolment.isError) return <ProblemAlert error={enrolment.error} />;
  if (!data) return <Spin />;
  return (
    <div>
      <Typography.Paragraph>{st('security.enrol.intro')}</Typography.Paragraph>
      <Typography.Title level={2}>{st('security.enrol.step1')}</Typography.Title>
      <OtpQr uri={data.otpauthUri} alt={st('security.enrol.qrAlt')} />
      <Typography.Paragraph style={{ marginTop: 8 }}>
        {st('security.enrol.manual')}{' '}
        <Typography.Text code copyable className="mono" data-testid="totp-secret">
          {data.secret}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Title level={2}>{st('security.enrol.step2')}</Typography.Title>
      <ProblemAlert error={confirm.error} fieldNames={FIELDS} />
      <Form<CodeForm> form={form} layout="vertical" requiredMark={false} onFinish={(v) => confirm.mutate(v)}>
        <Form.Item
          name="code"
          label={st('security.verify.code')}
          extra={st('security.verify.codeHelp')}
          rules={[requiredRule(locale), { ...OTP_RULE, message: st('security.verify.codeHelp') }]}
        >
          <OtpInput />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={confirm.isPending}>
          {st('security.enrol.submit')}
        </Button>
      </Form>
    </div>
  );
}
