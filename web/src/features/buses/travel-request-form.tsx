import { Button, Checkbox, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  fieldMessage,
  HEALTH_CODE_COLORS,
  isCountyLevelCode,
  SYMPTOMS,
  TRAVEL_HEALTH_NOTICE_VERSION,
  type CreateTravelRequestBody,
  type HealthCodeColor,
  type Problem,
  type Symptom,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, checkRule, phoneRules, ProblemAlert, requiredRule } from '../../app/form-errors';
import { useLabels } from '../../app/labels';
import { useLocale } from '../../i18n';
import { applicationKeys, listMyApplications } from '../applications/api';
import { useDistricts } from '../reference/api';
import { RegionSelect } from '../reference/region-select';
import { busKeys, createTravelRequest } from './api';
import { chinaToday, useBusLabels } from './labels';

type Values = {
  originRegionCode?: string;
  pickupPoint?: string;
  destinationDistrictCode?: string;
  applicationId?: string;
  earliestDate?: string;
  latestDate?: string;
  phone?: string;
  note?: string;
  temperatureCelsius?: number | null;
  symptoms?: Symptom[];
  contactWithCase?: boolean;
  visitedHighRiskArea?: boolean;
  healthCodeColor?: HealthCodeColor;
  healthConsent?: boolean;
};

const FIELDS = [
  'originRegionCode',
  'pickupPoint',
  'destinationDistrictCode',
  'applicationId',
  'earliestDate',
  'latestDate',
  'phone',
  'note',
  'temperatureCelsius',
  'symptoms',
  'contactWithCase',
  'visitedHighRiskArea',
  'healthCodeColor',
  'healthConsent',
] as const;

/** The server names health fields `health.temperatureCelsius`; the form keeps them flat. */
function flattenHealthPaths(problem: Problem): Problem {
  return {
    ...problem,
    errors: problem.errors?.map((e) => ({
      ...e,
      path: e.path.startsWith('health.') ? e.path.slice('health.'.length) : e.path,
    })),
  };
}

/**
 * A return-to-work travel request, on a phone: where from (down to the county), where to, when,
 * a phone number for the trip and a health declaration with its own consent (sensitive personal
 * information, PIPL art. 29). Native date boxes and plain radios keep it light on a cheap phone.
 */
export function TravelRequestForm() {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabels();
  const busLabels = useBusLabels();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const districts = useDistricts();
  const applications = useQuery({ queryKey: applicationKeys.mine, queryFn: listMyApplications });
  // An offer or a hire names the enterprise the person returns to.
  const offers = (applications.data ?? []).filter((a) => a.status === 'offer' || a.status === 'hired');
  const today = chinaToday();

  const create = useMutation({
    mutationFn: (body: CreateTravelRequestBody) => createTravelRequest(body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: busKeys.all });
    },
    onError: (error) => {
      if (isApiError(error, 'travel_request_exists')) {
        void queryClient.invalidateQueries({ queryKey: busKeys.myRequests });
      }
      if (isApiError(error)) applyProblemToForm(form, flattenHealthPaths(error.problem), FIELDS);
    },
  });

  const submit = (v: Values) => {
    const offer = offers.find((a) => a.id === v.applicationId);
    const temperature = v.temperatureCelsius ?? undefined;
    create.mutate({
      originRegionCode: v.originRegionCode ?? '',
      pickupPoint: v.pickupPoint?.trim() ?? '',
      destinationDistrictCode: v.destinationDistrictCode ?? '',
      ...(offer ? { enterpriseId: offer.enterpriseId, applicationId: offer.id } : {}),
      earliestDate: v.earliestDate ?? '',
      ...(v.latestDate ? { latestDate: v.latestDate } : {}),
      phone: v.phone?.trim() ?? '',
      health: {
        ...(temperature !== undefined ? { temperatureCelsius: temperature } : {}),
        symptoms: v.symptoms ?? [],
        contactWithCase: v.contactWithCase ?? false,
        visitedHighRiskArea: v.visitedHighRiskArea ?? false,
        ...(v.healthCodeColor ? { healthCodeColor: v.healthCodeColor } : {}),
      },
      healthConsent: true,
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    });
  };

  const yesNo = [
    { value: false, label: t('buses.common.no') },
    { value: true, label: t('buses.common.yes') },
  ];

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={submit}
      initialValues={{ symptoms: [] }}
      scrollToFirstError
    >
      <ProblemAlert error={create.error} fieldNames={[...FIELDS, 'health']} />
      <Form.Item
        name="originRegionCode"
        label={t('buses.request.origin')}
        extra={t('buses.request.originHelp')}
        rules={[
          requiredRule(locale),
          checkRule((value) =>
            typeof value === 'string' && value !== '' && !isCountyLevelCode(value)
              ? t('buses.request.originNotCounty')
              : null,
          ),
        ]}
      >
        <RegionSelect labelPrefix={t('buses.common.origin')} />
      </Form.Item>
      <Form.Item
        name="pickupPoint"
        label={t('buses.request.pickupPoint')}
        extra={t('buses.request.pickupPointHelp')}
        rules={[requiredRule(locale), { min: 2, message: fieldMessage('too_small', locale) }]}
      >
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="destinationDistrictCode"
        label={t('buses.request.destination')}
        rules={[requiredRule(locale)]}
      >
        <Select<string>
          loading={districts.isPending}
          options={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
        />
      </Form.Item>
      {offers.length > 0 && (
        <Form.Item
          name="applicationId"
          label={t('buses.request.enterprise')}
          extra={t('buses.request.enterpriseHelp')}
        >
          <Select<string>
            allowClear
            placeholder={t('buses.request.noEnterprise')}
            options={offers.map((a) => ({
              value: a.id,
              label: t('buses.request.offerOf', {
                enterprise: a.enterpriseName,
                status: labels.applicationStatus(a.status),
              }),
            }))}
          />
        </Form.Item>
      )}
      <Form.Item
        name="earliestDate"
        label={t('buses.request.earliestDate')}
        rules={[
          requiredRule(locale),
          checkRule((value) =>
            typeof value === 'string' && value !== '' && value < today
              ? fieldMessage('date_in_past', locale)
              : null,
          ),
        ]}
      >
        <Input type="date" min={today} />
      </Form.Item>
      <Form.Item
        name="latestDate"
        label={t('buses.request.latestDate')}
        dependencies={['earliestDate']}
        rules={[
          ({ getFieldValue }) =>
            checkRule((value) => {
              const earliest = getFieldValue('earliestDate') as string | undefined;
              return typeof value === 'string' && value !== '' && earliest && value < earliest
                ? fieldMessage('date_order', locale)
                : null;
            }),
        ]}
      >
        <Input type="date" min={today} />
      </Form.Item>
      <Form.Item name="phone" label={t('buses.request.phone')} rules={phoneRules(locale)}>
        <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={20} />
      </Form.Item>

      <fieldset className="fieldset">
        <legend>{t('buses.request.healthTitle')}</legend>
        <Typography.Paragraph>{t('buses.request.healthIntro')}</Typography.Paragraph>
        <Form.Item name="temperatureCelsius" label={t('buses.request.temperature')}>
          <InputNumber<number>
            min={34}
            max={43}
            step={0.1}
            precision={1}
            inputMode="decimal"
            style={{ width: 140 }}
          />
        </Form.Item>
        <Form.Item name="symptoms" label={t('buses.request.symptoms')} extra={t('buses.request.noSymptoms')}>
          <Checkbox.Group<Symptom>
            aria-label={t('buses.request.symptoms')}
            className="checkbox-grid"
            options={SYMPTOMS.map((s) => ({ value: s, label: busLabels.symptom(s) }))}
          />
        </Form.Item>
        <Form.Item
          name="contactWithCase"
          label={t('buses.request.contactWithCase')}
          rules={[requiredRule(locale)]}
        >
          <Radio.Group
            className="health-radios"
            aria-label={t('buses.request.contactWithCase')}
            options={yesNo}
          />
        </Form.Item>
        <Form.Item
          name="visitedHighRiskArea"
          label={t('buses.request.visitedHighRiskArea')}
          rules={[requiredRule(locale)]}
        >
          <Radio.Group
            className="health-radios"
            aria-label={t('buses.request.visitedHighRiskArea')}
            options={yesNo}
          />
        </Form.Item>
        <Form.Item name="healthCodeColor" label={t('buses.request.healthCode')}>
          <Radio.Group
            className="health-radios"
            aria-label={t('buses.request.healthCode')}
            options={HEALTH_CODE_COLORS.map((c) => ({ value: c, label: busLabels.healthCode(c) }))}
          />
        </Form.Item>
      </fieldset>

      <Form.Item name="note" label={t('buses.request.note')}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
      <Form.Item
        name="healthConsent"
        valuePropName="checked"
        extra={t('buses.request.noticeVersion', { version: TRAVEL_HEALTH_NOTICE_VERSION })}
        rules={[
          {
            validator: (_rule, value) =>
              value === true
                ? Promise.resolve()
                : Promise.reject(new Error(t('buses.request.consentRequired'))),
          },
        ]}
      >
        <Checkbox>{t('buses.request.consent')}</Checkbox>
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={create.isPending}>
        {t('buses.request.submit')}
      </Button>
    </Form>
  );
}
