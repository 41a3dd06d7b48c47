import { useState } from 'react';
import {
  App,
  Button,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  PhoneSchema,
  type CompleteEnrollmentBody,
  type TrainingCourse,
  type TrainingCourseStatus,
  type TrainingEnrollment,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, phoneRules, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDate, formatDateTime } from '../../app/format';
import { formatYuan } from '../../app/money';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { HOME_PATH } from '../../app/roles';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useSignedInMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import '../../i18n/assistance';
import { chinaToday } from '../assistance/dates';
import { IdNumberField } from '../assistance/id-number-field';
import { PersonPicker } from '../assistance/person-picker';
import { occupationName, useDistrictNames, useOccupationsByCode } from '../reference/api';
import {
  completeEnrollment,
  enroll,
  getCourse,
  getOutcomes,
  listEnrollments,
  putAttendance,
  setCourseStatus,
  trainingKeys,
  withdrawEnrollment,
} from './api';
import { COURSE_TONE, ENROLLMENT_TONE, useTrainingLabels } from './labels';
import '../assistance/assistance.css';
import { TableEmpty } from '../assistance/table-empty';

/** Which status changes a course allows (the server's rule: finished and cancelled are final). */
const NEXT_STATUSES: Record<TrainingCourseStatus, TrainingCourseStatus[]> = {
  open: ['closed', 'finished', 'cancelled'],
  closed: ['open', 'finished', 'cancelled'],
  finished: [],
  cancelled: [],
};

/** One course for its provider and staff: enrolment within capacity, attendance, results, outcomes. */
export function CoursePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useSignedInMe();
  const course = useQuery({ queryKey: trainingKeys.course(id), queryFn: () => getCourse(id) });
  usePageTitle(course.data?.title ?? t('training.courses.title'));
  return (
    <div className="page page--wide">
      <p>
        <Link to={`${HOME_PATH[me.role]}/training`}>{t('training.course.back')}</Link>
      </p>
      {course.isPending && <PageSpinner />}
      <ProblemAlert error={course.error} />
      {course.data && <CourseView course={course.data} />}
    </div>
  );
}

function CourseView({ course: c }: { course: TrainingCourse }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useTrainingLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const occupation = useOccupationsByCode([c.occupationCode]).get(c.occupationCode);
  const district = useDistrictNames([c.districtCode])[0];
  const status = useMutation({
    mutationFn: (s: TrainingCourseStatus) => setCourseStatus(c.id, s),
    onSuccess: (updated) => {
      queryClient.setQueryData(trainingKeys.course(c.id), updated);
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      void message.success(
        t('training.course.statusChanged', { status: labels.courseStatus(updated.status) }),
      );
    },
  });
  return (
    <>
      <Typography.Title level={1}>
        {c.title} <StatusChip tone={COURSE_TONE[c.status]}>{labels.courseStatus(c.status)}</StatusChip>
      </Typography.Title>
      <dl className="facts-list">
        <div>
          <dt>{t('training.course.provider')}</dt>
          <dd>{c.providerName}</dd>
        </div>
        <div>
          <dt>{t('training.course.occupation')}</dt>
          <dd>
            {occupation ? `${occupationName(occupation, locale)}（${c.occupationCode}）` : c.occupationCode}
          </dd>
        </div>
        <div>
          <dt>{t('training.course.dates')}</dt>
          <dd>
            {formatDate(c.startsOn, locale)} – {formatDate(c.endsOn, locale)}
          </dd>
        </div>
        <div>
          <dt>{t('training.course.hours')}</dt>
          <dd>{c.hours}</dd>
        </div>
        <div>
          <dt>{t('training.course.district')}</dt>
          <dd>{district}</dd>
        </div>
        <div>
          <dt>{t('training.course.enrolment')}</dt>
          <dd>
            {t('training.course.takenOf', { taken: c.enrolledCount, capacity: c.capacity })} ·{' '}
            {c.placesLeft > 0
              ? t('training.course.placesLeft', { count: c.placesLeft })
              : t('training.course.full')}
          </dd>
        </div>
        <div>
          <dt>{t('training.course.subsidyLabel')}</dt>
          <dd>{formatYuan(c.subsidyPerHeadFen, locale)}</dd>
        </div>
        <div>
          <dt>{t('training.course.schedule')}</dt>
          <dd>{c.schedule}</dd>
        </div>
      </dl>
      {c.description && <Typography.Paragraph className="pre-wrap">{c.description}</Typography.Paragraph>}
      <ProblemAlert error={status.error} />
      {NEXT_STATUSES[c.status].length > 0 && (
        <Space wrap style={{ marginBottom: 24 }}>
          {NEXT_STATUSES[c.status].map((s) => (
            <Popconfirm
              key={s}
              title={t('training.course.confirmStatus', { status: labels.courseStatus(s) })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => status.mutate(s)}
            >
              <Button danger={s === 'cancelled'} loading={status.isPending && status.variables === s}>
                {t(`training.course.to.${s}`)}
              </Button>
            </Popconfirm>
          ))}
        </Space>
      )}
      <OutcomesSection courseId={c.id} />
      {c.status === 'open' && <EnrolForm course={c} />}
      <EnrollmentsSection course={c} />
    </>
  );
}

function OutcomesSection({ courseId }: { courseId: string }) {
  const { t } = useTranslation();
  const outcomes = useQuery({
    queryKey: trainingKeys.outcomes(courseId),
    queryFn: () => getOutcomes(courseId),
  });
  const o = outcomes.data;
  return (
    <section aria-labelledby="outcomes-title" className="section-block">
      <Typography.Title level={2} id="outcomes-title">
        {t('training.outcomes.title')}
      </Typography.Title>
      <ProblemAlert error={outcomes.error} />
      {o && (
        <dl className="facts-list">
          <div>
            <dt>{t('training.outcomes.enrolled')}</dt>
            <dd>{o.enrolled}</dd>
          </div>
          <div>
            <dt>{t('training.outcomes.completed')}</dt>
            <dd>{o.completed}</dd>
          </div>
          <div>
            <dt>{t('training.outcomes.failed')}</dt>
            <dd>{o.failed}</dd>
          </div>
          <div>
            <dt>{t('training.outcomes.withdrawn')}</dt>
            <dd>{o.withdrawn}</dd>
          </div>
          <div>
            <dt>{t('training.outcomes.employed', { months: o.windowMonths })}</dt>
            <dd>
              {o.employedWithinWindow}
              {o.employmentRate !== null && `（${Math.round(o.employmentRate * 100)}%）`}
            </dd>
          </div>
          <div>
            <dt>{t('training.outcomes.awaiting')}</dt>
            <dd>{o.awaitingWindow}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}

type EnrolValues = {
  who: 'registry' | 'new';
  personId?: string;
  fullName?: string;
  phone?: string;
  idNumber?: string;
};

/** Staff pick a person of the registry or add a new one; a provider adds its trainees by name and phone. */
function EnrolForm({ course }: { course: TrainingCourse }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useSignedInMe();
  const staff = me.role === 'staff';
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EnrolValues>();
  const who = Form.useWatch('who', form) ?? (staff ? 'registry' : 'new');
  const save = useMutation({
    mutationFn: (v: EnrolValues) =>
      enroll(
        course.id,
        v.who === 'registry'
          ? { personId: v.personId ?? '' }
          : {
              person: {
                fullName: (v.fullName ?? '').trim(),
                phone: PhoneSchema.parse(v.phone ?? ''),
                ...(v.idNumber ? { idNumber: v.idNumber } : {}),
              },
            },
      ),
    onSuccess: (e) => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      void message.success(t('training.enrollment.added', { name: e.person.fullName }));
      form.resetFields();
    },
    onError: (error) => {
      if (!isApiError(error)) return;
      const problem = {
        ...error.problem,
        errors: error.problem.errors?.map((e) =>
          e.path.startsWith('person.') ? { ...e, path: e.path.slice(7) } : e,
        ),
      };
      applyProblemToForm(form, problem, ['personId', 'fullName', 'phone', 'idNumber']);
    },
  });
  return (
    <section aria-labelledby="enrol-title" className="phone-card">
      <h2 id="enrol-title" className="service__title">
        {t('training.enrollment.addTitle')}
      </h2>
      <ProblemAlert error={save.error} fieldNames={['personId', 'fullName', 'phone', 'idNumber']} />
      <Form<EnrolValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ who: staff ? 'registry' : 'new' }}
        onFinish={(v) => save.mutate(v)}
      >
        {staff && (
          <Form.Item name="who" label={t('training.enrollment.who')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'registry', label: t('training.enrollment.fromRegistry') },
                { value: 'new', label: t('training.enrollment.newPerson') },
              ]}
            />
          </Form.Item>
        )}
        {who === 'registry' ? (
          <Form.Item name="personId" label={t('training.enrollment.person')} rules={[requiredRule(locale)]}>
            <PersonPicker />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="fullName" label={t('assistance.person.fullName')} rules={[requiredRule(locale)]}>
              <Input maxLength={60} autoComplete="off" />
            </Form.Item>
            <Form.Item name="phone" label={t('assistance.person.phone')} rules={phoneRules(locale)}>
              <Input maxLength={20} inputMode="tel" autoComplete="off" />
            </Form.Item>
            <IdNumberField label={t('training.enrollment.idNumberOptional')} required={false} />
          </>
        )}
        <Button type="primary" htmlType="submit" loading={save.isPending} disabled={course.placesLeft <= 0}>
          {course.placesLeft > 0 ? t('training.enrollment.add') : t('training.course.full')}
        </Button>
      </Form>
    </section>
  );
}

function EnrollmentsSection({ course }: { course: TrainingCourse }) {
  const { t } = useTranslation();
  const labels = useTrainingLabels();
  const q = { page: 1, pageSize: 100 };
  const list = useQuery({
    queryKey: trainingKeys.enrollments(course.id, q),
    queryFn: () => listEnrollments(course.id, q),
  });
  const [completing, setCompleting] = useState<TrainingEnrollment | null>(null);
  const [withdrawing, setWithdrawing] = useState<TrainingEnrollment | null>(null);
  const items = list.data?.items ?? [];
  const columns: TableProps<TrainingEnrollment>['columns'] = [
    { title: t('assistance.person.fullName'), key: 'name', render: (_v, e) => e.person.fullName },
    {
      title: t('assistance.person.idNumber'),
      key: 'id',
      render: (_v, e) => <span className="mono">{e.person.idNumberMasked ?? e.person.phoneMasked}</span>,
    },
    {
      title: t('training.enrollment.status'),
      key: 'status',
      render: (_v, e) => (
        <StatusChip tone={ENROLLMENT_TONE[e.status]}>{labels.enrollmentStatus(e.status)}</StatusChip>
      ),
    },
    {
      title: t('training.enrollment.attendanceCol'),
      key: 'attendance',
      render: (_v, e) => `${e.sessionsAttended} / ${e.sessionsTotal}`,
    },
    {
      title: t('training.enrollment.certificateCol'),
      key: 'cert',
      render: (_v, e) => e.certificateNumber ?? '—',
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, e) =>
        e.status === 'enrolled' ? (
          <Space wrap size={4}>
            <Button size="small" onClick={() => setCompleting(e)}>
              {t('training.enrollment.complete')}
              <span className="sr-only"> {e.person.fullName}</span>
            </Button>
            <Button size="small" onClick={() => setWithdrawing(e)}>
              {t('training.enrollment.withdraw')}
              <span className="sr-only"> {e.person.fullName}</span>
            </Button>
          </Space>
        ) : null,
    },
  ];
  return (
    <>
      <section aria-labelledby="enrollments-title" className="section-block">
        <Typography.Title level={2} id="enrollments-title">
          {t('training.enrollment.title', { count: items.length })}
        </Typography.Title>
        <ProblemAlert error={list.error} />
        <ScrollRegion label={t('training.enrollment.listLabel')} minWidth={760}>
          <Table<TrainingEnrollment>
            rowKey="id"
            columns={columns}
            dataSource={items}
            loading={list.isFetching}
            locale={{ emptyText: <TableEmpty>{t('training.enrollment.empty')}</TableEmpty> }}
            pagination={false}
          />
        </ScrollRegion>
      </section>
      {course.sessions.length > 0 && items.some((e) => e.status === 'enrolled') && (
        <AttendanceSection course={course} enrollments={items.filter((e) => e.status === 'enrolled')} />
      )}
      <CompleteDialog enrollment={completing} onClose={() => setCompleting(null)} />
      <WithdrawDialog enrollment={withdrawing} onClose={() => setWithdrawing(null)} />
    </>
  );
}

/** One session's register: everyone enrolled, present by default; saving again overwrites. */
function AttendanceSection({
  course,
  enrollments,
}: {
  course: TrainingCourse;
  enrollments: TrainingEnrollment[];
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [sessionId, setSessionId] = useState<string | undefined>(undefined);
  const [absent, setAbsent] = useState<Set<string>>(new Set());
  const save = useMutation({
    mutationFn: () =>
      putAttendance(course.id, sessionId ?? '', {
        entries: enrollments.map((e) => ({ enrollmentId: e.id, present: !absent.has(e.id) })),
      }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      void message.success(t('training.attendance.saved', { present: r.present, absent: r.absent }));
    },
  });
  return (
    <section aria-labelledby="attendance-title" className="section-block">
      <Typography.Title level={2} id="attendance-title">
        {t('training.attendance.title')}
      </Typography.Title>
      <Select<string>
        aria-label={t('training.attendance.session')}
        placeholder={t('training.attendance.session')}
        value={sessionId}
        onChange={(v) => {
          setSessionId(v);
          setAbsent(new Set());
        }}
        options={course.sessions.map((s) => ({
          value: s.id,
          label: `${formatDateTime(s.startsAt, locale)}${s.topic ? ` · ${s.topic}` : ''}`,
        }))}
        style={{ minWidth: 280, marginBottom: 12 }}
      />
      {sessionId && (
        <fieldset className="fieldset">
          <legend>{t('training.attendance.present')}</legend>
          <div className="checkbox-grid">
            {enrollments.map((e) => (
              <Checkbox
                key={e.id}
                checked={!absent.has(e.id)}
                onChange={(ev) =>
                  setAbsent((prev) => {
                    const next = new Set(prev);
                    if (ev.target.checked) next.delete(e.id);
                    else next.add(e.id);
                    return next;
                  })
                }
              >
                {e.person.fullName}
              </Checkbox>
            ))}
          </div>
        </fieldset>
      )}
      <ProblemAlert error={save.error} />
      <Button type="primary" disabled={!sessionId} loading={save.isPending} onClick={() => save.mutate()}>
        {t('training.attendance.submit')}
      </Button>
    </section>
  );
}

type CompleteValues = { result: 'passed' | 'failed'; completedOn: string; certificateNumber?: string };

function CompleteDialog({
  enrollment,
  onClose,
}: {
  enrollment: TrainingEnrollment | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CompleteValues>();
  const result = Form.useWatch('result', form) ?? 'passed';
  const save = useMutation({
    mutationFn: (v: CompleteValues) => {
      const body: CompleteEnrollmentBody = {
        result: v.result,
        completedOn: v.completedOn,
        ...(v.result === 'passed' && v.certificateNumber
          ? { certificateNumber: v.certificateNumber.trim() }
          : {}),
      };
      return completeEnrollment(enrollment?.id ?? '', body);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      onClose();
    },
    onError: (error) => {
      if (isApiError(error))
        applyProblemToForm(form, error.problem, ['result', 'completedOn', 'certificateNumber']);
    },
  });
  return (
    <Modal
      open={enrollment !== null}
      title={enrollment ? t('training.enrollment.completeTitle', { name: enrollment.person.fullName }) : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
      afterClose={() => {
        form.resetFields();
        save.reset();
      }}
    >
      <ProblemAlert
        error={enrollment ? save.error : null}
        fieldNames={['result', 'completedOn', 'certificateNumber']}
      />
      <Form<CompleteValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ result: 'passed', completedOn: chinaToday() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="result" label={t('training.enrollment.result')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'passed', label: t('training.enrollment.passed') },
              { value: 'failed', label: t('training.enrollment.failed') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="completedOn"
          label={t('training.enrollment.completedOn')}
          rules={[requiredRule(locale)]}
        >
          <Input type="date" max={chinaToday()} />
        </Form.Item>
        {result === 'passed' && (
          <Form.Item
            name="certificateNumber"
            label={t('training.enrollment.certificateNumber')}
            rules={[requiredRule(locale)]}
          >
            <Input maxLength={40} className="mono" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function WithdrawDialog({
  enrollment,
  onClose,
}: {
  enrollment: TrainingEnrollment | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const save = useMutation({
    mutationFn: (reason: string) => withdrawEnrollment(enrollment?.id ?? '', reason),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      open={enrollment !== null}
      title={enrollment ? t('training.enrollment.withdrawTitle', { title: enrollment.person.fullName }) : ''}
      okText={t('training.enrollment.withdraw')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
      afterClose={() => {
        form.resetFields();
        save.reset();
      }}
    >
      <ProblemAlert error={enrollment ? save.error : null} />
      <Form<{ reason: string }>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => save.mutate(v.reason.trim())}
      >
        <Form.Item
          name="reason"
          label={t('training.enrollment.withdrawReason')}
          rules={[requiredRule(locale)]}
        >
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
