import { App, Button, Card, Form, Input, List, Modal, Popconfirm, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PhoneSchema, type Me, type SessionInfo } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { formatDateTime } from '../../app/format';
import { applyProblemToForm, phoneRules, ProblemAlert } from '../../app/form-errors';
import { useSetMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import { updateMe } from '../auth/api';
import { EnrolAuthenticator } from '../auth/enrol-authenticator';
import { useReauth } from '../auth/reauth-dialog';
import {
  endMyOtherSessions,
  endMySession,
  listMySessions,
  sessionKeys,
  startMfaEnrolment,
} from '../auth/security-api';
import { useSecurityT } from '../auth/security-messages';

/** A readable device name from the user agent: browser and system, or the raw string. */
export function deviceName(ua: string | null, unknown: string): string {
  if (!ua) return unknown;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /MicroMessenger/.test(ua)
      ? '微信'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Firefox\//.test(ua)
          ? 'Firefox'
          : /Safari\//.test(ua)
            ? 'Safari'
            : null;
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  return browser || os ? [browser, os].filter(Boolean).join(' · ') : ua.slice(0, 60);
}

export function SessionList({
  sessions,
  onEnd,
  endLabel,
}: {
  sessions: SessionInfo[];
  onEnd?: (s: SessionInfo) => void;
  endLabel?: string;
}) {
  const st = useSecurityT();
  const locale = useLocale();
  return (
    <List
      dataSource={sessions}
      locale={{ emptyText: st('security.sessions.none') }}
      renderItem={(s) => {
        const name = deviceName(s.userAgent, st('security.sessions.unknownDevice'));
        return (
          <List.Item
            actions={
              onEnd && !s.current
                ? [
                    <Popconfirm
                      key="end"
                      title={st('security.sessions.endConfirm')}
                      onConfirm={() => onEnd(s)}
                    >
                      <Button type="link" danger>
                        {endLabel ?? st('security.sessions.end')}
                        <span className="sr-only"> {name}</span>
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <span>
                  {name} {s.current && <Tag>{st('security.sessions.current')}</Tag>}
                </span>
              }
              description={
                <span>
                  {st('security.sessions.ip')}: {s.ip ?? '—'} · {st('security.sessions.createdAt')}:{' '}
                  {formatDateTime(s.createdAt, locale)} · {st('security.sessions.lastSeenAt')}:{' '}
                  {formatDateTime(s.lastSeenAt, locale)}
                </span>
              }
            />
          </List.Item>
        );
      }}
    />
  );
}

/** 我的登录设备: own live sessions, end one or all the others (issue 9). */
export function MySessionsCard() {
  const st = useSecurityT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: sessionKeys.mine, queryFn: listMySessions });
  const refresh = () => queryClient.invalidateQueries({ queryKey: sessionKeys.mine });
  const endOne = useMutation({
    mutationFn: (s: SessionInfo) => endMySession(s.id),
    onSuccess: () => {
      void message.success(st('security.sessions.endedOne'));
      void refresh();
    },
  });
  const endOthers = useMutation({
    mutationFn: endMyOtherSessions,
    onSuccess: (count) => {
      void message.success(st('security.sessions.ended', { count }));
      void refresh();
    },
  });
  const others = (sessions.data ?? []).filter((s) => !s.current).length;
  return (
    <Card style={{ marginBottom: 16 }}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {st('security.sessions.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{st('security.sessions.intro')}</Typography.Paragraph>
      <ProblemAlert error={sessions.error ?? endOne.error ?? endOthers.error} />
      <SessionList sessions={sessions.data ?? []} onEnd={(s) => endOne.mutate(s)} />
      {others > 0 && (
        <Popconfirm title={st('security.sessions.endOthersConfirm')} onConfirm={() => endOthers.mutate()}>
          <Button danger loading={endOthers.isPending}>
            {st('security.sessions.endOthers')}
          </Button>
        </Popconfirm>
      )}
    </Card>
  );
}

/** The second factor (for the roles that have one): on, and replace the authenticator. */
export function SecondFactorCard() {
  const st = useSecurityT();
  const { withReauth, dialog } = useReauth();
  // Replacing the authenticator is a sensitive change: the server asks for a fresh proof first.
  const start = useMutation({ mutationFn: () => withReauth(startMfaEnrolment) });
  return (
    <Card style={{ marginBottom: 16 }}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {st('security.factor.title')}
      </Typography.Title>
      <Typography.Paragraph>
        <Tag>{st('security.factor.on')}</Tag> {st('security.factor.required')}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{st('security.factor.reenrolHelp')}</Typography.Paragraph>
      <ProblemAlert error={start.error} />
      <Button onClick={() => start.mutate()} loading={start.isPending}>
        {st('security.factor.reenrol')}
      </Button>
      <Modal
        open={start.data !== undefined}
        title={st('security.enrol.reenrolTitle')}
        footer={null}
        onCancel={() => start.reset()}
        destroyOnHidden
      >
        {start.data && <EnrolAuthenticator started={start.data} onDone={() => start.reset()} />}
      </Modal>
      {dialog}
    </Card>
  );
}

type PhoneForm = { phone: string };

/** Changing the phone (the sign-in name) needs a recent re-authentication. */
export function ChangePhoneCard() {
  const st = useSecurityT();
  const locale = useLocale();
  const setMe = useSetMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<PhoneForm>();
  const { withReauth, dialog } = useReauth();
  const mutation = useMutation({
    mutationFn: (v: PhoneForm) => withReauth(() => updateMe({ phone: PhoneSchema.parse(v.phone) })),
    onSuccess: (me: Me) => {
      setMe(me);
      form.resetFields();
      void message.success(st('security.phone.done'));
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, ['phone']);
    },
  });
  return (
    <Card style={{ marginBottom: 16 }}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {st('security.phone.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{st('security.phone.help')}</Typography.Paragraph>
      <ProblemAlert error={mutation.error} fieldNames={['phone']} />
      <Form<PhoneForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item
          name="phone"
          label={st('security.phone.label')}
          rules={phoneRules(locale)}
          validateTrigger="onBlur"
        >
          <Input type="tel" inputMode="tel" autoComplete="tel" style={{ maxWidth: 240 }} />
        </Form.Item>
        <Button htmlType="submit" loading={mutation.isPending}>
          {st('security.phone.submit')}
        </Button>
      </Form>
      {dialog}
    </Card>
  );
}
