import { Button, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Problem } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { yuanToFen } from '../../app/money';
import { usePageTitle } from '../../app/page-title';
import { HOME_PATH } from '../../app/roles';
import { useSignedInMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import '../../i18n/assistance';
import { useDistricts } from '../reference/api';
import { OccupationSelect } from '../reference/occupation-select';
import { createCourse } from './api';
import { useProviders } from './courses-page';
import '../assistance/assistance.css';

type SessionRow = { date: string; from: string; to: string; topic?: string };
type CourseValues = {
  providerId?: string;
  title: string;
  occupationCode: string;
  description?: string;
  hours: number;
  subsidyYuan: number;
  schedule: string;
  capacity: number;
  districtCode: string;
  startsOn: string;
  endsOn: string;
  sessions: SessionRow[];
};
const FIELDS = [
  'providerId',
  'title',
  'occupationCode',
  'description',
  'hours',
  'subsidyYuan',
  'schedule',
  'capacity',
  'districtCode',
  'startsOn',
  'endsOn',
  'sessions',
] as const;

/** Session times are typed as China wall-clock time and sent with their offset. */
function chinaTime(date: string, time: string): string {
  return `${date}T${time}:00+08:00`;
}

/** The API names sessions' times and the subsidy in its own units; errors go on the form's fields. */
function renamePaths(problem: Problem): Problem {
  return {
    ...problem,
    errors: problem.errors?.map((e) => {
      if (e.path === 'subsidyPerHeadFen') return { ...e, path: 'subsidyYuan' };
      const m = /^sessions\.(\d+)\.(startsAt|endsAt)$/.exec(e.path);
      if (m) return { ...e, path: `sessions.${m[1]}.${m[2] === 'startsAt' ? 'from' : 'to'}` };
      return e;
    }),
  };
}

/**
 * A new course with its dated sessions (attendance is taken per session). Staff choose the provider;
 * a college or agency creates courses for its own institution.
 */
export function CourseFormPage() {
  const { t } = useTranslation();
  usePageTitle(t('training.courses.create'));
  const locale = useLocale();
  const me = useSignedInMe();
  const base = HOME_PATH[me.role];
  const staff = me.role === 'staff';
  const navigate = useNavigate();
  const districts = useDistricts();
  const providers = useProviders();
  const [form] = Form.useForm<CourseValues>();
  const save = useMutation({
    mutationFn: (v: CourseValues) =>
      createCourse({
        ...(staff && v.providerId ? { providerId: v.providerId } : {}),
        title: v.title.trim(),
        occupationCode: v.occupationCode,
        ...(v.description?.trim() ? { description: v.description.trim() } : {}),
        hours: v.hours,
        subsidyPerHeadFen: yuanToFen(v.subsidyYuan),
        schedule: v.schedule.trim(),
        capacity: v.capacity,
        districtCode: v.districtCode,
        startsOn: v.startsOn,
        endsOn: v.endsOn,
        sessions: v.sessions.map((s) => ({
          startsAt: chinaTime(s.date, s.from),
          endsAt: chinaTime(s.date, s.to),
          ...(s.topic?.trim() ? { topic: s.topic.trim() } : {}),
        })),
      }),
    onSuccess: (course) => void navigate(`${base}/training/${course.id}`),
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, renamePaths(error.problem), FIELDS, ['sessions']);
    },
  });
  return (
    <div className="page page--reading">
      <p>
        <Link to={`${base}/training`}>{t('training.course.back')}</Link>
      </p>
      <Typography.Title level={1}>{t('training.courses.create')}</Typography.Title>
      <ProblemAlert error={save.error} fieldNames={[...FIELDS, 'subsidyPerHeadFen']} />
      <Form<CourseValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ subsidyYuan: 0, sessions: [{ date: '', from: '09:00', to: '17:00' }] }}
        onFinish={(v) => save.mutate(v)}
        scrollToFirstError={{ focus: true }}
      >
        {staff && (
          <Form.Item name="providerId" label={t('training.course.provider')} rules={[requiredRule(locale)]}>
            <Select
              loading={providers.isPending}
              options={(providers.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('training.course.title')} rules={[requiredRule(locale)]}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item
          name="occupationCode"
          label={t('training.course.occupation')}
          rules={[requiredRule(locale)]}
        >
          <OccupationSelect />
        </Form.Item>
        <Form.Item name="description" label={t('training.course.description')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Space wrap size={16}>
          <Form.Item name="hours" label={t('training.course.hours')} rules={[requiredRule(locale)]}>
            <InputNumber<number> min={1} max={2000} precision={0} />
          </Form.Item>
          <Form.Item
            name="capacity"
            label={t('training.course.capacityLabel')}
            rules={[requiredRule(locale)]}
          >
            <InputNumber<number> min={1} max={1000} precision={0} />
          </Form.Item>
          <Form.Item
            name="subsidyYuan"
            label={t('training.course.subsidyLabel')}
            extra={t('training.course.subsidyHelp')}
            rules={[requiredRule(locale)]}
          >
            <InputNumber<number> min={0} max={50000} precision={2} />
          </Form.Item>
        </Space>
        <Form.Item
          name="schedule"
          label={t('training.course.schedule')}
          extra={t('training.course.scheduleHelp')}
          rules={[requiredRule(locale)]}
        >
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="districtCode" label={t('training.course.district')} rules={[requiredRule(locale)]}>
          <Select options={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))} />
        </Form.Item>
        <Space wrap size={16}>
          <Form.Item name="startsOn" label={t('training.course.startsOn')} rules={[requiredRule(locale)]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="endsOn" label={t('training.course.endsOn')} rules={[requiredRule(locale)]}>
            <Input type="date" />
          </Form.Item>
        </Space>
        <fieldset className="fieldset">
          <legend>{t('training.course.sessions')}</legend>
          <p className="field-help">{t('training.course.sessionsHelp')}</p>
          <Form.List name="sessions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <div
                    key={field.key}
                    className="inline-form"
                    role="group"
                    aria-label={t('training.course.sessionN', { n: i + 1 })}
                  >
                    <Form.Item
                      name={[field.name, 'date']}
                      label={t('training.course.sessionDate')}
                      rules={[requiredRule(locale)]}
                    >
                      <Input type="date" />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'from']}
                      label={t('training.course.sessionFrom')}
                      rules={[requiredRule(locale)]}
                    >
                      <Input type="time" />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'to']}
                      label={t('training.course.sessionTo')}
                      rules={[requiredRule(locale)]}
                    >
                      <Input type="time" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'topic']} label={t('training.course.sessionTopic')}>
                      <Input maxLength={100} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Form.Item>
                        <Button
                          icon={<DeleteOutlined aria-hidden />}
                          onClick={() => remove(field.name)}
                          aria-label={t('training.course.removeSession', { n: i + 1 })}
                        />
                      </Form.Item>
                    )}
                  </div>
                ))}
                <Button
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => {
                    const rows = form.getFieldValue('sessions') as SessionRow[] | undefined;
                    const last = rows?.[rows.length - 1];
                    add({ date: '', from: last?.from ?? '09:00', to: last?.to ?? '17:00' });
                  }}
                  style={{ marginBottom: 16 }}
                >
                  {t('training.course.addSession')}
                </Button>
              </>
            )}
          </Form.List>
        </fieldset>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('training.course.submit')}
        </Button>
      </Form>
    </div>
  );
}
