import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  fieldMessage,
  KEY_GROUPS,
  parseIdNumber,
  SEEKER_MIN_AGE,
  type KeyGroup,
  type Problem,
  type PutResumeBody,
  type Resume,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, checkRule, ProblemAlert, requiredRule } from '../../app/form-errors';
import { useLabels } from '../../app/labels';
import { fenToYuan, yuanToFen } from '../../app/money';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { useLocale } from '../../i18n';
import { useEducationLevels } from '../reference/api';
import { OccupationSelect } from '../reference/occupation-select';
import { RegionSelect } from '../reference/region-select';
import { getMyResume, putMyResume, resumeKeys } from './api';
import { DesiredRegions } from '../reference/region-list';

type ExperienceRow = { employer: string; title: string; from: string; to?: string; description?: string };
type CertificateRow = { name: string; issuer?: string; obtainedOn?: string };

type ResumeForm = {
  fullName: string;
  idNumber?: string;
  removeIdNumber?: boolean;
  birthDate?: string;
  educationLevel?: string;
  skills: string[];
  experiences: ExperienceRow[];
  certificates: CertificateRow[];
  desiredOccupationCodes: string[];
  desiredDistrictCodes: string[];
  expectedSalaryYuan?: number | null;
  availableFrom?: string;
  willingToRelocate: boolean;
  currentRegionCode?: string;
  keyGroupConsent: boolean;
  keyGroups: KeyGroup[];
  visibilityConsent: boolean;
  visibleToEmployers: boolean;
};

const FIELDS = [
  'fullName',
  'idNumber',
  'birthDate',
  'educationLevel',
  'skills',
  'experiences',
  'certificates',
  'desiredOccupationCodes',
  'desiredDistrictCodes',
  'expectedSalaryYuan',
  'availableFrom',
  'willingToRelocate',
  'currentRegionCode',
  'keyGroups',
  'keyGroupConsent',
  'visibleToEmployers',
  'visibilityConsent',
] as const;
const LIST_FIELDS = ['experiences', 'certificates'] as const;
// API field → form field, where the form asks in other units.
const RENAMED: Record<string, string> = { expectedSalaryMinFen: 'expectedSalaryYuan' };

function renamePaths(problem: Problem): Problem {
  return {
    ...problem,
    errors: problem.errors?.map((e) => {
      const [head = '', ...rest] = e.path.split('.');
      return RENAMED[head] ? { ...e, path: [RENAMED[head], ...rest].join('.') } : e;
    }),
  };
}

function initialValues(resume: Resume | null): ResumeForm {
  return {
    fullName: resume?.fullName ?? '',
    birthDate: resume?.birthDate ?? undefined,
    educationLevel: resume?.educationLevel ?? undefined,
    skills: resume?.skills ?? [],
    experiences: (resume?.experiences ?? []).map((e) => ({
      employer: e.employer,
      title: e.title,
      from: e.from,
      to: e.to ?? undefined,
      description: e.description,
    })),
    certificates: (resume?.certificates ?? []).map((c) => ({
      name: c.name,
      issuer: c.issuer,
      obtainedOn: c.obtainedOn,
    })),
    desiredOccupationCodes: resume?.desiredOccupationCodes ?? [],
    desiredDistrictCodes: resume?.desiredDistrictCodes ?? [],
    expectedSalaryYuan: resume?.expectedSalaryMinFen != null ? fenToYuan(resume.expectedSalaryMinFen) : null,
    availableFrom: resume?.availableFrom ?? undefined,
    willingToRelocate: resume?.willingToRelocate ?? false,
    currentRegionCode: resume?.currentRegionCode ?? undefined,
    keyGroupConsent: (resume?.keyGroups.length ?? 0) > 0,
    keyGroups: resume?.keyGroups ?? [],
    visibilityConsent: resume?.visibleToEmployers ?? false,
    visibleToEmployers: resume?.visibleToEmployers ?? false,
  };
}

function toBody(values: ResumeForm, resume: Resume | null): PutResumeBody {
  const typedId = values.idNumber?.trim() ?? '';
  const parsed = typedId ? parseIdNumber(typedId) : null;
  let idNumber: string | null | undefined;
  let birthDate: string | undefined;
  if (parsed?.ok) {
    idNumber = parsed.value;
  } else if (resume?.idNumberMasked && !values.removeIdNumber) {
    // Omitted: the number on file stays. Its birth date goes along, as the contract asks for one.
    idNumber = undefined;
    birthDate = resume.birthDate ?? undefined;
  } else {
    idNumber = resume?.idNumberMasked ? null : undefined;
    birthDate = values.birthDate || undefined;
  }
  return {
    fullName: values.fullName.trim(),
    ...(idNumber !== undefined ? { idNumber } : {}),
    ...(birthDate ? { birthDate } : {}),
    educationLevel: values.educationLevel ?? '',
    skills: values.skills.map((s) => s.trim()).filter(Boolean),
    experiences: values.experiences.map((e) => ({
      employer: e.employer.trim(),
      title: e.title.trim(),
      from: e.from,
      to: e.to || null,
      description: e.description?.trim() ?? '',
    })),
    certificates: values.certificates.map((c) => ({
      name: c.name.trim(),
      issuer: c.issuer?.trim() ?? '',
      ...(c.obtainedOn ? { obtainedOn: c.obtainedOn } : {}),
    })),
    desiredOccupationCodes: values.desiredOccupationCodes,
    desiredDistrictCodes: values.desiredDistrictCodes,
    expectedSalaryMinFen:
      values.expectedSalaryYuan === null || values.expectedSalaryYuan === undefined
        ? null
        : yuanToFen(values.expectedSalaryYuan),
    availableFrom: values.availableFrom || null,
    willingToRelocate: values.willingToRelocate,
    currentRegionCode: values.currentRegionCode ?? null,
    keyGroups: values.keyGroupConsent ? values.keyGroups : [],
    keyGroupConsent: values.keyGroupConsent,
    visibleToEmployers: values.visibilityConsent && values.visibleToEmployers,
    visibilityConsent: values.visibilityConsent,
  };
}

export function ResumePage() {
  const { t } = useTranslation();
  usePageTitle(t('resume.title'));
  const resume = useQuery({ queryKey: resumeKeys.mine, queryFn: getMyResume });
  return (
    <div className="page page--reading">
      <Typography.Title level={1}>{t('resume.title')}</Typography.Title>
      {resume.isPending && <PageSpinner />}
      {resume.isError && (
        <>
          <ProblemAlert error={resume.error} />
          <Button onClick={() => void resume.refetch()}>{t('common.retry')}</Button>
        </>
      )}
      {resume.isSuccess && <ResumeForm resume={resume.data} />}
    </div>
  );
}

function ResumeForm({ resume }: { resume: Resume | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<ResumeForm>();
  const [initial] = useState(() => initialValues(resume));
  const education = useEducationLevels();
  const idNumber = (Form.useWatch('idNumber', form) ?? '').trim();
  const removeId = Form.useWatch('removeIdNumber', form) ?? false;
  const keyGroupConsent = Form.useWatch('keyGroupConsent', form) ?? false;
  const visibilityConsent = Form.useWatch('visibilityConsent', form) ?? false;
  const parsedId = idNumber ? parseIdNumber(idNumber, { minAge: SEEKER_MIN_AGE }) : null;
  const idOnFile = Boolean(resume?.idNumberMasked) && !removeId;
  const needsBirthDate = !(parsedId?.ok ?? false) && !idOnFile;
  const derived = parsedId?.ok
    ? { birthDate: parsedId.birthDate, gender: parsedId.gender }
    : idOnFile && resume
      ? { birthDate: resume.birthDate, gender: resume.gender }
      : null;

  const save = useMutation({
    mutationFn: (values: ResumeForm) => putMyResume(toBody(values, resume)),
    onSuccess: (saved) => {
      queryClient.setQueryData(resumeKeys.mine, saved);
      // Recommendations depend on the résumé.
      void queryClient.invalidateQueries({ queryKey: ['matching'] });
      void message.success(t('resume.saved'));
      form.setFieldsValue({ idNumber: '', removeIdNumber: false });
      const next = params.get('next');
      if (next && next.startsWith('/seeker/') && !next.startsWith('//')) void navigate(next);
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, renamePaths(error.problem), FIELDS, LIST_FIELDS);
    },
  });

  return (
    <>
      {!resume && <Alert type="info" showIcon title={t('resume.intro')} style={{ marginBottom: 16 }} />}
      <ProblemAlert error={save.error} fieldNames={[...FIELDS, 'expectedSalaryMinFen']} />
      <Form<ResumeForm>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={initial}
        onFinish={(values) => save.mutate(values)}
        scrollToFirstError={{ focus: true }}
      >
        <section aria-labelledby="resume-basic">
          <Typography.Title level={2} id="resume-basic">
            {t('resume.basic')}
          </Typography.Title>
          <Form.Item name="fullName" label={t('resume.fullName')} rules={[requiredRule(locale)]}>
            <Input autoComplete="name" maxLength={40} />
          </Form.Item>
          {resume?.idNumberMasked && (
            <Typography.Paragraph>
              {t('resume.idOnFile', { masked: resume.idNumberMasked })}
            </Typography.Paragraph>
          )}
          <Form.Item
            name="idNumber"
            label={resume?.idNumberMasked ? t('resume.idNumberReplace') : t('resume.idNumber')}
            rules={[
              checkRule((value) => {
                if (typeof value !== 'string' || value.trim() === '') return null;
                const result = parseIdNumber(value.trim(), { minAge: SEEKER_MIN_AGE });
                return result.ok ? null : fieldMessage(result.code, locale);
              }),
            ]}
            extra={
              <span aria-live="polite">
                {derived?.birthDate
                  ? t('resume.derived', {
                      birthDate: derived.birthDate,
                      gender: derived.gender ? labels.gender(derived.gender) : '—',
                    })
                  : t('resume.idHelp')}
              </span>
            }
          >
            <Input autoComplete="off" maxLength={18} spellCheck={false} inputMode="text" />
          </Form.Item>
          {resume?.idNumberMasked && (
            <Form.Item name="removeIdNumber" valuePropName="checked">
              <Checkbox>{t('resume.removeId')}</Checkbox>
            </Form.Item>
          )}
          {needsBirthDate && (
            <Form.Item
              name="birthDate"
              label={t('resume.birthDate')}
              extra={t('resume.birthDateHelp')}
              rules={[requiredRule(locale)]}
            >
              <Input type="date" max={new Date().toISOString().slice(0, 10)} />
            </Form.Item>
          )}
          <Form.Item name="educationLevel" label={t('resume.education')} rules={[requiredRule(locale)]}>
            <Select
              loading={education.isPending}
              options={(education.data ?? []).map((e) => ({
                value: e.code,
                label: locale === 'en-US' ? e.nameEn : e.nameZh,
              }))}
            />
          </Form.Item>
          <Form.Item name="currentRegionCode" label={t('resume.currentRegion')}>
            <RegionSelect labelPrefix={t('resume.currentRegion')} />
          </Form.Item>
        </section>

        <section aria-labelledby="resume-skills">
          <Typography.Title level={2} id="resume-skills">
            {t('resume.skillsTitle')}
          </Typography.Title>
          <Form.Item name="skills" label={t('resume.skills')} extra={t('resume.skillsHelp')}>
            <Select
              mode="tags"
              tokenSeparators={[',', '，', '、', ' ']}
              suffixIcon={null}
              notFoundContent={null}
            />
          </Form.Item>

          <Typography.Title level={3}>{t('resume.experiences')}</Typography.Title>
          <Form.List name="experiences">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Card
                    key={field.key}
                    size="small"
                    className="list-card"
                    title={<h4 className="card-heading">{t('resume.experienceN', { n: index + 1 })}</h4>}
                    extra={
                      <Button
                        type="link"
                        danger
                        icon={<DeleteOutlined aria-hidden />}
                        onClick={() => remove(field.name)}
                      >
                        {t('common.remove')}
                        <span className="sr-only"> {t('resume.experienceN', { n: index + 1 })}</span>
                      </Button>
                    }
                  >
                    <Form.Item
                      name={[field.name, 'employer']}
                      label={t('resume.employer')}
                      rules={[requiredRule(locale)]}
                    >
                      <Input maxLength={100} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'title']}
                      label={t('resume.jobTitle')}
                      rules={[requiredRule(locale)]}
                    >
                      <Input maxLength={60} />
                    </Form.Item>
                    <Space wrap>
                      <Form.Item
                        name={[field.name, 'from']}
                        label={t('resume.from')}
                        rules={[requiredRule(locale)]}
                        extra={t('resume.monthHelp')}
                      >
                        <Input type="month" />
                      </Form.Item>
                      <Form.Item name={[field.name, 'to']} label={t('resume.to')} extra={t('resume.toHelp')}>
                        <Input type="month" />
                      </Form.Item>
                    </Space>
                    <Form.Item name={[field.name, 'description']} label={t('resume.experienceDescription')}>
                      <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} />
                    </Form.Item>
                  </Card>
                ))}
                <Button
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => add({ employer: '', title: '', from: '' })}
                >
                  {t('resume.addExperience')}
                </Button>
              </>
            )}
          </Form.List>

          <Typography.Title level={3}>{t('resume.certificates')}</Typography.Title>
          <Form.List name="certificates">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Card
                    key={field.key}
                    size="small"
                    className="list-card"
                    title={<h4 className="card-heading">{t('resume.certificateN', { n: index + 1 })}</h4>}
                    extra={
                      <Button
                        type="link"
                        danger
                        icon={<DeleteOutlined aria-hidden />}
                        onClick={() => remove(field.name)}
                      >
                        {t('common.remove')}
                        <span className="sr-only"> {t('resume.certificateN', { n: index + 1 })}</span>
                      </Button>
                    }
                  >
                    <Form.Item
                      name={[field.name, 'name']}
                      label={t('resume.certificateName')}
                      rules={[requiredRule(locale)]}
                    >
                      <Input maxLength={60} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'issuer']} label={t('resume.certificateIssuer')}>
                      <Input maxLength={100} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'obtainedOn']} label={t('resume.certificateDate')}>
                      <Input type="date" />
                    </Form.Item>
                  </Card>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ name: '' })}>
                  {t('resume.addCertificate')}
                </Button>
              </>
            )}
          </Form.List>
        </section>

        <section aria-labelledby="resume-wishes">
          <Typography.Title level={2} id="resume-wishes">
            {t('resume.wishes')}
          </Typography.Title>
          <Form.Item
            name="desiredOccupationCodes"
            label={t('resume.desiredOccupations')}
            extra={t('resume.desiredOccupationsHelp')}
          >
            <OccupationSelect mode="multiple" />
          </Form.Item>
          <Form.Item name="desiredDistrictCodes" label={t('resume.desiredDistricts')}>
            <DesiredRegions />
          </Form.Item>
          <Form.Item
            name="expectedSalaryYuan"
            label={t('resume.expectedSalary')}
            extra={t('resume.expectedSalaryHelp')}
          >
            <InputNumber
              min={0}
              max={1_000_000}
              step={100}
              precision={0}
              inputMode="numeric"
              style={{ width: 200 }}
              suffix={t('resume.yuanPerMonth')}
            />
          </Form.Item>
          <Form.Item name="availableFrom" label={t('resume.availableFrom')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="willingToRelocate" valuePropName="checked">
            <Checkbox>{t('resume.willingToRelocate')}</Checkbox>
          </Form.Item>
        </section>

        <section aria-labelledby="resume-key-groups" className="consent-section">
          <Typography.Title level={2} id="resume-key-groups">
            {t('resume.keyGroupsTitle')}
          </Typography.Title>
          <Typography.Paragraph>{t('resume.keyGroupsNotice')}</Typography.Paragraph>
          <Form.Item name="keyGroupConsent" valuePropName="checked">
            <Checkbox>{t('resume.keyGroupConsent')}</Checkbox>
          </Form.Item>
          <Form.Item name="keyGroups" label={t('resume.keyGroups')}>
            <Checkbox.Group<KeyGroup>
              className="checkbox-grid"
              disabled={!keyGroupConsent}
              options={KEY_GROUPS.map((g) => ({ value: g, label: labels.keyGroup(g) }))}
            />
          </Form.Item>
        </section>

        <section aria-labelledby="resume-visibility" className="consent-section">
          <Typography.Title level={2} id="resume-visibility">
            {t('resume.visibilityTitle')}
          </Typography.Title>
          <Typography.Paragraph>{t('resume.visibilityNotice')}</Typography.Paragraph>
          <Form.Item name="visibilityConsent" valuePropName="checked">
            <Checkbox>{t('resume.visibilityConsent')}</Checkbox>
          </Form.Item>
          <Form.Item name="visibleToEmployers" valuePropName="checked" label={t('resume.visibleToEmployers')}>
            <Switch disabled={!visibilityConsent} />
          </Form.Item>
        </section>

        <Button type="primary" htmlType="submit" size="large" block loading={save.isPending}>
          {t('resume.save')}
        </Button>
      </Form>
    </>
  );
}
