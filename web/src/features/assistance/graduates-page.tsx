import { useState } from 'react';
import { App, Button, Checkbox, Form, Input, InputNumber, Modal, Select, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EMPLOYMENT_STATUSES, fieldMessage, type EmploymentStatus, type Graduate } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, checkRule, phoneRules, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useSignedInMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import '../../i18n/assistance';
import { useDistricts, useEducationLevels, useNamedCodes } from '../reference/api';
import { assistanceKeys, createGraduate, listGraduates } from './api';
import { IdNumberField } from './id-number-field';
import { KeyGroupTags } from './key-groups';
import { EMPLOYMENT_TONE, useAssistanceLabels } from './labels';
import './assistance.css';
import { TableEmpty } from './table-empty';

function isEmploymentStatus(v: string | null): v is EmploymentStatus {
  return v !== null && (EMPLOYMENT_STATUSES as readonly string[]).includes(v);
}

/**
 * The college graduate registry (from colleges, self-registration and the desk). Graduates within
 * two years of leaving school are a key group: their services are tracked as cases.
 */
export function GraduatesPage() {
  const { t } = useTranslation();
  usePageTitle(t('assistance.graduates.title'));
  const locale = useLocale();
  const labels = useAssistanceLabels();
  const me = useSignedInMe();
  const education = useNamedCodes('education');
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const school = params.get('school') ?? undefined;
  const yearParam = Number(params.get('year'));
  const graduationYear = yearParam >= 1950 && yearParam <= 2100 ? yearParam : undefined;
  const statusParam = params.get('status');
  const employmentStatus = isEmploymentStatus(statusParam) ? statusParam : undefined;
  const [schoolText, setSchoolText] = useState(school ?? '');
  const [adding, setAdding] = useState(false);
  const query = { school, graduationYear, employmentStatus, page, pageSize: 20 };
  const list = useQuery({
    queryKey: assistanceKeys.graduates(query),
    queryFn: () => listGraduates(query),
    placeholderData: keepPreviousData,
  });
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  const staff = me.role === 'staff';
  const columns: TableProps<Graduate>['columns'] = [
    {
      title: t('assistance.person.fullName'),
      key: 'name',
      render: (_v, g) => (staff ? <Link to={`/staff/persons/${g.personId}`}>{g.fullName}</Link> : g.fullName),
    },
    {
      title: t('assistance.person.idNumber'),
      key: 'id',
      render: (_v, g) => <span className="mono">{g.idNumberMasked ?? '—'}</span>,
    },
    { title: t('assistance.facts.school'), key: 'school', render: (_v, g) => `${g.school} · ${g.major}` },
    {
      title: t('assistance.facts.educationLevel'),
      key: 'edu',
      render: (_v, g) => education.get(g.educationLevel) ?? g.educationLevel,
    },
    {
      title: t('assistance.facts.graduationDate'),
      key: 'date',
      render: (_v, g) => formatDate(g.graduationDate, locale),
    },
    {
      title: t('assistance.graduates.source'),
      key: 'source',
      render: (_v, g) => labels.graduateSource(g.source),
    },
    {
      title: t('assistance.person.employmentStatus'),
      key: 'status',
      render: (_v, g) => (
        <StatusChip tone={EMPLOYMENT_TONE[g.employmentStatus]}>
          {labels.employmentStatus(g.employmentStatus)}
        </StatusChip>
      ),
    },
    {
      title: t('assistance.keyGroups.title'),
      key: 'groups',
      render: (_v, g) => <KeyGroupTags tags={g.keyGroups} />,
    },
    ...(staff
      ? [
          {
            title: t('assistance.persons.case'),
            key: 'case',
            render: (_v: unknown, g: Graduate) =>
              g.caseId ? (
                <Link to={`/staff/cases/${g.caseId}`}>
                  {t('assistance.persons.openCase')}
                  <span className="sr-only"> {g.fullName}</span>
                </Link>
              ) : (
                '—'
              ),
          },
        ]
      : []),
  ];
  return (
    <div className="page page--wide">
      <div className="section-head">
        <Typography.Title level={1}>{t('assistance.graduates.title')}</Typography.Title>
        <Button type="primary" onClick={() => setAdding(true)}>
          {t('assistance.graduates.add')}
        </Button>
      </div>
      <div className="toolbar" role="search">
        <Input.Search
          aria-label={t('assistance.graduates.schoolSearch')}
          placeholder={t('assistance.graduates.schoolSearch')}
          value={schoolText}
          onChange={(e) => setSchoolText(e.target.value)}
          onSearch={(v) => set({ school: v.trim() || undefined, page: undefined })}
          enterButton={t('common.search')}
          allowClear
          style={{ maxWidth: 320 }}
        />
        <InputNumber<number>
          aria-label={t('assistance.graduates.year')}
          placeholder={t('assistance.graduates.year')}
          min={1950}
          max={2100}
          value={graduationYear ?? null}
          onChange={(v) => set({ year: v ? String(v) : undefined, page: undefined })}
          style={{ width: 140 }}
        />
        <Select<string>
          aria-label={t('assistance.persons.statusFilter')}
          value={employmentStatus ?? 'all'}
          onChange={(v) => set({ status: v === 'all' ? undefined : v, page: undefined })}
          options={[
            { value: 'all', label: t('assistance.persons.allStatuses') },
            ...EMPLOYMENT_STATUSES.map((s) => ({ value: s, label: labels.employmentStatus(s) })),
          ]}
          style={{ minWidth: 140 }}
        />
      </div>
      <ProblemAlert error={list.error} />
      <ScrollRegion label={t('assistance.graduates.title')} minWidth={1040}>
        <Table<Graduate>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: <TableEmpty>{t('common.none')}</TableEmpty> }}
          pagination={{
            placement: ['bottomStart'],
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p) => set({ page: String(p) }),
          }}
        />
      </ScrollRegion>
      <GraduateDialog open={adding} onClose={() => setAdding(false)} />
    </div>
  );
}

type GraduateValues = {
  fullName: string;
  idNumber: string;
  phone: string;
  school: string;
  major: string;
  educationLevel: string;
  graduationDate: string;
  residenceDistrictCode: string;
  consent: boolean;
};
const GRADUATE_FIELDS = [
  'fullName',
  'idNumber',
  'phone',
  'school',
  'major',
  'educationLevel',
  'graduationDate',
  'residenceDistrictCode',
  'consent',
] as const;

function GraduateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useSignedInMe();
  const districts = useDistricts();
  const education = useEducationLevels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<GraduateValues>();
  const save = useMutation({
    mutationFn: (v: GraduateValues) =>
      createGraduate({
        fullName: v.fullName.trim(),
        idNumber: v.idNumber,
        phone: v.phone,
        school: v.school.trim(),
        major: v.major.trim(),
        educationLevel: v.educationLevel,
        graduationDate: v.graduationDate,
        residenceDistrictCode: v.residenceDistrictCode,
        consent: true,
      }),
    onSuccess: (g) => {
      void queryClient.invalidateQueries({ queryKey: assistanceKeys.all });
      void message.success(t('assistance.graduates.added', { name: g.fullName }));
      onClose();
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, GRADUATE_FIELDS);
    },
  });
  // Staff serve their own districts; colleges register graduates anywhere in the city.
  const districtOptions = (districts.data ?? [])
    .filter((d) => me.role !== 'staff' || me.districtCodes.includes(d.code))
    .map((d) => ({ value: d.code, label: d.name }));
  return (
    <Modal
      open={open}
      title={t('assistance.graduates.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <ProblemAlert error={save.error} fieldNames={GRADUATE_FIELDS} />
      <Form<GraduateValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        preserve={false}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="fullName" label={t('assistance.person.fullName')} rules={[requiredRule(locale)]}>
          <Input maxLength={60} autoComplete="off" />
        </Form.Item>
        <IdNumberField label={t('assistance.id.label')} />
        <Form.Item name="phone" label={t('assistance.person.phone')} rules={phoneRules(locale)}>
          <Input maxLength={20} inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="school" label={t('assistance.facts.school')} rules={[requiredRule(locale)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="major" label={t('assistance.facts.major')} rules={[requiredRule(locale)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="educationLevel"
          label={t('assistance.facts.educationLevel')}
          rules={[requiredRule(locale)]}
        >
          <Select
            options={(education.data ?? []).map((e) => ({
              value: e.code,
              label: locale === 'en-US' ? e.nameEn : e.nameZh,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="graduationDate"
          label={t('assistance.facts.graduationDate')}
          rules={[requiredRule(locale)]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="residenceDistrictCode"
          label={t('assistance.person.residenceDistrict')}
          rules={[requiredRule(locale)]}
          extra={t('assistance.graduates.districtHelp')}
        >
          <Select options={districtOptions} />
        </Form.Item>
        <Form.Item
          name="consent"
          valuePropName="checked"
          rules={[checkRule((v) => (v === true ? null : fieldMessage('required', locale)))]}
        >
          <Checkbox>{t('assistance.graduates.consent')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
