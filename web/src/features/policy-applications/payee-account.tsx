import { useState } from 'react';
import { App, Button, Form, Input, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { BankAccountNumberSchema, fieldMessage, type SubjectRef } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, checkRule, ProblemAlert, requiredRule } from '../../app/form-errors';
import { useLocale } from '../../i18n';
import { getPayeeAccount, payoutKeys, putPayeeAccount } from '../payouts/api';
import { useReauth } from '../auth/reauth-dialog';

type Values = { accountName: string; bankName: string; accountNumber: string };
const FIELDS = ['accountName', 'bankName', 'accountNumber'];

/**
 * Where the subsidy is paid: the bank account on file (masked), or a form to give one. Payouts copy
 * the account when a batch is made, so a change later never alters a batch already sent.
 */
export function PayeeAccountPanel({ subject }: { subject: SubjectRef }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const query = { subjectType: subject.type, subjectId: subject.id };
  const account = useQuery({ queryKey: payoutKeys.payee(query), queryFn: () => getPayeeAccount(query) });
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<Values>();
  // Issue 9: the payout account is a sensitive change (re-authentication when the proof is old).
  const { withReauth, dialog } = useReauth();
  const save = useMutation({
    mutationFn: (v: Values) => withReauth(() => putPayeeAccount({ ...query, ...v })),
    onSuccess: (saved) => {
      queryClient.setQueryData(payoutKeys.payee(query), saved);
      setEditing(false);
      void message.success(t('policies.payee.saved'));
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, FIELDS);
    },
  });
  const a = account.data;
  return (
    <div>
      {dialog}
      <ProblemAlert error={account.error} />
      {a && !editing && (
        <>
          <Typography.Paragraph>
            {t('policies.payee.onFile', {
              name: a.accountName,
              bank: a.bankName,
              number: a.accountNumberMasked,
            })}
          </Typography.Paragraph>
          <Button onClick={() => setEditing(true)}>{t('policies.payee.change')}</Button>
        </>
      )}
      {account.isSuccess && (a === null || editing) && (
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ accountName: a?.accountName ?? subject.name, bankName: a?.bankName ?? '' }}
          onFinish={(v) =>
            save.mutate({ ...v, accountName: v.accountName.trim(), bankName: v.bankName.trim() })
          }
        >
          {a === null && <Typography.Paragraph>{t('policies.payee.none')}</Typography.Paragraph>}
          <ProblemAlert error={save.error} fieldNames={FIELDS} />
          <Form.Item
            name="accountName"
            label={t('policies.payee.accountName')}
            rules={[requiredRule(locale)]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="bankName"
            label={t('policies.payee.bankName')}
            extra={t('policies.payee.bankHelp')}
            rules={[requiredRule(locale)]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="accountNumber"
            label={t('policies.payee.accountNumber')}
            rules={[
              requiredRule(locale),
              checkRule((v) =>
                typeof v === 'string' && v !== '' && !BankAccountNumberSchema.safeParse(v).success
                  ? fieldMessage('bank_account_format', locale)
                  : null,
              ),
            ]}
          >
            <Input inputMode="numeric" autoComplete="off" maxLength={40} />
          </Form.Item>
          <div className="policy-actions">
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('policies.payee.save')}
            </Button>
            {editing && <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>}
          </div>
        </Form>
      )}
    </div>
  );
}
