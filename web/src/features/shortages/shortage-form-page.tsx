import { App, Button, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SHORTAGE_CAUSES, SHORTAGE_URGENCIES, type CreateShortageBody } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { yuanToFen } from '../../app/money';
import { usePageTitle } from '../../app/page-title';
import { useLocale } from '../../i18n';
import { OccupationSelect } from '../reference/occupation-select';
import { createShortage, labourKeys } from './api';
import {
  chinaDay,
  DistrictSelect,
  EnterpriseSwitcher,
  NeedsEnterprise,
  useActingEnterprise,
  useLabourLabels,
} from './common';

type Values = {
  enterpriseId?: string;
  title?: string;
  occupationCode?: string;
  headcount?: number;
  deadline?: string;
  districtCode?: string;
  wageMinYuan?: number;
  wageMaxYuan?: number;
  urgency: CreateShortageBody['urgency'];
  cause?: CreateShortageBody['cause'];
  causeNote?: string;
};

const FIELDS = [
  'title',
  'occupationCode',
  'headcount',
  'deadline',
  'districtCode',
  'wageMinYuan',
  'wageMaxYuan',
  'urgency',
  'cause',
  'causeNote',
] as const;

/** The employer reports a shortage: occupation, headcount, deadline, district, wage, urgency, cause. */
export function NewShortagePage() {
  const { t } = useTranslation();
  usePageTitle(t('labour.shortages.newTitle'));
  const locale = useLocale();
  const labels = useLabourLabels();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const enterpriseId = Form.useWatch('enterpriseId', form);
  const acting = useActingEnterprise(enterpriseId);

  const create = useMutation({
    mutationFn: (v: Values) =>
      createShortage({
        enterpriseId: acting.current!.id,
        title: v.title?.trim() || undefined,
        occupationCode: v.occupationCode ?? '',
        headcount: v.headcount ?? 0,
        deadline: v.deadline ?? '',
        districtCode: v.districtCode,
        wageMinFen: yuanToFen(v.wageMinYuan ?? 0),
        wageMaxFen: yuanToFen(v.wageMaxYuan ?? 0),
        wagePeriod: 'month',
        urgency: v.urgency,
        cause: v.cause ?? 'other',
        causeNote: v.causeNote?.trim() || undefined,
      }),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: labourKeys.all });
      void message.success(t('labour.shortages.created'));
      void navigate(`/employer/shortages/${created.id}`);
    },
    onError: (error) => {
      if (!isApiError(error)) return;
      // The form asks for yuan; the server names the fen fields.
      const problem = {
        ...error.problem,
        errors: error.problem.errors?.map((e) => ({
          ...e,
          path: e.path.replace(/^wageMinFen/, 'wageMinYuan').replace(/^wageMaxFen/, 'wageMaxYuan'),
        })),
      };
      applyProblemToForm(form, problem, FIELDS);
    },
  });

  if (acting.query.isSuccess && !acting.current) {
    return (
      <div className="page">
        <Typography.Title level={1}>{t('labour.shortages.newTitle')}</Typography.Title>
        <NeedsEnterprise />
      </div>
    );
  }

  return (
    <div className="page page--reading">
      <Typography.Title level={1}>{t('labour.shortages.newTitle')}</Typography.Title>
      <Typography.Paragraph>{t('labour.shortages.newIntro')}</Typography.Paragraph>
      <EnterpriseSwitcher
        list={acting.list}
        value={acting.current?.id}
        onChange={(v) => form.setFieldValue('enterpriseId', v)}
      />
      {acting.current && (
        <Typography.Paragraph>
          {t('labour.common.enterprise')}：{acting.current.name}
        </Typography.Paragraph>
      )}
      <ProblemAlert error={create.error} fieldNames={FIELDS} />
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ urgency: 'normal', deadline: chinaDay(7) }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="enterpriseId" hidden>
          <Input />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('labour.shortages.roleTitle')}
          extra={t('labour.shortages.roleTitleHelp')}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="occupationCode" label={t('labour.common.occupation')} rules={[requiredRule(locale)]}>
          <OccupationSelect />
        </Form.Item>
        <Space wrap align="start" size={16}>
          <Form.Item name="headcount" label={t('labour.shortages.headcount')} rules={[requiredRule(locale)]}>
            <InputNumber min={1} max={10000} precision={0} inputMode="numeric" />
          </Form.Item>
          <Form.Item name="deadline" label={t('labour.shortages.deadline')} rules={[requiredRule(locale)]}>
            <Input type="date" min={chinaDay(0)} />
          </Form.Item>
          <Form.Item
            name="districtCode"
            label={t('labour.common.district')}
            extra={t('labour.shortages.districtHelp')}
          >
            <DistrictSelect />
          </Form.Item>
        </Space>
        <Space wrap align="start" size={16}>
          <Form.Item name="wageMinYuan" label={t('labour.shortages.wageMin')} rules={[requiredRule(locale)]}>
            <InputNumber min={0} max={1_000_000} step={100} inputMode="decimal" />
          </Form.Item>
          <Form.Item name="wageMaxYuan" label={t('labour.shortages.wageMax')} rules={[requiredRule(locale)]}>
            <InputNumber min={0} max={1_000_000} step={100} inputMode="decimal" />
          </Form.Item>
        </Space>
        <Form.Item name="urgency" label={t('labour.common.urgency')} rules={[requiredRule(locale)]}>
          <Radio.Group
            aria-label={t('labour.common.urgency')}
            options={SHORTAGE_URGENCIES.map((u) => ({ value: u, label: labels.urgency(u) }))}
          />
        </Form.Item>
        <Form.Item name="cause" label={t('labour.shortages.cause')} rules={[requiredRule(locale)]}>
          <Select options={SHORTAGE_CAUSES.map((c) => ({ value: c, label: labels.cause(c) }))} />
        </Form.Item>
        <Form.Item name="causeNote" label={t('labour.shortages.causeNote')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('labour.shortages.submit')}
        </Button>
      </Form>
    </div>
  );
}
