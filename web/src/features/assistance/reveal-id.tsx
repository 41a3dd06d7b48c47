import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fieldMessage } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, checkRule, ProblemAlert, requiredRule } from '../../app/form-errors';
import { useLocale } from '../../i18n';
import { revealIdNumber } from './api';

/**
 * The masked identity number and, for an officer who states why, the full number once: the server
 * writes one audit row per reveal. The number lives only in this dialog's state and is dropped when
 * the dialog closes, so it is never cached, stored or shown again without a new reason.
 */
export function MaskedIdNumber({
  personId,
  personName,
  masked,
}: {
  personId: string;
  personName: string;
  masked: string | null;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useMutation({
    mutationFn: (reason: string) => revealIdNumber(personId, reason),
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, ['reason']);
    },
  });
  if (!masked) return <span>{t('assistance.person.noIdNumber')}</span>;
  const close = () => {
    setOpen(false);
    reveal.reset();
    form.resetFields();
  };
  return (
    <>
      <span className="mono">{masked}</span>{' '}
      <Button size="small" icon={<EyeOutlined aria-hidden />} onClick={() => setOpen(true)}>
        {t('assistance.reveal.button')}
        <span className="sr-only"> {personName}</span>
      </Button>
      <Modal
        open={open}
        title={t('assistance.reveal.title', { name: personName })}
        onCancel={close}
        destroyOnHidden
        footer={
          reveal.data
            ? [
                <Button key="close" type="primary" onClick={close}>
                  {t('common.close')}
                </Button>,
              ]
            : [
                <Button key="cancel" onClick={close}>
                  {t('common.cancel')}
                </Button>,
                <Button key="ok" type="primary" loading={reveal.isPending} onClick={() => form.submit()}>
                  {t('assistance.reveal.submit')}
                </Button>,
              ]
        }
      >
        {reveal.data ? (
          <>
            <Typography.Paragraph>
              <span className="field-label">{t('assistance.reveal.fullNumber')}</span>
              <span className="id-revealed mono" role="status">
                {reveal.data.idNumber}
              </span>
            </Typography.Paragraph>
            <Alert type="info" showIcon title={t('assistance.reveal.once')} />
          </>
        ) : (
          <>
            <Typography.Paragraph>{t('assistance.reveal.intro')}</Typography.Paragraph>
            <ProblemAlert error={reveal.error} fieldNames={['reason']} />
            <Form<{ reason: string }>
              form={form}
              layout="vertical"
              requiredMark={false}
              onFinish={(v) => reveal.mutate(v.reason.trim())}
            >
              <Form.Item
                name="reason"
                label={t('assistance.reveal.reason')}
                extra={t('assistance.reveal.reasonHelp')}
                rules={[
                  requiredRule(locale),
                  checkRule((v) =>
                    typeof v === 'string' && v.trim().length > 0 && v.trim().length < 2
                      ? fieldMessage('too_small', locale)
                      : null,
                  ),
                ]}
              >
                <Input maxLength={200} autoFocus autoComplete="off" />
              </Form.Item>
            </Form>
          </>
        )}
      </Modal>
    </>
  );
}
