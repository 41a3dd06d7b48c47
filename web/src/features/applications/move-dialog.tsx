import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { fieldMessage, type ApplicationStatus } from '@jiuye/shared';
import { checkRule, ProblemAlert, requiredRule } from '../../app/form-errors';
import { useLabels } from '../../app/labels';
import { useLocale } from '../../i18n';
import type { UpdateApplicationBody } from './api';

type MoveForm = { interviewAt?: string; interviewPlace?: string; rejectReason?: string; note?: string };

/** "YYYY-MM-DDTHH:mm" from a datetime-local box, read as China time, to ISO with offset. */
function chinaLocalToIso(local: string): string {
  return `${local}:00+08:00`;
}

/**
 * What a move needs besides the new status: an interview a time and a place (or a meeting link),
 * a rejection a reason the seeker will read; any move may carry a note.
 */
export function MoveDialog({
  target,
  applicantName,
  pending,
  error,
  onCancel,
  onSubmit,
}: {
  target: ApplicationStatus | null;
  applicantName: string;
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (body: UpdateApplicationBody) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabels();
  const [form] = Form.useForm<MoveForm>();
  const open = target !== null;
  return (
    <Modal
      open={open}
      title={
        target
          ? t('pipeline.moveTitle', { name: applicantName, status: labels.applicationStatus(target) })
          : ''
      }
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={onCancel}
      forceRender
      afterClose={() => form.resetFields()}
    >
      <ProblemAlert error={open ? error : null} />
      <Form<MoveForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => {
          if (!target) return;
          onSubmit({
            status: target as UpdateApplicationBody['status'],
            ...(v.note?.trim() ? { note: v.note.trim() } : {}),
            ...(target === 'interview'
              ? {
                  interviewAt: chinaLocalToIso(v.interviewAt ?? ''),
                  interviewPlace: v.interviewPlace?.trim() ?? '',
                }
              : {}),
            ...(target === 'rejected' ? { rejectReason: v.rejectReason?.trim() ?? '' } : {}),
          });
        }}
      >
        {target === 'interview' && (
          <>
            <Form.Item
              name="interviewAt"
              label={t('pipeline.interviewAt')}
              extra={t('pipeline.interviewAtHelp')}
              rules={[
                requiredRule(locale),
                checkRule((value) =>
                  typeof value === 'string' && value !== '' && Date.parse(chinaLocalToIso(value)) < Date.now()
                    ? fieldMessage('date_in_past', locale)
                    : null,
                ),
              ]}
            >
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item
              name="interviewPlace"
              label={t('pipeline.interviewPlace')}
              extra={t('pipeline.interviewPlaceHelp')}
              rules={[requiredRule(locale)]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
        {target === 'rejected' && (
          <Form.Item
            name="rejectReason"
            label={t('pipeline.rejectReason')}
            extra={t('pipeline.rejectReasonHelp')}
            rules={[requiredRule(locale)]}
          >
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('pipeline.note')} extra={t('pipeline.noteHelp')}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
