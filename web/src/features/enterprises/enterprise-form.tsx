import { Button, Form, Input, Radio, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { checkCreditCode, ENTERPRISE_SIZES, fieldMessage, PhoneSchema, type Enterprise } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import {
  applyProblemToForm,
  checkRule,
  displayNameRules,
  phoneRules,
  ProblemAlert,
  requiredRule,
} from '../../app/form-errors';
import { useLabels } from '../../app/labels';
import { useLocale } from '../../i18n';
import { useDistricts, useIndustries } from '../reference/api';
import { createEnterprise, updateEnterprise } from './api';

type EnterpriseFormValues = {
  name: string;
  creditCode: string;
  industryCode: string;
  districtCode: string;
  size: Enterprise['size'];
  address: string;
  contactName: string;
  contactPhone: string;
};
const FIELDS = [
  'name',
  'creditCode',
  'industryCode',
  'districtCode',
  'size',
  'address',
  'contactName',
  'contactPhone',
] as const;

/**
 * Register an enterprise, or edit one (the credit code is fixed once registered). The credit code
 * is checked as it is typed with the shared validator: a malformed code is an error, a failed check
 * character only a warning, since some genuine early codes fail it and staff confirm them.
 */
export function EnterpriseForm({
  enterprise,
  onSaved,
  onCancel,
}: {
  enterprise?: Enterprise;
  onSaved: (saved: Enterprise) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabels();
  const [form] = Form.useForm<EnterpriseFormValues>();
  const districts = useDistricts();
  const industries = useIndustries();

  const save = useMutation({
    mutationFn: (v: EnterpriseFormValues) => {
      const common = {
        name: v.name.trim(),
        industryCode: v.industryCode,
        districtCode: v.districtCode,
        size: v.size,
        address: v.address.trim(),
        contactName: v.contactName.trim(),
        contactPhone: PhoneSchema.parse(v.contactPhone),
      };
      return enterprise
        ? updateEnterprise(enterprise.id, common)
        : createEnterprise({ ...common, creditCode: v.creditCode.trim().toUpperCase() });
    },
    onSuccess: onSaved,
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, FIELDS);
    },
  });

  return (
    <>
      <ProblemAlert error={save.error} fieldNames={FIELDS} />
      <Form<EnterpriseFormValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={
          enterprise
            ? {
                name: enterprise.name,
                creditCode: enterprise.creditCode,
                industryCode: enterprise.industryCode,
                districtCode: enterprise.districtCode,
                size: enterprise.size,
                address: enterprise.address,
                contactName: enterprise.contactName,
                contactPhone: enterprise.contactPhone,
              }
            : { size: 'small' }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t('enterprise.name')} rules={[requiredRule(locale)]}>
          <Input maxLength={100} autoComplete="organization" />
        </Form.Item>
        {!enterprise && (
          <Form.Item
            name="creditCode"
            label={t('enterprise.creditCode')}
            extra={t('enterprise.creditCodeHelp')}
            validateFirst
            rules={[
              requiredRule(locale),
              checkRule((value) =>
                typeof value === 'string' && value.trim() !== '' && !checkCreditCode(value.trim()).ok
                  ? fieldMessage('credit_code_format', locale)
                  : null,
              ),
              {
                warningOnly: true,
                validator: (_rule, value: unknown) => {
                  const result = typeof value === 'string' ? checkCreditCode(value.trim()) : null;
                  return result?.ok && !result.checksumValid
                    ? Promise.reject(new Error(fieldMessage('credit_code_checksum', locale)))
                    : Promise.resolve();
                },
              },
            ]}
          >
            <Input
              maxLength={18}
              autoComplete="off"
              spellCheck={false}
              style={{ textTransform: 'uppercase' }}
            />
          </Form.Item>
        )}
        <Form.Item name="industryCode" label={t('enterprise.industry')} rules={[requiredRule(locale)]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={industries.isPending}
            options={(industries.data ?? []).map((i) => ({
              value: i.code,
              label: `${i.code} ${locale === 'en-US' ? i.nameEn : i.nameZh}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="districtCode" label={t('enterprise.district')} rules={[requiredRule(locale)]}>
          <Select
            loading={districts.isPending}
            options={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="size" label={t('enterprise.size')} rules={[requiredRule(locale)]}>
          <Radio.Group
            aria-label={t('enterprise.size')}
            options={ENTERPRISE_SIZES.map((s) => ({ value: s, label: labels.enterpriseSize(s) }))}
          />
        </Form.Item>
        <Form.Item name="address" label={t('enterprise.address')} rules={[requiredRule(locale)]}>
          <Input maxLength={200} autoComplete="street-address" />
        </Form.Item>
        <Form.Item name="contactName" label={t('enterprise.contactName')} rules={displayNameRules(locale)}>
          <Input maxLength={60} autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t('enterprise.contactPhone')}
          rules={phoneRules(locale)}
          validateTrigger="onBlur"
        >
          <Input type="tel" inputMode="tel" autoComplete="tel" />
        </Form.Item>
        <div className="form-actions">
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {enterprise ? t('common.save') : t('enterprise.create')}
          </Button>
          {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
        </div>
      </Form>
    </>
  );
}
