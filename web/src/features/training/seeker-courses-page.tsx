import { useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TrainingCourse, TrainingEnrollment } from '@jiuye/shared';
import { ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { formatYuan } from '../../app/money';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import '../../i18n/assistance';
import { occupationName, useDistrictNames, useOccupationsByCode } from '../reference/api';
import { enroll, listCourses, listMyEnrollments, trainingKeys, withdrawEnrollment } from './api';
import { ENROLLMENT_TONE, useTrainingLabels } from './labels';
import '../assistance/assistance.css';

const OPEN_QUERY = { status: 'open' as const, page: 1, pageSize: 50 };

/** Training on a phone: the seeker's enrolments first, then the open courses with places left. */
export function SeekerCoursesPage() {
  const { t } = useTranslation();
  usePageTitle(t('training.seeker.title'));
  const mine = useQuery({ queryKey: trainingKeys.mine, queryFn: listMyEnrollments });
  const courses = useQuery({
    queryKey: trainingKeys.courses(OPEN_QUERY),
    queryFn: () => listCourses(OPEN_QUERY),
  });
  const enrolledIn = new Set(
    (mine.data ?? []).filter((e) => e.status !== 'withdrawn').map((e) => e.courseId),
  );
  return (
    <div className="page page--reading">
      <Typography.Title level={1}>{t('training.seeker.title')}</Typography.Title>
      <section aria-labelledby="my-training" className="section-block">
        <Typography.Title level={2} id="my-training">
          {t('training.seeker.mine')}
        </Typography.Title>
        <ProblemAlert error={mine.error} />
        {mine.isPending && <PageSpinner />}
        {mine.data && mine.data.length === 0 && (
          <Typography.Paragraph>{t('training.seeker.noneYet')}</Typography.Paragraph>
        )}
        <ul className="card-list">
          {(mine.data ?? []).map((e) => (
            <li key={e.id}>
              <MyEnrollmentCard enrollment={e} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="open-courses" className="section-block">
        <Typography.Title level={2} id="open-courses">
          {t('training.seeker.open')}
        </Typography.Title>
        <ProblemAlert error={courses.error} />
        {courses.isPending && <PageSpinner />}
        {courses.data && courses.data.items.length === 0 && (
          <Typography.Paragraph>{t('training.seeker.noCourses')}</Typography.Paragraph>
        )}
        <ul className="card-list">
          {(courses.data?.items ?? []).map((c) => (
            <li key={c.id}>
              <CourseCard course={c} enrolled={enrolledIn.has(c.id)} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function CourseCard({ course: c, enrolled }: { course: TrainingCourse; enrolled: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const occupation = useOccupationsByCode([c.occupationCode]).get(c.occupationCode);
  const district = useDistrictNames([c.districtCode])[0];
  const join = useMutation({
    mutationFn: () => enroll(c.id, {}),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      void message.success(t('training.seeker.enrolled', { title: c.title }));
    },
  });
  const full = c.placesLeft <= 0;
  return (
    <article className="phone-card" aria-labelledby={`course-${c.id}`}>
      <h3 className="service__title" id={`course-${c.id}`}>
        {c.title}
      </h3>
      <p className="service__meta">
        {c.providerName}
        {occupation ? ` · ${occupationName(occupation, locale)}` : ''}
        {district ? ` · ${district}` : ''}
      </p>
      <p className="service__meta">
        {t('training.course.datesHours', {
          from: formatDate(c.startsOn, locale),
          to: formatDate(c.endsOn, locale),
          hours: c.hours,
        })}
      </p>
      <p className="service__meta">{c.schedule}</p>
      <p className="service__meta">
        <StatusChip tone={full ? 'danger' : 'success'}>
          {full ? t('training.course.full') : t('training.course.placesLeft', { count: c.placesLeft })}
        </StatusChip>{' '}
        {t('training.course.capacity', { count: c.capacity })}
        {c.subsidyPerHeadFen > 0 &&
          ` · ${t('training.course.subsidy', { amount: formatYuan(c.subsidyPerHeadFen, locale) })}`}
      </p>
      {c.description && <p className="service__meta pre-wrap">{c.description}</p>}
      <ProblemAlert error={join.error} />
      {enrolled ? (
        <StatusChip tone="info">{t('training.seeker.alreadyEnrolled')}</StatusChip>
      ) : (
        <Popconfirm
          title={t('training.seeker.confirmEnroll', { title: c.title })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => join.mutate()}
          disabled={full}
        >
          <Button type="primary" block disabled={full} loading={join.isPending}>
            {t('training.seeker.enroll')}
            <span className="sr-only"> {c.title}</span>
          </Button>
        </Popconfirm>
      )}
    </article>
  );
}

function MyEnrollmentCard({ enrollment: e }: { enrollment: TrainingEnrollment }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useTrainingLabels();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const withdraw = useMutation({
    mutationFn: (reason: string) => withdrawEnrollment(e.id, reason),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      setOpen(false);
    },
  });
  return (
    <article className="phone-card" aria-labelledby={`enrollment-${e.id}`}>
      <h3 className="service__title" id={`enrollment-${e.id}`}>
        {e.courseTitle}{' '}
        <StatusChip tone={ENROLLMENT_TONE[e.status]}>{labels.enrollmentStatus(e.status)}</StatusChip>
      </h3>
      <p className="service__meta">{e.providerName}</p>
      <p className="service__meta">
        {t('training.enrollment.attendance', { attended: e.sessionsAttended, total: e.sessionsTotal })}
      </p>
      {e.certificateNumber && (
        <p className="service__meta">
          {t('training.enrollment.certificate', { no: e.certificateNumber })}
          {e.completedOn ? ` · ${formatDate(e.completedOn, locale)}` : ''}
        </p>
      )}
      {e.status === 'enrolled' && (
        <Button size="small" onClick={() => setOpen(true)}>
          {t('training.enrollment.withdraw')}
          <span className="sr-only"> {e.courseTitle}</span>
        </Button>
      )}
      <Modal
        open={open}
        title={t('training.enrollment.withdrawTitle', { title: e.courseTitle })}
        okText={t('training.enrollment.withdraw')}
        cancelText={t('common.cancel')}
        confirmLoading={withdraw.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <ProblemAlert error={withdraw.error} />
        <Form<{ reason: string }>
          form={form}
          layout="vertical"
          requiredMark={false}
          preserve={false}
          onFinish={(v) => withdraw.mutate(v.reason.trim())}
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
    </article>
  );
}
