import {
  NOTICE_VERSION,
  ResumeSnapshotSchema,
  type Application,
  type ApplicationStatus,
  type ListApplicationsQuery,
  type Resume,
  type ResumeSnapshot,
} from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import { createNotification } from '../alerts/index.js';
import { memberEnterpriseIds } from '../enterprises/index.js';
import { recordPostingHire } from '../postings/index.js';
import { getMyResume } from '../resumes/index.js';
import * as repo from './applications.repository.js';
import { relationTo } from './applications.policy.js';
import { STATUS_LABELS, applyChange, statusNotice, type ApplicationActor } from './applications.workflow.js';

/** The consent recorded with each application (PIPL art. 23: providing personal information to another handler). */
export const RESUME_SHARE_CONSENT = 'resume_share';

type UserActor = Extract<RequestContext['actor'], { kind: 'user' }>;

function requireUser(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.actor;
}

/** The calendar day in China (UTC+8, no daylight saving): postings expire at the end of their day. */
function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && e.constraint === constraint;
}

function isCheckViolation(err: unknown): boolean {
  return (err as { code?: unknown }).code === '23514';
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const objects = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];

/**
 * A copy of the résumé for the enterprise: the identity number only masked (the résumés module
 * never returns more); gender, key-group status and visibility are left out.
 */
export function snapshotOf(r: Resume, phone: string, message: string | null, at: Date): ResumeSnapshot {
  return {
    fullName: r.fullName,
    phone,
    idNumberMasked: r.idNumberMasked,
    birthDate: r.birthDate,
    educationLevel: r.educationLevel,
    skills: r.skills,
    experiences: objects(r.experiences).map((e) => ({
      employer: str(e.employer),
      title: str(e.title),
      from: strOrNull(e.from),
      to: strOrNull(e.to),
      description: str(e.description),
    })),
    certificates: objects(r.certificates).map((c) => ({ name: str(c.name), issuer: str(c.issuer) })),
    desiredOccupationCodes: r.desiredOccupationCodes,
    desiredDistrictCodes: r.desiredDistrictCodes,
    expectedSalaryMinFen: r.expectedSalaryMinFen === null ? null : Number(r.expectedSalaryMinFen),
    availableFrom: r.availableFrom,
    willingToRelocate: r.willingToRelocate,
    currentRegionCode: r.currentRegionCode,
    experienceYears: r.experienceYears,
    message,
    capturedAt: at.toISOString(),
  };
}

/** The seeker's résumé, or null when they have none yet. */
async function myResume(ctx: RequestContext): Promise<Resume | null> {
  try {
    return await getMyResume(ctx);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return null;
    throw err;
  }
}

function byOf(role: string | null): Application['events'][number]['by'] {
  if (role === 'seeker') return 'seeker';
  if (role === 'employer') return 'enterprise';
  if (role === 'staff') return 'staff';
  return 'system';
}

function toApplication(row: repo.ApplicationRow, events: repo.EventRow[], withResume: boolean): Application {
  const snapshot = ResumeSnapshotSchema.safeParse(row.resumeSnapshot);
  return {
    id: row.id,
    postingId: row.postingId,
    postingTitle: row.postingTitle,
    postingDistrictCode: row.postingDistrictCode,
    enterpriseId: row.enterpriseId,
    enterpriseName: row.enterpriseName,
    seekerUserId: row.seekerUserId,
    seekerName: snapshot.success ? snapshot.data.fullName : '',
    status: row.status as ApplicationStatus,
    note: row.note,
    interviewAt: row.interviewAt ? row.interviewAt.toISOString() : null,
    interviewPlace: row.interviewPlace,
    rejectReason: row.rejectReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    events: events
      .filter((e) => e.applicationId === row.id)
      .map((e) => ({
        fromStatus: e.fromStatus as ApplicationStatus | null,
        toStatus: e.toStatus as ApplicationStatus,
        at: e.at.toISOString(),
        note: e.note,
        by: byOf(e.actorRole),
      })),
    resume: withResume && snapshot.success ? snapshot.data : null,
  };
}

async function loadOne(db: Executor, id: string, withResume: boolean): Promise<Application> {
  const row = await repo.findApplication(db, id);
  if (!row) throw new AppError('not_found');
  return toApplication(row, await repo.listEvents(db, [id]), withResume);
}

async function relation(
  db: Executor,
  actor: RequestContext['actor'],
  target: { seekerUserId: string; enterpriseId: string; districtCode: string },
): Promise<ApplicationActor | null> {
  return relationTo(actor, target, (userId) => memberEnterpriseIds(db, userId));
}

async function notifySeeker(
  tx: Executor,
  row: repo.ApplicationRow,
  status: ApplicationStatus,
  eventId: number,
  at: Date,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const notice = statusNotice(status, row.postingTitle, row.enterpriseName);
  await createNotification(tx, {
    userId: row.seekerUserId,
    kind: 'application_status',
    titleZh: notice.zh,
    titleEn: notice.en,
    body: { applicationId: row.id, postingId: row.postingId, status, ...extra },
    link: `/seeker/applications?id=${row.id}`,
    dedupeKey: `application_event:${eventId}`,
    at,
  });
}

/**
 * A seeker applies: the posting must be published, not full and not expired, and the seeker must
 * have a résumé. Records the consent to share the résumé with this enterprise and a snapshot of it.
 * "One open application per seeker and posting" is checked first for a clear answer, and decided
 * by the partial unique index applications_active_uniq when two requests race.
 */
export async function apply(
  ctx: RequestContext,
  postingId: string,
  body: { message?: string | undefined },
): Promise<Application> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const posting = await repo.findPosting(tx, postingId);
      if (!posting) throw new AppError('not_found');
      if (posting.status !== 'published' || posting.expiresOn < chinaToday(now)) {
        throw new AppError('posting_not_open');
      }
      if (posting.hiredCount >= posting.headcount) throw new AppError('posting_filled');
      const resume = await myResume(ctx);
      const phone = await repo.findUserPhone(tx, actor.userId);
      if (!resume || phone === undefined) {
        throw new AppError('resume_required', {
          detail: {
            'zh-CN': '申请岗位会把您的简历发送给企业。请先在“我的简历”中填写简历，再回来申请。',
            'en-US':
              'Applying sends your résumé to the enterprise. Fill in “My résumé” first, then apply again.',
          },
        });
      }
      if (await repo.findActiveApplicationId(tx, postingId, actor.userId))
        throw new AppError('already_applied');
      const consentId = await repo.insertConsent(tx, {
        userId: actor.userId,
        kind: RESUME_SHARE_CONSENT,
        noticeVersion: NOTICE_VERSION,
        context: { postingId, enterpriseId: posting.enterpriseId },
        grantedAt: now,
      });
      const message = body.message ? body.message : null;
      const id = await repo.insertApplication(tx, {
        postingId,
        seekerUserId: actor.userId,
        enterpriseId: posting.enterpriseId,
        resumeSnapshot: snapshotOf(resume, phone, message, now),
        consentId,
        at: now,
      });
      await repo.insertEvent(tx, {
        applicationId: id,
        fromStatus: null,
        toStatus: 'submitted',
        note: message,
        actorUserId: actor.userId,
        at: now,
      });
      await writeAudit(tx, ctx, {
        action: 'application.submit',
        entityType: 'application',
        entityId: id,
        summary: { postingId, enterpriseId: posting.enterpriseId, consentId },
      });
      return loadOne(tx, id, true);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'applications_active_uniq'))
      throw new AppError('already_applied', { cause: err });
    throw err;
  }
}

/**
 * Moves an application (applications.workflow.ts decides). A hire, in the same transaction:
 * records it in `hires` and counts it against the posting's headcount (the postings module's
 * recordPostingHire: a conditional UPDATE hired_count < headcount that closes the posting as filled
 * when it reaches the headcount; the CHECK hired_count <= headcount is the last word). A posting
 * already full answers posting_filled and nothing changes.
 */
export async function change(
  ctx: RequestContext,
  id: string,
  body: {
    status: Exclude<ApplicationStatus, 'submitted'>;
    note?: string | undefined;
    interviewAt?: string | undefined;
    interviewPlace?: string | undefined;
    rejectReason?: string | undefined;
  },
): Promise<Application> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const row = await repo.findApplication(tx, id, { forUpdate: true });
      if (!row) throw new AppError('not_found');
      const rel = await relation(tx, actor, {
        seekerUserId: row.seekerUserId,
        enterpriseId: row.enterpriseId,
        districtCode: row.postingDistrictCode,
      });
      if (!rel) throw new AppError('not_found');
      const from = row.status as ApplicationStatus;
      const result = applyChange(
        {
          status: from,
          note: row.note,
          interviewAt: row.interviewAt,
          interviewPlace: row.interviewPlace,
          rejectReason: row.rejectReason,
        },
        body,
        rel,
        now,
      );
      if (!result.ok) {
        if (result.code !== 'invalid_transition') throw fieldError(result.field, result.code);
        const a = STATUS_LABELS[from];
        const b = STATUS_LABELS[body.status];
        throw new AppError('conflict', {
          fields: [{ path: 'status', code: 'invalid_transition' }],
          detail:
            rel === 'seeker'
              ? {
                  'zh-CN': `求职者只能撤回申请（当前状态：${a.zh}）`,
                  'en-US': `A seeker can only withdraw an open application (status: ${a.en})`,
                }
              : {
                  'zh-CN': `申请不能从“${a.zh}”改为“${b.zh}”`,
                  'en-US': `An application cannot go from ${a.en} to ${b.en}`,
                },
        });
      }
      const next = result.next;
      if (
        !(await repo.updateApplication(tx, id, from, {
          status: next.status,
          note: next.note,
          interviewAt: next.interviewAt,
          interviewPlace: next.interviewPlace,
          rejectReason: next.rejectReason,
          updatedAt: now,
        }))
      ) {
        throw new AppError('conflict');
      }
      let posting: { hiredCount: number; headcount: number; closed: boolean } | undefined;
      if (result.hire) {
        posting = await recordPostingHire(tx, ctx, row.postingId);
        if (!posting) throw new AppError('posting_filled');
        await repo.insertHire(tx, {
          applicationId: id,
          postingId: row.postingId,
          enterpriseId: row.enterpriseId,
          seekerUserId: row.seekerUserId,
          at: now,
        });
      }
      const eventId = await repo.insertEvent(tx, {
        applicationId: id,
        fromStatus: from,
        toStatus: next.status,
        note: body.note ?? (next.status === 'rejected' ? next.rejectReason : null),
        actorUserId: actor.userId,
        at: now,
      });
      await writeAudit(tx, ctx, {
        action: `application.${next.status}`,
        entityType: 'application',
        entityId: id,
        summary: {
          from,
          to: next.status,
          postingId: row.postingId,
          as: rel,
          ...(posting
            ? { hiredCount: posting.hiredCount, headcount: posting.headcount, postingClosed: posting.closed }
            : {}),
        },
      });
      // The seeker's own withdrawal needs no message to them.
      if (rel !== 'seeker') {
        await notifySeeker(tx, row, next.status, eventId, now, {
          note: body.note ?? null,
          interviewAt: next.status === 'interview' ? next.interviewAt?.toISOString() : undefined,
          interviewPlace: next.status === 'interview' ? next.interviewPlace : undefined,
          rejectReason: next.status === 'rejected' ? next.rejectReason : undefined,
        });
      }
      return loadOne(tx, id, true);
    });
  } catch (err) {
    // hired_count <= headcount: the database's last word if the conditional update was bypassed.
    if (isCheckViolation(err)) throw new AppError('posting_filled', { cause: err });
    throw err;
  }
}

/**
 * One application with the shared résumé. The enterprise's first read marks it viewed (the seeker
 * is told); staff reads are audited (personal data); the seeker reads their own.
 */
export async function get(ctx: RequestContext, id: string): Promise<Application> {
  const actor = requireUser(ctx);
  const row = await repo.findApplication(ctx.db, id);
  if (!row) throw new AppError('not_found');
  const rel = await relation(ctx.db, actor, {
    seekerUserId: row.seekerUserId,
    enterpriseId: row.enterpriseId,
    districtCode: row.postingDistrictCode,
  });
  if (!rel) throw new AppError('not_found');
  if (rel === 'seeker') return loadOne(ctx.db, id, true);
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.now();
    if (rel === 'enterprise' && row.status === 'submitted' && (await repo.markViewed(tx, id, now))) {
      const eventId = await repo.insertEvent(tx, {
        applicationId: id,
        fromStatus: 'submitted',
        toStatus: 'viewed',
        note: null,
        actorUserId: actor.userId,
        at: now,
      });
      await writeAudit(tx, ctx, {
        action: 'application.viewed',
        entityType: 'application',
        entityId: id,
        summary: { from: 'submitted', to: 'viewed', postingId: row.postingId, as: rel, automatic: true },
      });
      await notifySeeker(tx, row, 'viewed', eventId, now);
    }
    if (rel === 'staff') {
      await writeAudit(tx, ctx, {
        action: 'application.read',
        entityType: 'application',
        entityId: id,
        summary: { postingId: row.postingId, seekerUserId: row.seekerUserId },
      });
    }
    return loadOne(tx, id, true);
  });
}

/** A posting's applicants, for its enterprise's clerks and staff covering its district. */
export async function listForPosting(
  ctx: RequestContext,
  postingId: string,
  q: ListApplicationsQuery,
): Promise<Page<Application>> {
  const actor = requireUser(ctx);
  const posting = await repo.findPosting(ctx.db, postingId);
  if (!posting) throw new AppError('not_found');
  const rel = await relation(ctx.db, actor, {
    seekerUserId: '',
    enterpriseId: posting.enterpriseId,
    districtCode: posting.districtCode,
  });
  if (rel !== 'enterprise' && rel !== 'staff') throw new AppError('forbidden');
  return ctx.db.transaction().execute(async (tx) => {
    const { rows, total } = await repo.listByPosting(tx, postingId, { status: q.status, ...offsetOf(q) });
    const events = await repo.listEvents(
      tx,
      rows.map((r) => r.id),
    );
    if (rel === 'staff' && rows.length > 0) {
      await writeAudit(tx, ctx, {
        action: 'application.list_read',
        entityType: 'job_posting',
        entityId: postingId,
        summary: { applications: rows.map((r) => r.id), status: q.status ?? null, page: q.page },
      });
    }
    return pageResult(
      rows.map((r) => toApplication(r, events, true)),
      total,
      q,
    );
  });
}

/** The seeker's applications with their timelines, newest first. */
export async function listMine(ctx: RequestContext, q: ListApplicationsQuery): Promise<Page<Application>> {
  const actor = requireUser(ctx);
  const { rows, total } = await repo.listBySeeker(ctx.db, actor.userId, { status: q.status, ...offsetOf(q) });
  const events = await repo.listEvents(
    ctx.db,
    rows.map((r) => r.id),
  );
  return pageResult(
    rows.map((r) => toApplication(r, events, false)),
    total,
    q,
  );
}
