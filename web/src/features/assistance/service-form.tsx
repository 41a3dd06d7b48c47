import { useState } from 'react';
import { App, Button, Form, Input, Radio, Select } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SERVICE_KINDS, type CreateServiceBody, type ServiceKind } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { useDebouncedValue } from '../../app/use-debounced';
import { useLocale } from '../../i18n';
import { searchPostings } from '../search/api';
import { listCourses, trainingKeys } from '../training/api';
import { addService, assistanceKeys, listPolicyOptions } from './api';
import { addDays, chinaToday } from './dates';
import { useAssistanceLabels } from './labels';

type ServiceValues = {
  kind: ServiceKind;
  postingId?: string;
  courseId?: string;
  policyCode?: string;
  note?: string;
  followUpDue?: string;
};
const FIELDS = ['kind', 'postingId', 'courseId', 'policyCode', 'note', 'followUpDue'] as const;

/** Two weeks: long enough for an interview to happen, short enough that nobody is forgotten. */
const DEFAULT_FOLLOW_UP_DAYS = 14;

/** Published postings found by words as the officer types (the public search). */
function PostingPicker({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['assistance', 'posting-picker', q],
    queryFn: ({ signal }) => searchPostings({ q }, 1, signal),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
  const [labels, setLabels] = useState(new Map<string, string>());
  const options = (found.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.title} · ${p.enterpriseName} · ${p.districtName}`,
  }));
  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(v, option) => {
        const o = Array.isArray(option) ? option[0] : option;
        if (o && typeof o.label === 'string') setLabels((m) => new Map(m).set(v, o.label as string));
        onChange?.(v);
      }}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      loading={found.isFetching}
      notFoundContent={q ? t('assistance.services.noPosting') : t('assistance.services.typeToSearch')}
      options={
        value && !options.some((o) => o.value === value)
          ? [{ value, label: labels.get(value) ?? value }, ...options]
          : options
      }
      placeholder={t('assistance.services.postingPlaceholder')}
      style={{ width: '100%' }}
    />
  );
}

/**
 * Records a service given to the person: a job referral names a published posting, a training
 * referral a course, a policy referral a policy; each may set the day the officer checks the result.
 */
export function ServiceForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useAssistanceLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ServiceValues>();
  const kind = Form.useWatch('kind', form) ?? 'job_referral';
  const courses = useQuery({
    queryKey: trainingKeys.courses({ status: 'open', pageSize: 100 }),
    queryFn: () => listCourses({ status: 'open', page: 1, pageSize: 100 }),
    enabled: kind === 'training_referral',
  });
  const policies = useQuery({
    queryKey: assistanceKeys.policies,
    queryFn: listPolicyOptions,
    enabled: kind === 'policy_referral',
    staleTime: 10 * 60_000,
  });
  const save = useMutation({
    mutationFn: (v: ServiceValues) => {
      const body: CreateServiceBody = {
        kind: v.kind,
        ...(v.kind === 'job_referral' && v.postingId ? { postingId: v.postingId } : {}),
        ...(v.kind === 'training_referral' && v.courseId ? { courseId: v.courseId } : {}),
        ...(v.kind === 'policy_referral' && v.policyCode ? { policyCode: v.policyCode } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        ...(v.followUpDue ? { followUpDue: v.followUpDue } : {}),
      };
      return addService(caseId, body);
    },
    onSuccess: (updated, v) => {
      queryClient.setQueryData(assistanceKeys.case(caseId), updated);
      void queryClient.invalidateQueries({ queryKey: assistanceKeys.all });
      void message.success(t('assistance.services.saved', { kind: labels.serviceKind(v.kind) }));
      form.resetFields();
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, FIELDS);
    },
  });
  const today = chinaToday();
  return (
    <div className="phone-card">
      <h3 className="service__title">{t('assistance.services.add')}</h3>
      <ProblemAlert error={save.error} fieldNames={FIELDS} />
      <Form<ServiceValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ kind: 'job_referral', followUpDue: addDays(today, DEFAULT_FOLLOW_UP_DAYS) }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="kind" label={t('assistance.services.kind')} rules={[requiredRule(locale)]}>
          <Radio.Group
            optionType="button"
            options={SERVICE_KINDS.map((k) => ({ value: k, label: labels.serviceKind(k) }))}
          />
        </Form.Item>
        {kind === 'job_referral' && (
          <Form.Item
            name="postingId"
            label={t('assistance.services.posting')}
            extra={t('assistance.services.postingHelp')}
            rules={[requiredRule(locale)]}
          >
            <PostingPicker />
          </Form.Item>
        )}
        {kind === 'training_referral' && (
          <Form.Item name="courseId" label={t('assistance.services.course')}>
            <Select<string>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={courses.isPending}
              options={(courses.data?.items ?? []).map((c) => ({
                value: c.id,
                label: `${c.title} · ${c.providerName} · ${t('training.course.placesLeft', { count: c.placesLeft })}`,
              }))}
            />
          </Form.Item>
        )}
        {kind === 'policy_referral' && (
          <Form.Item name="policyCode" label={t('assistance.services.policy')} rules={[requiredRule(locale)]}>
            <Select<string>
              showSearch={{ optionFilterProp: 'label' }}
              loading={policies.isPending}
              options={(policies.data ?? []).map((p) => ({
                value: p.code,
                label: locale === 'en-US' ? p.nameEn : p.nameZh,
              }))}
            />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('assistance.services.note')}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item
          name="followUpDue"
          label={t('assistance.services.followUpDueLabel')}
          extra={t('assistance.services.followUpDueHelp')}
        >
          <Input type="date" min={today} style={{ maxWidth: 200 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('assistance.services.submit')}
        </Button>
      </Form>
    </div>
  );
}
