import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { useMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import { OtpInput, OTP_RULE } from './otp-input';
import { reauthenticate } from './security-api';
import { useSecurityT } from './security-messages';

type ReauthForm = { password: string; code?: string };
const FIELDS = ['password', 'code'] as const;

/**
 * Sensitive changes answer 403 reauth_required when the session has not proved the password
 * recently: `withReauth(fn)` runs fn, and on that answer asks for the password (and the
 * authenticator code) in a dialog, then runs fn again. Render `dialog` once in the page.
 */
export function useReauth(): { withReauth: <T>(fn: () => Promise<T>) => Promise<T>; dialog: ReactNode } {
  const [open, setOpen] = useState(false);
  const pending = useRef<{ resume: () => void; cancel: (e: unknown) => void } | null>(null);

  const withReauth = useCallback(<T,>(fn: () => Promise<T>): Promise<T> => {
    return fn().catch((error: unknown) => {
      if (!isApiError(error, 'reauth_required')) throw error;
      return new Promise<T>((resolve, reject) => {
        pending.current = {
          resume: () => void fn().then(resolve, reject),
          cancel: () => reject(error),
        };
        setOpen(true);
      });
    });
  }, []);

  const dialog = (
    <ReauthDialog
      open={open}
      onDone={() => {
        setOpen(false);
        pending.current?.resume();
        pending.current = null;
      }}
      onCancel={() => {
        setOpen(false);
        pending.current?.cancel(null);
        pending.current = null;
      }}
    />
  );
  return { withReauth, dialog };
}

function ReauthDialog({
  open,
  onDone,
  onCancel,
}: {
  open: boolean;
  onDone: () => void;
  onCancel: () => void;
}) {
  const st = useSecurityT();
  const locale = useLocale();
  const me = useMe();
  const withCode = me.data?.mfa === 'verified';
  const [form] = Form.useForm<ReauthForm>();
  const mutation = useMutation({
    mutationFn: (v: ReauthForm) =>
      reauthenticate({ password: v.password, ...(withCode && v.code ? { code: v.code.trim() } : {}) }),
    onSuccess: () => {
      form.resetFields();
      mutation.reset();
      onDone();
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, FIELDS);
    },
  });
  return (
    <Modal
      open={open}
      title={st('security.reauth.title')}
      okText={st('security.reauth.submit')}
      cancelText={st('security.reauth.cancel')}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      onCancel={() => {
        form.resetFields();
        mutation.reset();
        onCancel();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {st('security.reauth.intro', { withCode: withCode ? st('security.reauth.withCode') : '' })}
      </Typography.Paragraph>
      <ProblemAlert error={mutation.error} fieldNames={FIELDS} />
      <Form<ReauthForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item name="password" label={st('security.reauth.password')} rules={[requiredRule(locale)]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {withCode && (
          <Form.Item
            name="code"
            label={st('security.verify.code')}
            rules={[requiredRule(locale), { ...OTP_RULE, message: st('security.verify.codeHelp') }]}
          >
            <OtpInput />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
