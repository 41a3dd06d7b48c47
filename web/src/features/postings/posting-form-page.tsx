import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  BENEFITS,
  EMPLOYMENT_TYPES,
  fieldMessage,
  POSTING_MAX_DAYS,
  SALARY_PERIODS,
  type DiscriminationFlag,
  type Posting,
  type Problem,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, checkRule, ProblemAlert, requiredRule } from '../../app/form-errors';
import { POSTING_TONE, useLabels } from '../../app/labels';
import { fenToYuan, yuanToFen } from '../../app/money';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { StatusChip } from '../../app/status-chip';
import { useDebouncedValue } from '../../app/use-debounced';
import { useLocale } from '../../i18n';
import { useMyEnterprises } from '../enterprises/use-my-enterprises';
import { useDistricts, useEducationLevels } from '../reference/api';
import { OccupationSelect } from '../reference/occupation-select';
import { DesiredRegions } from '../reference/region-list';
import { checkText, createPosting, getPosting, postingKeys, updatePosting } from './api';
import { FlagList } from './flag-hints';
import { isBenefit, type Benefit } from '../search/api';

type PostingFormValues = {
  enterpriseId: string;
  title: string;
  occupationCode?: string;
  description: string;
  districtCode?: string;
  address: string;
  headcount: number;
  salaryMinYuan?: number | null;
  salaryMaxYuan?: number | null;
  salaryPeriod: Posting['salaryPeriod'];
  employmentType: Posting['employmentType'];
  educationLevel?: string | null;
  experienceYears: number;
  skills: string[];
  benefits: Benefit[];
  targetRegionCodes: string[];
  expiresOn: string;
};

const FIELDS = [
  'enterpriseId',
  'title',
  'occupationCode',
  'description',
  'districtCode',
  'address',
  'headcount',
  'salaryMinYuan',
  'salaryMaxYuan',
  'salaryPeriod',
  'employmentType',
  'educationLevel',
  'experienceYears',
  'skills',
  'benefits',
  'targetRegionCodes',
  'expiresOn',
] as const;
const RENAMED: Record<string, string> = { salaryMinFen: 'salaryMinYuan', salaryMaxFen: 'salaryMaxYuan' };

function renamePaths(problem: Problem): Problem {
  return {
    ...problem,
    errors: problem.errors?.map((e) => {
      const [head = '', ...rest] = e.path.split('.');
      return RENAMED[head] ? { ...e, path: [RENAMED[head], ...rest].join('.') } : e;
    }),
  };
}

/** YYYY-MM-DD in China, `days` from today. */
function chinaDate(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
}

function valuesOf(p: Posting): PostingFormValues {
  return {
    enterpriseId: p.enterpriseId,
    title: p.title,
    occupationCode: p.occupationCode,
    description: p.description,
    districtCode: p.districtCode,
    address: p.address,
    headcount: p.headcount,
    salaryMinYuan: fenToYuan(p.salaryMinFen),
    salaryMaxYuan: fenToYuan(p.salaryMaxFen),
    salaryPeriod: p.salaryPeriod,
    employmentType: p.employmentType,
    educationLevel: p.educationLevel,
    experienceYears: p.experienceYears,
    skills: p.skills,
    benefits: p.benefits.filter(isBenefit),
    targetRegionCodes: p.targetRegionCodes,
    expiresOn: p.expiresOn,
  };
}

export function NewPostingPage() {
  const { t } = useTranslation();
  usePageTitle(t('postings.newTitle'));
  const mine = useMyEnterprises();
  const [params] = useSearchParams();
  return (
    <div className="page page--reading">
      <Typography.Title level={1}>{t('postings.newTitle')}</Typography.Title>
      {mine.isPending && <PageSpinner />}
      <ProblemAlert error={mine.error} />
      {mine.data?.length === 0 && <Alert type="info" showIcon title={t('postings.needEnterprise')} />}
      {mine.data && mine.data.length > 0 && (
        <PostingForm
          enterprises={mine.data}
          defaultEnterpriseId={params.get('enterprise') ?? mine.data[0]!.id}
        />
      )}
    </div>
  );
}

export function EditPostingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const mine = useMyEnterprises();
  const posting = useQuery({ queryKey: postingKeys.one(id), queryFn: () => getPosting(id) });
  usePageTitle(t('postings.editTitle'));
  return (
    <div className="page page--reading">
      <Typography.Title level={1}>{t('postings.editTitle')}</Typography.Title>
      {(posting.isPending || mine.isPending) && <PageSpinner />}
      <ProblemAlert error={posting.error ?? mine.error} />
      {posting.data && mine.data && (
        <PostingForm
          key={`${posting.data.id}-${posting.data.version}`}
          enterprises={mine.data}
          posting={posting.data}
        />
      )}
    </div>
  );
}

function PostingForm({
  enterprises,
  posting,
  defaultEnterpriseId,
}: {
  enterprises: { id: string; name: string; status: string }[];
  posting?: Posting;
  defaultEnterpriseId?: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<PostingFormValues>();
  const districts = useDistricts();
  const education = useEducationLevels();
  const [submitMode, setSubmitMode] = useState<'submit' | 'draft' | 'save'>('submit');
  const [initial] = useState<PostingFormValues>(() =>
    posting
      ? valuesOf(posting)
      : {
          enterpriseId: defaultEnterpriseId ?? enterprises[0]?.id ?? '',
          title: '',
          description: '',
          address: '',
          headcount: 1,
          salaryPeriod: 'month',
          employmentType: 'full_time',
          educationLevel: null,
          experienceYears: 0,
          skills: [],
          benefits: [],
          targetRegionCodes: [],
          expiresOn: chinaDate(60),
        },
  );

  // Live discrimination hints: the text as typed, checked half a second after typing stops.
  const title = Form.useWatch('title', form) ?? initial.title;
  const description = Form.useWatch('description', form) ?? initial.description;
  const skills = Form.useWatch('skills', form) ?? initial.skills;
  const text = useDebouncedValue({ title, description, skills }, 500);
  const hasText = Boolean(text.title.trim() || text.description.trim() || text.skills.length > 0);
  const check = useQuery({
    queryKey: postingKeys.check(text),
    queryFn: ({ signal }) => checkText(text, signal),
    enabled: hasText,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
  const flags: DiscriminationFlag[] = hasText ? (check.data ?? []) : [];
  const flagsOf = (field: DiscriminationFlag['field']) => flags.filter((f) => f.field === field);

  const save = useMutation({
    mutationFn: (v: PostingFormValues) => {
      const fields = {
        title: v.title.trim(),
        occupationCode: v.occupationCode ?? '',
        description: v.description.trim(),
        districtCode: v.districtCode ?? '',
        address: v.address.trim(),
        headcount: v.headcount,
        salaryMinFen: yuanToFen(v.salaryMinYuan ?? 0),
        salaryMaxFen: yuanToFen(v.salaryMaxYuan ?? 0),
        salaryPeriod: v.salaryPeriod,
        employmentType: v.employmentType,
        educationLevel: v.educationLevel ?? null,
        experienceYears: v.experienceYears,
        skills: v.skills.map((s) => s.trim()).filter(Boolean),
        benefits: v.benefits,
        targetRegionCodes: v.targetRegionCodes,
        expiresOn: v.expiresOn,
      };
      if (!posting)
        return createPosting({ ...fields, enterpriseId: v.enterpriseId, submit: submitMode !== 'draft' });
      const resubmit = submitMode === 'submit' && ['draft', 'rejected'].includes(posting.status);
      return updatePosting(posting.id, {
        ...fields,
        version: posting.version,
        ...(resubmit ? { status: 'pending_review' as const } : {}),
      });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(postingKeys.one(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: postingKeys.all });
      void message.success(saved.status === 'pending_review' ? t('postings.submitted') : t('common.saved'));
      void navigate(`/employer/postings/${saved.id}`);
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, renamePaths(error.problem), FIELDS);
    },
  });

  const flagCount = flags.length;
  const enterpriseId = (Form.useWatch('enterpriseId', form) as string | undefined) ?? initial.enterpriseId;
  return (
    <>
      {posting && (
        <Typography.Paragraph>
          {t('postings.currentStatus')}{' '}
          <StatusChip tone={POSTING_TONE[posting.status]}>{labels.postingStatus(posting.status)}</StatusChip>
        </Typography.Paragraph>
      )}
      {posting?.status === 'rejected' && posting.reviewReason && (
        <Alert
          type="error"
          showIcon
          title={t('postings.rejectedReason', { reason: posting.reviewReason })}
          style={{ marginBottom: 16 }}
        />
      )}
      {posting && ['published', 'paused'].includes(posting.status) && (
        <Alert type="info" showIcon title={t('postings.materialEditNote')} style={{ marginBottom: 16 }} />
      )}
      <ProblemAlert error={save.error} fieldNames={[...FIELDS, 'salaryMinFen', 'salaryMaxFen']} />
      <div className="sr-only" role="status" aria-live="polite">
        {hasText && check.isSuccess
          ? flagCount > 0
            ? t('postings.flags.found', { count: flagCount })
            : t('postings.flags.none')
          : ''}
      </div>
      <Form<PostingFormValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={initial}
        onFinish={(v) => save.mutate(v)}
        scrollToFirstError={{ focus: true }}
      >
        {!posting && enterprises.length > 1 && (
          <Form.Item name="enterpriseId" label={t('postings.enterprise')} rules={[requiredRule(locale)]}>
            <Select options={enterprises.map((e) => ({ value: e.id, label: e.name }))} />
          </Form.Item>
        )}
        {!posting && enterprises.length === 1 && (
          <Form.Item name="enterpriseId" hidden>
            <Input />
          </Form.Item>
        )}
        {!posting && enterprises.length === 1 && (
          <Typography.Paragraph>
            {t('postings.enterprise')}：{enterprises[0]!.name}
          </Typography.Paragraph>
        )}
        {!posting && enterprises.find((e) => e.id === enterpriseId)?.status !== 'verified' && (
          <Alert
            type="warning"
            showIcon
            title={t('postings.enterpriseNotVerified')}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form.Item
          name="title"
          label={t('postings.title')}
          rules={[requiredRule(locale)]}
          extra={<FlagList flags={flagsOf('title')} />}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="occupationCode" label={t('postings.occupation')} rules={[requiredRule(locale)]}>
          <OccupationSelect />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('postings.description')}
          extra={
            <>
              <div>{t('postings.descriptionHelp')}</div>
              <FlagList flags={flagsOf('description')} />
            </>
          }
        >
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 4, maxRows: 12 }} />
        </Form.Item>
        <Space wrap align="start" size={16}>
          <Form.Item name="districtCode" label={t('postings.district')} rules={[requiredRule(locale)]}>
            <Select
              style={{ minWidth: 180 }}
              loading={districts.isPending}
              options={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
            />
          </Form.Item>
          <Form.Item name="headcount" label={t('postings.headcount')} rules={[requiredRule(locale)]}>
            <InputNumber min={1} max={10000} precision={0} inputMode="numeric" />
          </Form.Item>
        </Space>
        <Form.Item name="address" label={t('postings.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <fieldset className="fieldset">
          <legend>{t('postings.salary')}</legend>
          <Form.Item name="salaryPeriod" label={t('postings.salaryPeriod')} rules={[requiredRule(locale)]}>
            <Radio.Group
              aria-label={t('postings.salaryPeriod')}
              options={SALARY_PERIODS.map((p) => ({ value: p, label: labels.salaryPeriod(p) }))}
            />
          </Form.Item>
          <Space wrap align="start" size={16}>
            <Form.Item name="salaryMinYuan" label={t('postings.salaryMin')} rules={[requiredRule(locale)]}>
              <InputNumber
                min={0}
                max={1_000_000}
                step={100}
                style={{ width: 170 }}
                inputMode="decimal"
                suffix={t('postings.yuan')}
              />
            </Form.Item>
            <Form.Item
              name="salaryMaxYuan"
              label={t('postings.salaryMax')}
              dependencies={['salaryMinYuan']}
              rules={[
                requiredRule(locale),
                checkRule((value) => {
                  const min = form.getFieldValue('salaryMinYuan') as number | null | undefined;
                  return typeof value === 'number' && typeof min === 'number' && value < min
                    ? fieldMessage('salary_range', locale)
                    : null;
                }),
              ]}
            >
              <InputNumber
                min={0}
                max={1_000_000}
                step={100}
                style={{ width: 170 }}
                inputMode="decimal"
                suffix={t('postings.yuan')}
              />
            </Form.Item>
          </Space>
        </fieldset>
        <Form.Item name="employmentType" label={t('postings.employmentType')} rules={[requiredRule(locale)]}>
          <Radio.Group
            aria-label={t('postings.employmentType')}
            options={EMPLOYMENT_TYPES.map((e) => ({ value: e, label: labels.employmentType(e) }))}
          />
        </Form.Item>
        <Space wrap align="start" size={16}>
          <Form.Item name="educationLevel" label={t('postings.education')}>
            <Select
              style={{ minWidth: 180 }}
              allowClear
              placeholder={t('posting.noRequirement')}
              loading={education.isPending}
              options={(education.data ?? []).map((e) => ({
                value: e.code,
                label: locale === 'en-US' ? e.nameEn : e.nameZh,
              }))}
            />
          </Form.Item>
          <Form.Item name="experienceYears" label={t('postings.experienceYears')}>
            <InputNumber min={0} max={50} precision={0} inputMode="numeric" />
          </Form.Item>
        </Space>
        <Form.Item
          name="skills"
          label={t('postings.skills')}
          extra={
            <>
              <div>{t('resume.skillsHelp')}</div>
              <FlagList flags={flagsOf('skills')} />
            </>
          }
        >
          <Select mode="tags" tokenSeparators={[',', '，', '、']} suffixIcon={null} notFoundContent={null} />
        </Form.Item>
        <Form.Item name="benefits" label={t('postings.benefits')}>
          <Checkbox.Group<Benefit>
            className="checkbox-grid"
            options={BENEFITS.map((b) => ({ value: b, label: labels.benefit(b) }))}
          />
        </Form.Item>
        <Form.Item
          name="targetRegionCodes"
          label={t('postings.targetRegions')}
          extra={t('postings.targetRegionsHelp')}
        >
          <DesiredRegions withZhanjiang={false} />
        </Form.Item>
        <Form.Item
          name="expiresOn"
          label={t('postings.expiresOn')}
          extra={t('postings.expiresOnHelp', { days: POSTING_MAX_DAYS })}
          rules={[requiredRule(locale)]}
        >
          <Input type="date" min={chinaDate(0)} max={chinaDate(POSTING_MAX_DAYS)} />
        </Form.Item>
        {flagCount > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('postings.flags.beforeSubmit', { count: flagCount })}
            style={{ marginBottom: 16 }}
          />
        )}
        <div className="form-actions">
          {!posting && (
            <>
              <Button
                type="primary"
                htmlType="submit"
                loading={save.isPending && submitMode === 'submit'}
                onClick={() => setSubmitMode('submit')}
              >
                {t('postings.submitForReview')}
              </Button>
              <Button
                htmlType="submit"
                loading={save.isPending && submitMode === 'draft'}
                onClick={() => setSubmitMode('draft')}
              >
                {t('postings.saveDraft')}
              </Button>
            </>
          )}
          {posting && ['draft', 'rejected'].includes(posting.status) && (
            <Button
              type="primary"
              htmlType="submit"
              loading={save.isPending && submitMode === 'submit'}
              onClick={() => setSubmitMode('submit')}
            >
              {t('postings.saveAndSubmit')}
            </Button>
          )}
          {posting && (
            <Button
              type={['draft', 'rejected'].includes(posting.status) ? 'default' : 'primary'}
              htmlType="submit"
              loading={save.isPending && submitMode === 'save'}
              onClick={() => setSubmitMode('save')}
            >
              {t('common.save')}
            </Button>
          )}
        </div>
      </Form>
    </>
  );
}
