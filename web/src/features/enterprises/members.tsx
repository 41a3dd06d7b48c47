import { App, Button, Form, Input, List, Popconfirm, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PhoneSchema, type Enterprise } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, phoneRules, ProblemAlert } from '../../app/form-errors';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { enterpriseKeys, inviteMember, listMembers, removeMember } from './api';

/** The owner invites clerks by phone; a clerk who has no account yet joins on registering. */
export function Members({ enterprise }: { enterprise: Enterprise }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ phone: string }>();
  const owner = enterprise.myRole === 'owner';
  const members = useQuery({
    queryKey: enterpriseKeys.members(enterprise.id),
    queryFn: () => listMembers(enterprise.id),
  });
  const refresh = () =>
    void queryClient.invalidateQueries({ queryKey: enterpriseKeys.members(enterprise.id) });
  const invite = useMutation({
    mutationFn: (phone: string) => inviteMember(enterprise.id, PhoneSchema.parse(phone)),
    onSuccess: () => {
      form.resetFields();
      void message.success(t('enterprise.invited'));
      refresh();
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, ['phone']);
    },
  });
  const remove = useMutation({
    mutationFn: (phone: string) => removeMember(enterprise.id, phone),
    onSuccess: refresh,
  });

  return (
    <div>
      <ProblemAlert error={members.error ?? remove.error} />
      <List
        loading={members.isPending}
        dataSource={members.data ?? []}
        locale={{ emptyText: t('common.none') }}
        renderItem={(m) => (
          <List.Item
            actions={
              owner && m.role !== 'owner'
                ? [
                    <Popconfirm
                      key="remove"
                      title={t('enterprise.confirmRemoveMember', { phone: m.phone })}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => remove.mutate(m.phone)}
                    >
                      <Button type="link" danger>
                        {t('common.remove')}
                        <span className="sr-only"> {m.phone}</span>
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <span>
              {m.displayName ?? m.phone} {m.displayName && <span className="muted">{m.phone}</span>}{' '}
              <StatusChip tone={m.role === 'owner' ? 'info' : 'neutral'}>
                {t(`enterprise.memberRole.${m.role}`)}
              </StatusChip>{' '}
              {!m.joined && <StatusChip tone="warning">{t('enterprise.notJoined')}</StatusChip>}
            </span>
          </List.Item>
        )}
      />
      {owner && (
        <>
          <Typography.Title level={3}>{t('enterprise.inviteTitle')}</Typography.Title>
          <ProblemAlert error={invite.error} fieldNames={['phone']} />
          <Form form={form} layout="inline" onFinish={(v) => invite.mutate(v.phone)} className="inline-form">
            <Form.Item
              name="phone"
              label={t('enterprise.invitePhone')}
              rules={phoneRules(locale)}
              validateTrigger="onBlur"
            >
              <Input type="tel" inputMode="tel" autoComplete="off" />
            </Form.Item>
            <Button htmlType="submit" loading={invite.isPending}>
              {t('enterprise.invite')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('enterprise.inviteHelp')}
          </Typography.Paragraph>
        </>
      )}
    </div>
  );
}
