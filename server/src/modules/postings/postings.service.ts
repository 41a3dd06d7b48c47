import { notifyNewPosting } from '../alerts/index.js';
import {
  monthlyFen,
  PostingSchema,
  type EnterprisePostingsQuery,
  type ImportResult,
  type ImportRowError,
  type Locale,
  type Posting,
  type PostingStatus,
  type ReviewQueueQuery,
  type StoredFlag,
} from '@jiuye/shared';
import { z } from 'zod';
import type { CreatePostingBodySchema, UpdatePostingBodySchema } from '@jiuye/shared';
import type { Db, Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import { postingSearchText, postingSearchVector } from '../search/search.index.js';
import {
  assertCanManageEnterprise,
  enterpriseAccess,
  isStaffInDistrict,
  type Upload,
} from '../enterprises/index.js';
import * as repo from './postings.repository.js';
import { etagOf } from '../../platform/response-cache.js';
import {
  detailCache,
  detailKey,
  detailTags,
  forgetPostings,
  type DetailMeta,
} from './postings.detail-cache.js';
import { detectFlags, renderFlags } from './postings.discrimination.js';
import {
  canReview,
  chinaToday,
  expiryProblem,
  planEmployerUpdate,
  type EmployerTarget,
} from './postings.workflow.js';
import {
  buildTemplate,
  importIndexer,
  parseWorkbook,
  zipUncompressedSize,
  type ImportReference,
} from './postings.import.js';

const ENTITY = 'job_posting';

type CreateBody = z.output<typeof CreatePostingBodySchema>;
type UpdateBody = z.output<typeof UpdatePostingBodySchema>;
type SalaryPeriod = 'month' | 'day' | 'hour';

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

/**
 * `full`: the enterprise's members and staff see the checker's flags and the reviewer's reason;
 * the public sees the ad.
 */
export function toPosting(r: repo.PostingRow, locale: Locale, full: boolean): Posting {
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseName,
    enterpriseVerified: r.enterpriseStatus === 'verified',
    title: r.title,
    occupationCode: r.occupationCode,
    occupationName: locale === 'zh-CN' ? r.occupationNameZh : r.occupationNameEn,
    description: r.description,
    districtCode: r.districtCode,
    districtName: r.districtName,
    address: r.address,
    headcount: r.headcount,
    hiredCount: r.hiredCount,
    salaryMinFen: r.salaryMinFen,
    salaryMaxFen: r.salaryMaxFen,
    salaryPeriod: r.salaryPeriod as Posting['salaryPeriod'],
    employmentType: r.employmentType as Posting['employmentType'],
    educationLevel: r.educationLevel,
    experienceYears: r.experienceYears,
    skills: r.skills,
    benefits: r.benefits,
    targetRegionCodes: r.targetRegionCodes,
    expiresOn: r.expiresOn,
    status: r.status as PostingStatus,
    flags: full ? renderFlags(r.flags, locale) : [],
    reviewReason: full ? r.reviewReason : null,
    publishedAt: iso(r.publishedAt),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
  };
}

type Standing = { member: boolean; staff: boolean; reviewer: boolean };

/**
 * Members of the enterprise; staff of the posting's district (who review it) or of the enterprise's
 * district (who oversee the enterprise).
 */
async function standing(ctx: RequestContext, r: DetailMeta): Promise<Standing> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') return { member: false, staff: false, reviewer: false };
  if (actor.role === 'staff') {
    const reviewer = isStaffInDistrict(actor, r.districtCode);
    return { member: false, reviewer, staff: reviewer || isStaffInDistrict(actor, r.enterpriseDistrictCode) };
  }
  if (actor.role !== 'employer') return { member: false, staff: false, reviewer: false };
  const a = await enterpriseAccess(ctx, r.enterpriseId);
  return { member: a?.memberRole != null, staff: false, reviewer: false };
}

function conflict(zh: string, en: string, field?: { path: string; code: string }): AppError {
  return new AppError('conflict', { detail: { 'zh-CN': zh, 'en-US': en }, fields: field ? [field] : [] });
}

function invalidTransition(from: string, to?: string): AppError {
  return conflict(
    to
      ? `岗位当前为“${STATUS_ZH[from] ?? from}”，不能改为“${STATUS_ZH[to] ?? to}”`
      : `岗位当前为“${STATUS_ZH[from] ?? from}”，不能修改`,
    to
      ? `The posting is ${from}; it cannot become ${to}`
      : `The posting is ${from}; it can no longer be edited`,
    { path: 'status', code: 'invalid_transition' },
  );
}

const STATUS_ZH: Record<string, string> = {
  draft: '草稿',
  pending_review: '待审核',
  published: '已发布',
  paused: '已暂停',
  closed: '已关闭',
  expired: '已过期',
  rejected: '未通过审核',
};

function staleVersion(): AppError {
  return new AppError('conflict', { fields: [{ path: 'version', code: 'stale_version' }] });
}

function notVerified(name: string): AppError {
  return new AppError('enterprise_not_verified', {
    detail: {
      'zh-CN': `企业“${name}”尚未通过认证：只有认证企业的岗位可以发布，请先完成企业认证`,
      'en-US': `“${name}” is not a verified enterprise yet: only verified enterprises’ postings can be published`,
    },
  });
}

function suspended(): AppError {
  return conflict('企业已被暂停，不能发布或导入岗位', 'The enterprise is suspended: it cannot post jobs');
}

function uniq(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

/** The stored columns for a posting's content (monthly salary equivalents for search and sorting). */
function contentValues(b: {
  title: string;
  occupationCode: string;
  description: string;
  districtCode: string;
  address: string;
  headcount: number;
  salaryMinFen: number;
  salaryMaxFen: number;
  salaryPeriod: SalaryPeriod;
  employmentType: string;
  educationLevel: string | null;
  experienceYears: number;
  skills: readonly string[];
  benefits: readonly string[];
  targetRegionCodes: readonly string[];
  expiresOn: string;
}): repo.PostingValues {
  return {
    title: b.title,
    occupationCode: b.occupationCode,
    description: b.description,
    districtCode: b.districtCode,
    address: b.address,
    headcount: b.headcount,
    salaryMinFen: b.salaryMinFen,
    salaryMaxFen: b.salaryMaxFen,
    salaryPeriod: b.salaryPeriod,
    salaryMonthMinFen: monthlyFen(b.salaryMinFen, b.salaryPeriod),
    salaryMonthMaxFen: monthlyFen(b.salaryMaxFen, b.salaryPeriod),
    employmentType: b.employmentType,
    educationLevel: b.educationLevel,
    experienceYears: b.experienceYears,
    skills: uniq(b.skills),
    benefits: uniq(b.benefits),
    targetRegionCodes: uniq(b.targetRegionCodes),
    expiresOn: b.expiresOn,
  };
}

async function searchColumns(
  db: Executor,
  p: { title: string; occupationCode: string; skills: string[]; description: string },
  enterpriseName: string,
  occupations?: Map<string, { nameZh: string; nameEn: string; keywords: string[] }>,
) {
  const occ = (occupations ?? (await repo.occupationsForIndex(db, [p.occupationCode]))).get(p.occupationCode);
  const input = {
    title: p.title,
    occupationNames: occ ? [occ.nameZh, occ.nameEn] : [],
    occupationKeywords: occ?.keywords ?? [],
    skills: p.skills,
    enterpriseName,
    description: p.description,
  };
  return { searchVector: postingSearchVector(input), searchText: postingSearchText(input) };
}

function flagCodes(flags: readonly StoredFlag[]): string[] {
  return uniq(flags.map((f) => f.code));
}

async function loadRow(db: Executor, id: string): Promise<repo.PostingRow> {
  const row = await repo.findPosting(db, id);
  if (!row) throw new AppError('not_found');
  return row;
}

// ——— Use cases ———

export async function createPosting(ctx: RequestContext, body: CreateBody): Promise<Posting> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('forbidden');
  const enterprise = await assertCanManageEnterprise(ctx, body.enterpriseId);
  if (enterprise.status === 'suspended') throw suspended();
  const problem = expiryProblem(body.expiresOn, ctx.now());
  if (problem) throw fieldError('expiresOn', problem);
  const values = contentValues(body);
  const flags = detectFlags(values);
  const status = body.submit ? 'pending_review' : 'draft';
  const search = await searchColumns(ctx.db, values, enterprise.name);
  return ctx.db.transaction().execute(async (tx) => {
    const [id] = await repo.insertPostings(tx, [
      { ...values, ...search, enterpriseId: enterprise.id, status, flags, createdBy: actor.userId },
    ]);
    if (!id) throw new Error('insert returned no id');
    await writeAudit(tx, ctx, {
      action: 'posting.create',
      entityType: ENTITY,
      entityId: id,
      summary: { enterpriseId: enterprise.id, status, flags: flagCodes(flags) },
    });
    return toPosting(await loadRow(tx, id), ctx.locale, true);
  });
}

/**
 * The detail as the enterprise's members and staff see it (`full`), or the public ad already
 * serialised with its ETag (`public`): the same bytes for every caller who gets the public view.
 */
export type PostingDetail =
  { kind: 'full'; posting: Posting } | { kind: 'public'; body: Buffer; etag: string };

/**
 * Published postings are public; other statuses only for the enterprise and staff, else 404.
 * Issue 10: the public view comes from this instance's cache (postings.detail-cache.ts) without
 * touching the database, except to tell an employer whether they belong to the enterprise.
 * Members and staff always read the database; nothing of theirs is ever stored in the cache.
 */
export async function getPostingDetail(ctx: RequestContext, id: string): Promise<PostingDetail> {
  const cache = detailCache(ctx.deps);
  const key = detailKey(id, ctx.locale);
  const hit = cache?.get(key);
  if (hit) {
    const s = await standing(ctx, hit.meta);
    if (!s.member && !s.staff) return { kind: 'public', body: hit.body, etag: hit.etag };
  }
  // Before the read: a change committed meanwhile must stop this read's result being stored.
  const ticket = cache?.ticket() ?? 0;
  const row = await loadRow(ctx.db, id);
  const s = await standing(ctx, row);
  if (s.member || s.staff) return { kind: 'full', posting: toPosting(row, ctx.locale, true) };
  if (row.status !== 'published') throw new AppError('not_found');
  // Exactly what the route's response schema would send (fastify-type-provider-zod: encode, stringify).
  const json = JSON.stringify(z.encode(PostingSchema, toPosting(row, ctx.locale, false)));
  const meta: DetailMeta = {
    enterpriseId: row.enterpriseId,
    districtCode: row.districtCode,
    enterpriseDistrictCode: row.enterpriseDistrictCode,
  };
  if (cache) {
    const e = cache.set(key, ticket, json, detailTags(row), meta);
    return { kind: 'public', body: e.body, etag: e.etag };
  }
  const body = Buffer.from(json);
  return { kind: 'public', body, etag: etagOf(body) };
}

const CONTENT_FIELDS = [
  'title',
  'occupationCode',
  'description',
  'districtCode',
  'address',
  'headcount',
  'salaryMinFen',
  'salaryMaxFen',
  'salaryPeriod',
  'employmentType',
  'educationLevel',
  'experienceYears',
  'skills',
  'benefits',
  'targetRegionCodes',
  'expiresOn',
] as const;
type ContentField = (typeof CONTENT_FIELDS)[number];

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function updatePosting(ctx: RequestContext, id: string, body: UpdateBody): Promise<Posting> {
  const row = await loadRow(ctx.db, id);
  const s = await standing(ctx, row);
  if (!s.member) {
    if (s.staff || row.status === 'published') {
      throw new AppError('forbidden', {
        detail: {
          'zh-CN': '只有本企业的经办人可以修改岗位',
          'en-US': 'Only the enterprise’s clerks can edit it',
        },
      });
    }
    throw new AppError('not_found');
  }
  if (body.version !== undefined && body.version !== row.version) throw staleVersion();

  const current = row.status as PostingStatus;
  const merged = contentValues({ ...row, salaryPeriod: row.salaryPeriod as SalaryPeriod });
  const next = { ...merged };
  const changed: ContentField[] = [];
  for (const f of CONTENT_FIELDS) {
    const v = body[f];
    if (v === undefined) continue;
    const normalised = Array.isArray(v) ? uniq(v) : v;
    if (!same(normalised, merged[f])) {
      changed.push(f);
      (next as Record<string, unknown>)[f] = normalised;
    }
  }
  // Cross-field and date checks on the posting as it would become.
  if (next.salaryMaxFen < next.salaryMinFen) throw fieldError('salaryMaxFen', 'salary_range');
  if (next.headcount < row.hiredCount) throw fieldError('headcount', 'headcount_below_hired');
  if (changed.includes('expiresOn')) {
    const p = expiryProblem(next.expiresOn, ctx.now());
    if (p) throw fieldError('expiresOn', p);
  }

  const requested: EmployerTarget | undefined = body.status;
  const plan = planEmployerUpdate(current, changed, requested);
  if (!plan.ok) throw invalidTransition(current, plan.reason === 'not_editable' ? undefined : requested);
  if (changed.length === 0 && plan.status === current) return toPosting(row, ctx.locale, true);

  if (
    plan.status === 'pending_review' &&
    current !== 'pending_review' &&
    next.expiresOn < chinaToday(ctx.now())
  ) {
    // Submitting an ad that has already closed would only reach the reviewer to be refused.
    throw fieldError('expiresOn', 'date_in_past');
  }
  if (plan.status === 'published' && current !== 'published') {
    // Resuming a paused posting: it must still be in date and its enterprise still verified.
    if (next.expiresOn < chinaToday(ctx.now())) {
      throw conflict(
        '岗位已过截止日期，请先延长截止日期再恢复',
        'The posting is past its closing date: extend it before resuming',
        { path: 'expiresOn', code: 'date_in_past' },
      );
    }
    if (row.enterpriseStatus !== 'verified') throw notVerified(row.enterpriseName);
  }

  const patch: repo.PostingUpdate = {};
  for (const f of changed) (patch as Record<string, unknown>)[f] = next[f];
  if (changed.some((f) => f === 'salaryMinFen' || f === 'salaryMaxFen' || f === 'salaryPeriod')) {
    patch.salaryMonthMinFen = monthlyFen(next.salaryMinFen, next.salaryPeriod as SalaryPeriod);
    patch.salaryMonthMaxFen = monthlyFen(next.salaryMaxFen, next.salaryPeriod as SalaryPeriod);
  }
  let flags = row.flags;
  if (changed.some((f) => f === 'title' || f === 'description' || f === 'skills')) {
    flags = detectFlags(next);
    patch.flags = flags;
  }
  if (changed.some((f) => f === 'title' || f === 'occupationCode' || f === 'description' || f === 'skills')) {
    Object.assign(patch, await searchColumns(ctx.db, next, row.enterpriseName));
  }
  if (plan.status !== current) patch.status = plan.status;

  const updated = await ctx.db.transaction().execute(async (tx) => {
    const ok = await repo.updatePosting(tx, id, { version: row.version, status: row.status }, patch);
    if (!ok) throw staleVersion();
    await writeAudit(tx, ctx, {
      action: 'posting.update',
      entityType: ENTITY,
      entityId: id,
      summary: {
        fields: changed,
        ...(plan.status !== current ? { fromStatus: current, toStatus: plan.status } : {}),
        ...(patch.flags ? { flags: flagCodes(flags) } : {}),
      },
    });
    if (plan.status === 'published' && current !== 'published') await notifyNewPosting(tx, id, ctx.now());
    return toPosting(await loadRow(tx, id), ctx.locale, true);
  });
  // Committed: the public detail here changes now (other instances: by NOTIFY, migration 0350).
  forgetPostings(ctx.deps.db, [id]);
  return updated;
}

export async function reviewPosting(
  ctx: RequestContext,
  id: string,
  body: { decision: 'approve' | 'reject'; reason?: string | undefined; version?: number | undefined },
): Promise<Posting> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('forbidden');
  const row = await loadRow(ctx.db, id);
  const s = await standing(ctx, row);
  if (!s.reviewer) {
    // Staff of the enterprise's district may see it, but review belongs to the posting's district.
    if (s.staff) {
      throw new AppError('forbidden', { fields: [{ path: 'districtCode', code: 'outside_district' }] });
    }
    throw new AppError('not_found');
  }
  if (body.version !== undefined && body.version !== row.version) throw staleVersion();
  if (!canReview(row.status as PostingStatus)) {
    throw invalidTransition(row.status, body.decision === 'approve' ? 'published' : 'rejected');
  }
  if (body.decision === 'reject' && !body.reason) throw fieldError('reason', 'required');
  if (body.decision === 'approve') {
    if (row.enterpriseStatus !== 'verified') throw notVerified(row.enterpriseName);
    if (row.expiresOn < chinaToday(ctx.now())) {
      throw conflict(
        '岗位已过截止日期，请退回企业修改截止日期',
        'The posting is past its closing date: reject it so the enterprise can extend it',
        { path: 'expiresOn', code: 'date_in_past' },
      );
    }
  }
  const status = body.decision === 'approve' ? 'published' : 'rejected';
  const decided = await ctx.db.transaction().execute(async (tx) => {
    const ok = await repo.decideReview(tx, id, {
      status,
      reason: body.reason ?? null,
      reviewerId: actor.userId,
      at: ctx.now(),
      version: body.version,
    });
    // Another officer decided first, or the enterprise withdrew or edited it meanwhile.
    if (!ok) {
      const now = await repo.findPosting(tx, id);
      if (now && now.status !== 'pending_review') throw invalidTransition(now.status, status);
      throw staleVersion();
    }
    await writeAudit(tx, ctx, {
      action: body.decision === 'approve' ? 'posting.approve' : 'posting.reject',
      entityType: ENTITY,
      entityId: id,
      summary: { reason: body.reason ?? null, flags: flagCodes(row.flags) },
    });
    // Job alerts go out with the publication (same transaction); the alert sweep catches any miss.
    if (status === 'published') await notifyNewPosting(tx, id, ctx.now());
    return toPosting(await loadRow(tx, id), ctx.locale, true);
  });
  forgetPostings(ctx.deps.db, [id]);
  return decided;
}

export async function reviewQueue(ctx: RequestContext, q: ReviewQueueQuery): Promise<Page<Posting>> {
  const actor = ctx.actor;
  if (actor.kind !== 'user' || actor.role !== 'staff') throw new AppError('forbidden');
  if (q.districtCode && !actor.districtCodes.includes(q.districtCode)) {
    throw new AppError('forbidden', { fields: [{ path: 'districtCode', code: 'outside_district' }] });
  }
  if (actor.districtCodes.length === 0) return pageResult([], 0, q);
  const { limit, offset } = offsetOf(q);
  const { rows, total } = await repo.listPostings(ctx.db, {
    status: 'pending_review',
    districtCodes: q.districtCode ? [q.districtCode] : actor.districtCodes,
    flagged: q.flagged,
    order: 'oldest',
    limit,
    offset,
  });
  return pageResult(
    rows.map((r) => toPosting(r, ctx.locale, true)),
    total,
    q,
  );
}

export async function enterprisePostings(
  ctx: RequestContext,
  enterpriseId: string,
  q: EnterprisePostingsQuery,
): Promise<Page<Posting>> {
  const a = await enterpriseAccess(ctx, enterpriseId);
  if (!a || (a.memberRole === null && !a.staffInDistrict)) throw new AppError('not_found');
  const { limit, offset } = offsetOf(q);
  const { rows, total } = await repo.listPostings(ctx.db, {
    enterpriseId,
    status: q.status,
    order: 'newest',
    limit,
    offset,
  });
  return pageResult(
    rows.map((r) => toPosting(r, ctx.locale, true)),
    total,
    q,
  );
}

// ——— Expiry (a job, not a request) ———

const EXPIRE_BATCH = 1000;

/**
 * Published and paused postings whose last day (China time) has passed become expired. Idempotent:
 * running it twice, or on two servers at once, expires each posting once (SKIP LOCKED batches).
 */
export async function expirePostings(db: Db, now: Date): Promise<number> {
  const today = chinaToday(now);
  let total = 0;
  for (;;) {
    const ids = await db.transaction().execute(async (tx) => {
      const expired = await repo.expireBatch(tx, today, EXPIRE_BATCH);
      if (expired.length > 0) {
        await writeAudit(tx, null, {
          action: 'posting.expire',
          entityType: ENTITY,
          summary: { count: expired.length, today, postingIds: expired },
        });
      }
      return expired;
    });
    forgetPostings(db, ids);
    total += ids.length;
    if (ids.length < EXPIRE_BATCH) return total;
  }
}

/**
 * A hire made through an application: one more hired; a posting whose vacancies are all filled
 * closes. Call it in the caller's transaction. Undefined when the posting is already full.
 */
export async function recordPostingHire(
  tx: Executor,
  ctx: RequestContext | null,
  postingId: string,
): Promise<{ hiredCount: number; headcount: number; closed: boolean } | undefined> {
  const r = await repo.recordHire(tx, postingId);
  if (!r) return undefined;
  // Still inside the caller's transaction: this evicts the old entry for the caller's next read
  // here; a read racing the commit may store it once more, until the commit's NOTIFY evicts it.
  if (ctx) forgetPostings(ctx.deps.db, [postingId]);
  const closed = r.status === 'closed' && r.hiredCount >= r.headcount;
  if (closed) {
    await writeAudit(tx, ctx, {
      action: 'posting.filled',
      entityType: ENTITY,
      entityId: postingId,
      summary: { hiredCount: r.hiredCount, headcount: r.headcount },
    });
  }
  return { hiredCount: r.hiredCount, headcount: r.headcount, closed };
}

// ——— Excel import ———

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** An .xlsx of 2,000 rows inflates to a few MB; anything claiming far more is refused unread. */
const IMPORT_MAX_INFLATED = 50 * 1024 * 1024;

export async function importTemplate(ctx: RequestContext, enterpriseId: string): Promise<Buffer> {
  await assertCanManageEnterprise(ctx, enterpriseId);
  const [occupations, regions, educationLevels] = await Promise.all([
    repo.occupationNames(ctx.db),
    repo.regionNames(ctx.db),
    repo.educationLevelNames(ctx.db),
  ]);
  return buildTemplate({
    now: ctx.now(),
    occupations: occupations
      .filter((o) => o.level === 4)
      .map((o) => ({ code: o.code, nameZh: o.nameZh, nameEn: o.nameEn }))
      .sort((a, b) => a.code.localeCompare(b.code)),
    // Zhanjiang's districts and counties (GB/T 2260 4408xx), the ones most postings name.
    districts: regions
      .filter((r) => r.code.startsWith('4408') && r.level === 3)
      .map((r) => ({ code: r.code, name: r.name }))
      .sort((a, b) => a.code.localeCompare(b.code)),
    educationLevels,
  });
}

async function importReference(db: Db): Promise<ImportReference> {
  const [occupations, regions, educationLevels] = await Promise.all([
    repo.occupationNames(db),
    repo.regionNames(db),
    repo.educationLevelNames(db),
  ]);
  const occByKey = new Map<string, string>();
  const keywordHits = new Map<string, Set<string>>();
  for (const o of occupations) {
    occByKey.set(o.code, o.code);
    occByKey.set(o.nameZh, o.code);
    occByKey.set(o.nameEn.toLowerCase(), o.code);
    if (o.level === 4) {
      for (const k of o.keywords) {
        const set = keywordHits.get(k) ?? new Set<string>();
        set.add(o.code);
        keywordHits.set(k, set);
      }
    }
  }
  // A job name clerks use (电焊工) counts when it names exactly one occupation.
  for (const [k, codes] of keywordHits) {
    const [only] = codes;
    if (codes.size === 1 && only && !occByKey.has(k)) occByKey.set(k, only);
  }
  // Regions by code, by name, and by full name (广东省湛江市霞山区, 湛江市霞山区).
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const parentOf = (code: string): string | null => {
    if (code.endsWith('0000')) return null;
    const up = code.endsWith('00') ? `${code.slice(0, 2)}0000` : `${code.slice(0, 4)}00`;
    return byCode.has(up) ? up : null;
  };
  const byName = new Map<string, Set<string>>();
  const addName = (name: string, code: string) => {
    const set = byName.get(name) ?? new Set<string>();
    set.add(code);
    byName.set(name, set);
  };
  for (const r of regions) {
    addName(r.name, r.code);
    let full = r.name;
    for (let p = parentOf(r.code); p; p = parentOf(p)) {
      full = `${byCode.get(p)?.name ?? ''}${full}`;
      addName(full, r.code);
    }
  }
  const eduBy = new Map<string, string>();
  for (const e of educationLevels) {
    eduBy.set(e.code, e.code);
    eduBy.set(e.nameZh, e.code);
    eduBy.set(e.nameEn.toLowerCase(), e.code);
  }
  // What clerks write for the same levels.
  for (const [k, v] of [
    ['中专', 'secondary_vocational'],
    ['技校', 'secondary_vocational'],
    ['职高', 'secondary_vocational'],
    ['专科', 'college'],
    ['硕士', 'graduate'],
    ['博士', 'graduate'],
    ['小学', 'primary'],
  ] as const) {
    if (eduBy.has(v)) eduBy.set(k, v);
  }
  return {
    occupation(text) {
      const code = occByKey.get(text) ?? occByKey.get(text.toLowerCase());
      return code ? { code } : { error: 'unknown_occupation' };
    },
    region(text) {
      const lead = /^(\d{6})(?:\D|$)/.exec(text);
      if (lead?.[1]) return byCode.has(lead[1]) ? { code: lead[1] } : { error: 'unknown_region' };
      const codes = [...(byName.get(text) ?? [])];
      if (codes.length === 0) return { error: 'unknown_region' };
      if (codes.length === 1 && codes[0]) return { code: codes[0] };
      // The same county name in several provinces: Zhanjiang's own wins, else ask for the code.
      const local = codes.filter((c) => c.startsWith('4408'));
      return local.length === 1 && local[0] ? { code: local[0] } : { error: 'ambiguous_region' };
    },
    educationLevel(text) {
      if (['不限', '无', 'any', 'none'].includes(text.toLowerCase())) return null;
      return eduBy.get(text) ?? eduBy.get(text.toLowerCase()) ?? { error: 'unknown_education_level' };
    },
  };
}

export type ImportOutcome = { ok: true; result: ImportResult } | { ok: false; errors: ImportRowError[] };

/** All rows or none: every row is checked first, then all are inserted in one transaction. */
export async function importPostings(
  ctx: RequestContext,
  enterpriseId: string,
  upload: Upload,
  /** The row cap is IMPORT_MAX_ROWS; only the benchmark lifts it (to time 20,000-row workbooks). */
  opts: { maxRows?: number } = {},
): Promise<ImportOutcome> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('forbidden');
  const enterprise = await assertCanManageEnterprise(ctx, enterpriseId);
  if (enterprise.status === 'suspended') throw suspended();
  const inflated = zipUncompressedSize(upload.buffer);
  if (inflated === null) {
    throw new AppError('unsupported_media_type', { fields: [{ path: 'file', code: 'xlsx_required' }] });
  }
  if (inflated > IMPORT_MAX_INFLATED) {
    throw new AppError('payload_too_large', { fields: [{ path: 'file', code: 'too_many_rows' }] });
  }
  let parsed;
  try {
    parsed = await parseWorkbook(upload.buffer, {
      enterpriseId,
      now: ctx.now(),
      locale: ctx.locale,
      ref: await importReference(ctx.db),
      ...(opts.maxRows === undefined ? {} : { maxRows: opts.maxRows }),
    });
  } catch (err) {
    // A zip that is not a workbook, or a workbook exceljs cannot read.
    throw new AppError('validation_failed', {
      fields: [{ path: 'file', code: 'xlsx_required' }],
      cause: err,
    });
  }
  if (!parsed.ok) return { ok: false, errors: parsed.errors };

  const occupations = await repo.occupationsForIndex(
    ctx.db,
    parsed.rows.map((r) => r.body.occupationCode),
  );
  // The same search columns and flags as createPosting's, each distinct text worked out once.
  const index = importIndexer(enterprise.name, occupations);
  const inserts: repo.ImportedPostingRow[] = parsed.rows.map(({ body }) => {
    const values = contentValues(body);
    return { ...values, ...index(values) };
  });
  const ids = await ctx.db.transaction().execute(async (tx) => {
    const all = await repo.insertImportedPostings(
      tx,
      { enterpriseId, status: 'pending_review', createdBy: actor.userId },
      inserts,
    );
    await writeAudit(tx, ctx, {
      action: 'posting.import',
      entityType: 'enterprise',
      entityId: enterpriseId,
      summary: {
        count: all.length,
        flagged: inserts.filter((p) => p.flags.length > 0).length,
        postingIds: all,
        file: upload.filename,
      },
    });
    return all;
  });
  return { ok: true, result: { imported: ids.length, errors: [] } };
}
