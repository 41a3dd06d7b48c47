import { useState } from 'react';
import {
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
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
  WELFARE_END_REASONS,
  WELFARE_TERM_LIMIT_MONTHS,
  type WelfareEndReason,
  type WelfarePlacement,
  type WelfarePost,
  type WelfareSubsidyRecord,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDate } from '../../app/format';
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
import { PersonPicker } from '../assistance/person-picker';
import { useDistrictNames } from '../reference/api';
import {
  endPlacement,
  getWelfarePost,
  listPlacements,
  listSubsidies,
  placeOnPost,
  putWelfareAttendance,
  setWelfarePostStatus,
  trainingKeys,
} from './api';
import { useTrainingLabels } from './labels';
import '../assistance/assistance.css';
import { TableEmpty } from '../assistance/table-empty';

/** One public-welfare post: placements (staff place people with employment difficulties), monthly attendance and the subsidies it produces. */
export function WelfarePostPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useSignedInMe();
  const post = useQuery({ queryKey: trainingKeys.post(id), queryFn: () => getWelfarePost(id) });
  usePageTitle(post.data?.title ?? t('training.welfare.title'));
  return (
    <div className="page page--wide">
      <p>
        <Link to={`${HOME_PATH[me.role]}/welfare-posts`}>{t('training.welfare.back')}</Link>
      </p>
      {post.isPending && <PageSpinner />}
      <ProblemAlert error={post.error} />
      {post.data && <PostView post={post.data} />}
    </div>
  );
}

function PostView({ post: p }: { post: WelfarePost }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useTrainingLabels();
  const me = useSignedInMe();
  const queryClient = useQueryClient();
  const district = useDistrictNames([p.districtCode])[0];
  const status = useMutation({
    mutationFn: () => setWelfarePostStatus(p.id, p.status === 'open' ? 'closed' : 'open'),
    onSuccess: (updated) => {
      queryClient.setQueryData(trainingKeys.post(p.id), updated);
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
    },
  });
  return (
    <>
      <Typography.Title level={1}>
        {p.title}{' '}
        <StatusChip tone={p.status === 'open' ? 'success' : 'neutral'}>
          {labels.postStatus(p.status)}
        </StatusChip>
      </Typography.Title>
      <dl className="facts-list">
        <div>
          <dt>{t('training.welfare.sponsor')}</dt>
          <dd>{p.sponsorName}</dd>
        </div>
        <div>
          <dt>{t('training.welfare.district')}</dt>
          <dd>{district}</dd>
        </div>
        <div>
          <dt>{t('training.welfare.places')}</dt>
          <dd>{t('training.welfare.placedOf', { placed: p.placedCount, headcount: p.headcount })}</dd>
        </div>
        <div>
          <dt>{t('training.welfare.term')}</dt>
          <dd>{t('training.welfare.months', { count: p.termMonths })}</dd>
        </div>
        <div>
          <dt>{t('training.welfare.subsidy')}</dt>
          <dd>{t('training.welfare.perMonth', { amount: formatYuan(p.monthlySubsidyFen, locale) })}</dd>
        </div>
        <div>
          <dt>{t('training.welfare.weeklyHours')}</dt>
          <dd>{p.weeklyHours}</dd>
        </div>
      </dl>
      <Typography.Paragraph className="pre-wrap">{p.duties}</Typography.Paragraph>
      <ProblemAlert error={status.error} />
      <Space wrap style={{ marginBottom: 24 }}>
        <Popconfirm
          title={
            p.status === 'open' ? t('training.welfare.confirmClose') : t('training.welfare.confirmReopen')
          }
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => status.mutate()}
        >
          <Button loading={status.isPending}>
            {p.status === 'open' ? t('training.welfare.close') : t('training.welfare.reopen')}
          </Button>
        </Popconfirm>
      </Space>
      {me.role === 'staff' && p.status === 'open' && p.placedCount < p.headcount && <PlaceForm post={p} />}
      <PlacementsSection post={p} />
      <SubsidiesSection postId={p.id} />
    </>
  );
}

type PlaceValues = { personId: string; startsOn: string; termMonths?: number | null; note?: string };

function PlaceForm({ post }: { post: WelfarePost }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PlaceValues>();
  const save = useMutation({
    mutationFn: (v: PlaceValues) =>
      placeOnPost(post.id, {
        personId: v.personId,
        startsOn: v.startsOn,
        ...(v.termMonths ? { termMonths: v.termMonths } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      }),
    onSuccess: (pl) => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      void message.success(t('training.welfare.placed', { name: pl.person.fullName }));
      form.resetFields();
    },
    onError: (error) => {
      if (isApiError(error))
        applyProblemToForm(form, error.problem, ['personId', 'startsOn', 'termMonths', 'note']);
    },
  });
  return (
    <section aria-labelledby="place-title" className="phone-card">
      <h2 id="place-title" className="service__title">
        {t('training.welfare.placeTitle')}
      </h2>
      <Typography.Paragraph type="secondary">{t('training.welfare.placeHelp')}</Typography.Paragraph>
      <ProblemAlert error={save.error} fieldNames={['personId', 'startsOn', 'termMonths', 'note']} />
      <Form<PlaceValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ startsOn: chinaToday() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="personId" label={t('training.enrollment.person')} rules={[requiredRule(locale)]}>
          <PersonPicker />
        </Form.Item>
        <div className="inline-form">
          <Form.Item name="startsOn" label={t('training.welfare.startsOn')} rules={[requiredRule(locale)]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item
            name="termMonths"
            label={t('training.welfare.termMonths')}
            extra={t('training.welfare.termDefault')}
          >
            <InputNumber<number>
              min={1}
              max={Math.min(post.termMonths, WELFARE_TERM_LIMIT_MONTHS)}
              precision={0}
            />
          </Form.Item>
        </div>
        <Form.Item name="note" label={t('assistance.services.note')}>
          <Input maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('training.welfare.place')}
        </Button>
      </Form>
    </section>
  );
}

function PlacementsSection({ post }: { post: WelfarePost }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useTrainingLabels();
  const q = { page: 1, pageSize: 100 };
  const list = useQuery({
    queryKey: trainingKeys.placements(post.id, q),
    queryFn: () => listPlacements(post.id, q),
  });
  const [attending, setAttending] = useState<WelfarePlacement | null>(null);
  const [ending, setEnding] = useState<WelfarePlacement | null>(null);
  const columns: TableProps<WelfarePlacement>['columns'] = [
    { title: t('assistance.person.fullName'), key: 'name', render: (_v, pl) => pl.person.fullName },
    {
      title: t('assistance.person.idNumber'),
      key: 'id',
      render: (_v, pl) => <span className="mono">{pl.person.idNumberMasked ?? pl.person.phoneMasked}</span>,
    },
    {
      title: t('training.welfare.period'),
      key: 'period',
      render: (_v, pl) =>
        `${formatDate(pl.startsOn, locale)} – ${formatDate(pl.endedOn ?? pl.plannedEndOn, locale)}`,
    },
    {
      title: t('training.welfare.status'),
      key: 'status',
      render: (_v, pl) => (
        <StatusChip tone={pl.status === 'active' ? 'success' : 'neutral'}>
          {labels.placementStatus(pl.status)}
          {pl.endReason ? `：${labels.endReason(pl.endReason)}` : ''}
        </StatusChip>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, pl) =>
        pl.status === 'active' ? (
          <Space wrap size={4}>
            <Button size="small" onClick={() => setAttending(pl)}>
              {t('training.welfare.attendance')}
              <span className="sr-only"> {pl.person.fullName}</span>
            </Button>
            <Button size="small" onClick={() => setEnding(pl)}>
              {t('training.welfare.end')}
              <span className="sr-only"> {pl.person.fullName}</span>
            </Button>
          </Space>
        ) : null,
    },
  ];
  return (
    <section aria-labelledby="placements-title" className="section-block">
      <Typography.Title level={2} id="placements-title">
        {t('training.welfare.placements')}
      </Typography.Title>
      <ProblemAlert error={list.error} />
      <ScrollRegion label={t('training.welfare.placements')} minWidth={760}>
        <Table<WelfarePlacement>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: <TableEmpty>{t('training.welfare.noPlacements')}</TableEmpty> }}
          pagination={false}
        />
      </ScrollRegion>
      <AttendanceDialog placement={attending} onClose={() => setAttending(null)} />
      <EndDialog placement={ending} onClose={() => setEnding(null)} />
    </section>
  );
}

type AttendanceValues = { month: string; workingDays: number; daysPresent: number };

/** A month's attendance; the answer is the subsidy record it produces (pro rata to days present). */
function AttendanceDialog({
  placement,
  onClose,
}: {
  placement: WelfarePlacement | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AttendanceValues>();
  const save = useMutation({
    mutationFn: (v: AttendanceValues) =>
      putWelfareAttendance(placement?.id ?? '', v.month, {
        workingDays: v.workingDays,
        daysPresent: v.daysPresent,
      }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      void message.success(
        t('training.welfare.attendanceSaved', { month: r.month, amount: formatYuan(r.amountFen, locale) }),
      );
      onClose();
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, ['month', 'workingDays', 'daysPresent']);
    },
  });
  return (
    <Modal
      open={placement !== null}
      title={placement ? t('training.welfare.attendanceTitle', { name: placement.person.fullName }) : ''}
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
        error={placement ? save.error : null}
        fieldNames={['month', 'workingDays', 'daysPresent']}
      />
      <Form<AttendanceValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ month: chinaToday().slice(0, 7), workingDays: 22 }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="month" label={t('training.welfare.month')} rules={[requiredRule(locale)]}>
          <Input type="month" />
        </Form.Item>
        <div className="inline-form">
          <Form.Item
            name="workingDays"
            label={t('training.welfare.workingDays')}
            rules={[requiredRule(locale)]}
          >
            <InputNumber<number> min={1} max={31} precision={0} />
          </Form.Item>
          <Form.Item
            name="daysPresent"
            label={t('training.welfare.daysPresent')}
            rules={[requiredRule(locale)]}
          >
            <InputNumber<number> min={0} max={31} precision={0} />
          </Form.Item>
        </div>
        <Typography.Paragraph type="secondary">{t('training.welfare.attendanceHelp')}</Typography.Paragraph>
      </Form>
    </Modal>
  );
}

type EndValues = { endedOn: string; reason: WelfareEndReason; note?: string };

function EndDialog({ placement, onClose }: { placement: WelfarePlacement | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useTrainingLabels();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EndValues>();
  const save = useMutation({
    mutationFn: (v: EndValues) =>
      endPlacement(placement?.id ?? '', {
        endedOn: v.endedOn,
        reason: v.reason,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      onClose();
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, ['endedOn', 'reason', 'note']);
    },
  });
  return (
    <Modal
      open={placement !== null}
      title={placement ? t('training.welfare.endTitle', { name: placement.person.fullName }) : ''}
      okText={t('training.welfare.end')}
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
      <ProblemAlert error={placement ? save.error : null} fieldNames={['endedOn', 'reason', 'note']} />
      <Form<EndValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ endedOn: chinaToday() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="endedOn" label={t('training.welfare.endedOn')} rules={[requiredRule(locale)]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="reason" label={t('training.welfare.endReason')} rules={[requiredRule(locale)]}>
          <Select options={WELFARE_END_REASONS.map((r) => ({ value: r, label: labels.endReason(r) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('assistance.services.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SubsidiesSection({ postId }: { postId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useTrainingLabels();
  const q = { postId, page: 1, pageSize: 100 };
  const list = useQuery({ queryKey: trainingKeys.subsidies(q), queryFn: () => listSubsidies(q) });
  const columns: TableProps<WelfareSubsidyRecord>['columns'] = [
    { title: t('training.welfare.month'), key: 'month', render: (_v, r) => r.month },
    { title: t('assistance.person.fullName'), key: 'name', render: (_v, r) => r.person.fullName },
    {
      title: t('training.welfare.daysPresent'),
      key: 'days',
      render: (_v, r) => `${r.daysPresent} / ${r.workingDays}`,
    },
    {
      title: t('training.welfare.amount'),
      key: 'amount',
      render: (_v, r) => formatYuan(r.amountFen, locale),
    },
    {
      title: t('training.welfare.status'),
      key: 'status',
      render: (_v, r) => (
        <StatusChip tone={r.status === 'paid' ? 'success' : 'info'}>
          {labels.subsidyStatus(r.status)}
        </StatusChip>
      ),
    },
  ];
  return (
    <section aria-labelledby="subsidies-title" className="section-block">
      <Typography.Title level={2} id="subsidies-title">
        {t('training.welfare.subsidies')}
      </Typography.Title>
      <ProblemAlert error={list.error} />
      <ScrollRegion label={t('training.welfare.subsidies')} minWidth={600}>
        <Table<WelfareSubsidyRecord>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: <TableEmpty>{t('common.none')}</TableEmpty> }}
          pagination={false}
        />
      </ScrollRegion>
    </section>
  );
}
