import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { fieldMessage } from '@jiuye/shared';
import { isApiError, saveFile, type DownloadedFile } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { useLocale } from '../../i18n';
import { downloadLicence, enterpriseKeys, getEnterprise, verifyEnterprise } from './api';
import { EnterpriseSummary } from './enterprise-summary';

/** One enterprise for the verifying officer: facts, the licence, verify or reject. */
export function VerificationDetailPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { id = '' } = useParams();
  const enterprise = useQuery({ queryKey: enterpriseKeys.one(id), queryFn: () => getEnterprise(id) });
  usePageTitle(enterprise.data?.name ?? t('verification.detailTitle'));
  const [confirmChecksum, setConfirmChecksum] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const [licence, setLicence] = useState<(DownloadedFile & { url: string }) | null>(null);

  useEffect(
    () => () => {
      if (licence) URL.revokeObjectURL(licence.url);
    },
    [licence],
  );

  const decide = useMutation({
    mutationFn: (body: { decision: 'verify' | 'reject'; reason?: string; confirmChecksum?: boolean }) =>
      verifyEnterprise(id, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(enterpriseKeys.one(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['enterprises', 'list'] });
      setRejecting(false);
      void message.success(
        saved.status === 'verified' ? t('verification.verified') : t('verification.rejected'),
      );
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, ['reason']);
    },
  });
  const view = useMutation({
    mutationFn: () => downloadLicence(id),
    onSuccess: (file) => setLicence({ ...file, url: URL.createObjectURL(file.blob) }),
  });

  const e = enterprise.data;
  const needsConfirm = e ? !e.creditCodeChecksumValid : false;
  return (
    <div className="page page--reading">
      <p>
        <Link to="/staff/enterprises">{t('verification.backToList')}</Link>
      </p>
      {enterprise.isPending && <PageSpinner />}
      <ProblemAlert error={enterprise.error} />
      {e && (
        <>
          <Typography.Title level={1}>{e.name}</Typography.Title>
          <EnterpriseSummary enterprise={e} />

          <Typography.Title level={2}>{t('enterprise.licence')}</Typography.Title>
          {e.hasLicence ? (
            <Space wrap>
              <Button onClick={() => view.mutate()} loading={view.isPending}>
                {t('verification.viewLicence')}
              </Button>
              {licence && (
                <Button onClick={() => saveFile(licence, `licence-${e.creditCode}`)}>
                  {t('enterprise.licenceDownload')}
                </Button>
              )}
            </Space>
          ) : (
            <Typography.Paragraph>{t('verification.noLicence')}</Typography.Paragraph>
          )}
          <ProblemAlert error={view.error} />
          {licence?.mediaType.startsWith('image/') && (
            <figure className="licence-preview">
              <img src={licence.url} alt={t('verification.licenceAlt', { name: e.name })} />
            </figure>
          )}
          {licence?.mediaType === 'application/pdf' && (
            <Typography.Paragraph>
              <a href={licence.url} target="_blank" rel="noopener noreferrer">
                {t('verification.openPdf')}
              </a>
            </Typography.Paragraph>
          )}

          {e.status !== 'verified' && (
            <section aria-labelledby="decision-title">
              <Typography.Title level={2} id="decision-title">
                {t('verification.decision')}
              </Typography.Title>
              {needsConfirm && (
                <>
                  <Alert
                    type="warning"
                    showIcon
                    title={fieldMessage('checksum_confirmation_required', locale)}
                    style={{ marginBottom: 8 }}
                  />
                  <Checkbox
                    checked={confirmChecksum}
                    onChange={(ev) => setConfirmChecksum(ev.target.checked)}
                  >
                    {t('verification.confirmChecksum')}
                  </Checkbox>
                </>
              )}
              <ProblemAlert error={rejecting ? null : decide.error} />
              <Space wrap style={{ marginTop: 12 }}>
                <Button
                  type="primary"
                  disabled={needsConfirm && !confirmChecksum}
                  loading={decide.isPending && decide.variables.decision === 'verify'}
                  onClick={() =>
                    decide.mutate({ decision: 'verify', ...(needsConfirm ? { confirmChecksum: true } : {}) })
                  }
                >
                  {t('verification.verify')}
                </Button>
                {e.status === 'pending' && (
                  <Button
                    danger
                    onClick={() => {
                      decide.reset();
                      setRejecting(true);
                    }}
                  >
                    {t('verification.reject')}
                  </Button>
                )}
              </Space>
            </section>
          )}
          <Modal
            open={rejecting}
            title={t('verification.rejectTitle')}
            okText={t('verification.reject')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            confirmLoading={decide.isPending}
            onOk={() => form.submit()}
            onCancel={() => setRejecting(false)}
            forceRender
            afterClose={() => form.resetFields()}
          >
            <ProblemAlert error={rejecting ? decide.error : null} fieldNames={['reason']} />
            <Form
              form={form}
              layout="vertical"
              requiredMark={false}
              onFinish={(v) => decide.mutate({ decision: 'reject', reason: v.reason.trim() })}
            >
              <Form.Item
                name="reason"
                label={t('verification.reason')}
                extra={t('verification.reasonHelp')}
                rules={[requiredRule(locale)]}
              >
                <Input.TextArea maxLength={500} autoSize={{ minRows: 3, maxRows: 8 }} />
              </Form.Item>
            </Form>
          </Modal>
        </>
      )}
    </div>
  );
}
