import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Collapse,
  Form,
  Input,
  List,
  Space,
  Spin,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  PRIVACY_PURPOSES,
  SELF_SERVICE_PURPOSES,
  type MyConsents,
  type PrivacyPurpose,
  type PurposeState,
  type SelfServicePurpose,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { formatDate, formatDateTime } from '../../app/format';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { usePageTitle } from '../../app/page-title';
import { StatusChip } from '../../app/status-chip';
import { useSignedInMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import {
  cancelAccount,
  exportMyData,
  getMyConsents,
  getPersonalData,
  grantConsent,
  privacyKeys,
  saveJson,
  updatePersonalData,
  withdrawConsent,
} from './api';
import { usePrivacyT, type PrivacyKey } from './messages';

const SELF_CANCELLABLE = new Set(['seeker', 'employer', 'college', 'agency']);

function isSelfService(p: PrivacyPurpose): p is SelfServicePurpose {
  return (SELF_SERVICE_PURPOSES as readonly string[]).includes(p);
}

function ConsentItem({ state, noticeVersion }: { state: PurposeState; noticeVersion: string }) {
  const pt = usePrivacyT();
  const locale = useLocale();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const name = pt(`privacy.purpose.${state.purpose}.name` as PrivacyKey);
  const mutation = useMutation({
    mutationFn: (action: 'grant' | 'withdraw') => {
      if (!isSelfService(state.purpose)) throw new Error('not self-service');
      return action === 'grant' ? grantConsent(state.purpose, noticeVersion) : withdrawConsent(state.purpose);
    },
    onSuccess: (data: MyConsents) => {
      queryClient.setQueryData(privacyKeys.consents, data);
      void message.success(pt('privacy.consents.done'));
    },
  });

  const ask = (action: 'grant' | 'withdraw') => {
    if (!isSelfService(state.purpose)) return;
    const purpose = state.purpose;
    modal.confirm({
      title:
        action === 'grant'
          ? pt('privacy.consents.grantTitle', { purpose: name })
          : pt('privacy.consents.withdrawTitle', { purpose: name }),
      content:
        action === 'grant'
          ? pt('privacy.consents.grantBody', { version: noticeVersion })
          : pt(`privacy.purpose.${purpose}.consequence`),
      okText: pt('privacy.consents.confirm'),
      cancelText: pt('privacy.consents.cancel'),
      okButtonProps: action === 'withdraw' ? { danger: true } : {},
      onOk: () => mutation.mutateAsync(action),
    });
  };

  const status = state.granted
    ? pt('privacy.consents.granted')
    : state.withdrawnAt
      ? pt('privacy.consents.withdrawnAt', { date: formatDate(state.withdrawnAt, locale) })
      : pt('privacy.consents.notGranted');

  return (
    <List.Item>
      <div style={{ width: '100%' }}>
        <Space wrap size={[8, 4]} style={{ marginBottom: 4 }}>
          <Typography.Text strong>{name}</Typography.Text>
          {state.sensitive && <StatusChip tone="warning">{pt('privacy.consents.sensitive')}</StatusChip>}
          <StatusChip tone={state.granted ? 'success' : 'neutral'}>{status}</StatusChip>
        </Space>
        <Typography.Paragraph style={{ marginBottom: 4 }}>
          {pt(`privacy.purpose.${state.purpose}.desc` as PrivacyKey)}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          {pt(`privacy.basis.${state.basis}`)}
          {state.noticeVersion
            ? ` · ${pt('privacy.consents.noticeVersion', { version: state.noticeVersion })}`
            : ''}
          {state.grantedAt
            ? ` · ${pt('privacy.consents.grantedAt', { date: formatDate(state.grantedAt, locale) })}`
            : ''}
        </Typography.Paragraph>
        <ProblemAlert error={mutation.error} />
        {state.selfService &&
          (state.granted ? (
            <Button
              danger
              onClick={() => ask('withdraw')}
              loading={mutation.isPending}
              aria-label={`${pt('privacy.consents.withdraw')}: ${name}`}
            >
              {pt('privacy.consents.withdraw')}
            </Button>
          ) : (
            <Button
              onClick={() => ask('grant')}
              loading={mutation.isPending}
              aria-label={`${pt('privacy.consents.grant')}: ${name}`}
            >
              {pt('privacy.consents.grant')}
            </Button>
          ))}
      </div>
    </List.Item>
  );
}

function ConsentsCard() {
  const pt = usePrivacyT();
  const locale = useLocale();
  const consents = useQuery({ queryKey: privacyKeys.consents, queryFn: getMyConsents });
  if (consents.isPending) return <Spin />;
  if (consents.isError) return <ProblemAlert error={consents.error} />;
  const { notice, purposes, history } = consents.data;
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {locale === 'en-US' ? notice.titleEn : notice.titleZh}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {pt('privacy.notice.version', {
            version: notice.version,
            date: formatDate(notice.effectiveFrom, locale),
          })}
        </Typography.Paragraph>
        <Collapse
          items={[
            {
              key: 'notice',
              label: pt('privacy.notice.show'),
              children: (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {locale === 'en-US' ? notice.bodyEn : notice.bodyZh}
                </Typography.Paragraph>
              ),
            },
          ]}
        />
      </Card>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {pt('privacy.consents.title')}
        </Typography.Title>
        <Typography.Paragraph>{pt('privacy.consents.desc')}</Typography.Paragraph>
        <List
          dataSource={purposes}
          rowKey="purpose"
          renderItem={(p) => <ConsentItem state={p} noticeVersion={notice.version} />}
        />
        <Typography.Title level={3}>{pt('privacy.consents.history')}</Typography.Title>
        <List
          size="small"
          dataSource={history}
          rowKey="id"
          locale={{
            emptyText: (
              <span className="status-chip status-chip--neutral">{pt('privacy.consents.historyEmpty')}</span>
            ),
          }}
          renderItem={(h) => (
            <List.Item>
              <span>
                {formatDateTime(h.at, locale)} ·{' '}
                {(PRIVACY_PURPOSES as readonly string[]).includes(h.purpose)
                  ? pt(`privacy.purpose.${h.purpose as PrivacyPurpose}.name` as PrivacyKey)
                  : h.purpose}{' '}
                · {pt(`privacy.consents.action.${h.action}`)} · {h.noticeVersion} ·{' '}
                {pt(`privacy.consents.channel.${h.channel}`)}
              </span>
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}

function ExportCard() {
  const pt = usePrivacyT();
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: exportMyData,
    onSuccess: (data) => {
      saveJson(data, `jiuye-my-data-${data.generatedAt.slice(0, 10)}.json`);
      void message.success(pt('privacy.export.done'));
    },
  });
  return (
    <Card style={{ marginBottom: 16 }}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {pt('privacy.export.title')}
      </Typography.Title>
      <Typography.Paragraph>{pt('privacy.export.desc')}</Typography.Paragraph>
      <ProblemAlert error={mutation.error} />
      <Button type="primary" onClick={() => mutation.mutate()} loading={mutation.isPending}>
        {pt('privacy.export.button')}
      </Button>
    </Card>
  );
}

type NameForm = { fullName: string };

function CorrectCard() {
  const pt = usePrivacyT();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NameForm>();
  const data = useQuery({ queryKey: privacyKeys.personalData, queryFn: getPersonalData });
  const mutation = useMutation({
    mutationFn: (v: NameForm) => updatePersonalData({ fullName: v.fullName.trim() }),
    onSuccess: (d) => {
      queryClient.setQueryData(privacyKeys.personalData, d);
      void message.success(pt('privacy.correct.saved'));
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, ['fullName']);
    },
  });
  return (
    <Card style={{ marginBottom: 16 }}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {pt('privacy.correct.title')}
      </Typography.Title>
      <Typography.Paragraph>{pt('privacy.correct.desc')}</Typography.Paragraph>
      {data.isPending ? (
        <Spin />
      ) : data.isError ? (
        <ProblemAlert error={data.error} />
      ) : data.data.fullName === null ? (
        <Typography.Paragraph type="secondary">{pt('privacy.correct.noPerson')}</Typography.Paragraph>
      ) : (
        <Form<NameForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ fullName: data.data.fullName }}
          onFinish={(v) => mutation.mutate(v)}
        >
          <ProblemAlert error={mutation.error} fieldNames={['fullName']} />
          <Form.Item name="fullName" label={pt('privacy.correct.fullName')} rules={[requiredRule(locale)]}>
            <Input maxLength={60} autoComplete="name" />
          </Form.Item>
          <Button htmlType="submit" loading={mutation.isPending}>
            {pt('privacy.correct.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

type CancelForm = { password: string };

function CancelCard() {
  const pt = usePrivacyT();
  const locale = useLocale();
  const me = useSignedInMe();
  const { modal } = App.useApp();
  const [form] = Form.useForm<CancelForm>();
  const [understood, setUnderstood] = useState(false);
  const mutation = useMutation({
    mutationFn: (v: CancelForm) => cancelAccount(v.password),
    // A full load: every cached answer of the closed account goes (as signing out does).
    onSuccess: () => window.location.replace('/login'),
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, ['password']);
    },
  });
  const selfCancellable = SELF_CANCELLABLE.has(me.role);
  return (
    <Card style={{ marginBottom: 16 }}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {pt('privacy.cancel.title')}
      </Typography.Title>
      {!selfCancellable ? (
        <Typography.Paragraph type="secondary">{pt('privacy.cancel.staffNote')}</Typography.Paragraph>
      ) : (
        <>
          <Alert type="warning" showIcon title={pt('privacy.cancel.warning')} style={{ marginBottom: 16 }} />
          <Form<CancelForm>
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={(v) =>
              modal.confirm({
                title: pt('privacy.cancel.confirmTitle'),
                content: pt('privacy.cancel.confirmBody'),
                okText: pt('privacy.cancel.button'),
                cancelText: pt('privacy.consents.cancel'),
                okButtonProps: { danger: true },
                onOk: () => mutation.mutateAsync(v).catch(() => undefined),
              })
            }
          >
            <ProblemAlert error={mutation.error} fieldNames={['password']} />
            <Form.Item name="password" label={pt('privacy.cancel.password')} rules={[requiredRule(locale)]}>
              <Input.Password autoComplete="current-password" maxLength={128} />
            </Form.Item>
            <Form.Item>
              <Checkbox checked={understood} onChange={(e) => setUnderstood(e.target.checked)}>
                {pt('privacy.cancel.understand')}
              </Checkbox>
            </Form.Item>
            <Button
              danger
              type="primary"
              htmlType="submit"
              disabled={!understood}
              loading={mutation.isPending}
            >
              {pt('privacy.cancel.button')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}

/** 个人信息与隐私: notice, consents, export, correction and cancellation, for every signed-in role. */
export function PrivacyPage() {
  const pt = usePrivacyT();
  usePageTitle(pt('privacy.title'));
  return (
    <div className="page" style={{ maxWidth: 720 }}>
      <Typography.Title level={1}>{pt('privacy.title')}</Typography.Title>
      <Typography.Paragraph>{pt('privacy.intro')}</Typography.Paragraph>
      <ConsentsCard />
      <ExportCard />
      <CorrectCard />
      <CancelCard />
    </div>
  );
}
