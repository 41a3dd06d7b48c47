import { randomUUID } from 'node:crypto';
import {
  maskPayeeName,
  type EligibilityResult,
  type EligibleSubject,
  type FindEligibleBody,
  type FindEligibleResult,
  type ListOutreachRunsQuery,
  type OutreachBody,
  type OutreachRun,
  type SubjectRef,
} from '@jiuye/shared';
import { z } from 'zod';
import { OutreachResultSchema } from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import { createNotification } from '../alerts/index.js';
import { isCityWideStaff, isStaff } from '../enterprises/index.js';
import { startupCandidates, startupDistricts } from '../entrepreneurship/index.js';
import { getPersons } from '../persons/index.js';
import { chinaDate, evaluatePolicy, findPolicy, periodKeyOf, type PolicyRecord } from '../policies/index.js';
import { prepareDraft } from './proactive.applications.js';
import { candidateSources, type CandidateSource } from './proactive.narrow.js';
import * as repo from './proactive.repository.js';

type UserActor = Extract<RequestContext['actor'], { kind: 'user' }>;
type OutreachResult = z.infer<typeof OutreachResultSchema>;

/** At most this many candidates are judged per scan (after the SQL narrowing); `scanned` says how many were. */
export const SCAN_MAX_CANDIDATES = 2000;
/** Candidates judged at once: each judgement runs a few queries; the pool has ten connections. */
const EVALUATE_CONCURRENCY = 4;

function requireReviewer(ctx: RequestContext): UserActor {
  const a = ctx.actor;
  if (a.kind !== 'user' || !isStaff(a) || !a.permissions.has('policy:review'))
    throw new AppError('forbidden');
  return a;
}

/**
 * The districts a scan covers: a city-wide officer all (or those asked); a district officer their
 * own (asking for another is a 400 naming it).
 */
function scopeOf(actor: UserActor, asked: readonly string[] | undefined): readonly string[] | null {
  if (isCityWideStaff(actor)) return asked && asked.length > 0 ? asked : null;
  if (!asked || asked.length === 0) return actor.districtCodes;
  const outside = asked.findIndex((c) => !actor.districtCodes.includes(c));
  if (outside >= 0)
    throw new AppError('validation_failed', {
      fields: [{ path: `districtCodes.${outside}`, code: 'outside_district' }],
    });
  return asked;
}

type Candidate = {
  ref: SubjectRef;
  /** Districts that place the subject in a staff member's scope. */
  districts: string[];
  userId: string | null;
  sources: Set<CandidateSource>;
};

/** The subjects worth judging, from the sources the rule allows (a few queries, no per-row reads). */
async function gatherCandidates(
  db: Executor,
  policy: PolicyRecord,
  districts: readonly string[] | null,
  asOf: string,
): Promise<Candidate[]> {
  const sources = candidateSources(policy.applicantType, policy.eligibility);
  const out = new Map<string, Candidate>();
  if (policy.applicantType === 'enterprise') {
    const rows = await repo.enterpriseCandidates(db, {
      districtCodes: districts,
      keyGroupHiresOnly: !sources.includes('enterprise'),
      limit: SCAN_MAX_CANDIDATES,
    });
    const source: CandidateSource = sources.includes('enterprise') ? 'enterprise' : 'key_group_hire';
    for (const e of rows)
      out.set(e.id, {
        ref: { type: 'enterprise', id: e.id, name: e.name, districtCode: e.districtCode },
        districts: [e.districtCode],
        userId: e.ownerUserId,
        sources: new Set([source]),
      });
    return [...out.values()];
  }
  const fromStartups = sources.includes('startup')
    ? await startupCandidates(db, {
        districtCodes: districts,
        returnedOnly: false,
        asOf,
        limit: SCAN_MAX_CANDIDATES,
      })
    : [];
  const fromResumes = sources.includes('resume')
    ? await repo.resumePersonCandidates(db, { districtCodes: districts, limit: SCAN_MAX_CANDIDATES })
    : [];
  const persons = await getPersons(db, [
    ...fromStartups.map((s) => s.personId),
    ...fromResumes.map((r) => r.id),
  ]);
  const add = (personId: string, district: string | null, source: CandidateSource) => {
    const p = persons.get(personId);
    if (!p) return;
    const c = out.get(personId) ?? {
      ref: {
        type: 'person' as const,
        id: p.id,
        name: p.fullName,
        districtCode: district ?? p.householdRegionCode,
      },
      districts: p.householdRegionCode ? [p.householdRegionCode] : [],
      userId: p.userId,
      sources: new Set<CandidateSource>(),
    };
    if (district && !c.districts.includes(district)) c.districts.push(district);
    c.sources.add(source);
    out.set(personId, c);
  };
  for (const s of fromStartups) add(s.personId, s.districtCode, 'startup');
  for (const r of fromResumes) add(r.id, r.districtCode, 'resume');
  return [...out.values()].slice(0, SCAN_MAX_CANDIDATES);
}

/** Runs `fn` over `items`, `n` at a time, keeping the order. */
async function mapLimit<T, R>(items: readonly T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

function toEligible(c: Candidate, r: EligibilityResult, lang: 'zh' | 'en'): EligibleSubject {
  return {
    subjectType: c.ref.type,
    subjectId: c.ref.id,
    name: c.ref.type === 'person' ? maskPayeeName(c.ref.name) : c.ref.name,
    districtCode: c.ref.districtCode,
    sources: [...c.sources],
    amountFen: r.amount?.amountFen ?? null,
    reasons: r.reasons.map((x) => ({
      fact: x.fact,
      passed: x.outcome === 'pass',
      message: lang === 'zh' ? x.messageZh : x.messageEn,
    })),
    reachable: c.userId !== null,
  };
}

async function loadPolicy(db: Executor, code: string): Promise<PolicyRecord> {
  const policy = await findPolicy(db, code);
  if (!policy) throw new AppError('not_found');
  return policy;
}

/**
 * 免申即享, step one: the subjects the platform knows who meet a policy now, with reasons and the
 * amount, leaving out those who already applied or were granted for the period. SQL narrows the
 * candidates (sources the rule allows, the caller's districts, existing applications) before each
 * is judged in full by the policies module. Audited: it reads personal data.
 */
export async function findEligible(
  ctx: RequestContext,
  code: string,
  body: FindEligibleBody,
): Promise<FindEligibleResult> {
  const actor = requireReviewer(ctx);
  const policy = await loadPolicy(ctx.db, code);
  const districts = scopeOf(actor, body.districtCodes);
  const asOf = body.asOf ?? chinaDate(ctx.now());
  const periodKey = periodKeyOf(policy.period, asOf);
  const page = body.page ?? 1;
  const pageSize = body.pageSize ?? 20;
  const all = await gatherCandidates(ctx.db, policy, districts, asOf);
  const taken = await repo.subjectsWithApplication(
    ctx.db,
    policy.code,
    periodKey,
    all.map((c) => c.ref.id),
  );
  const open = all.filter((c) => !taken.has(c.ref.id));
  const lang = ctx.locale === 'en-US' ? 'en' : 'zh';
  const judged = await mapLimit(open, EVALUATE_CONCURRENCY, async (c) => ({
    c,
    r: await evaluatePolicy(ctx.db, policy, c.ref, asOf),
  }));
  const eligible = judged
    .filter((j) => j.r.eligible)
    .map((j) => toEligible(j.c, j.r, lang))
    .sort(
      (a, b) =>
        (a.districtCode ?? '').localeCompare(b.districtCode ?? '') ||
        a.name.localeCompare(b.name, 'zh-CN') ||
        a.subjectId.localeCompare(b.subjectId),
    );
  const items = eligible.slice((page - 1) * pageSize, page * pageSize);
  await writeAudit(ctx.db, ctx, {
    action: 'policy.find_eligible',
    entityType: 'policy',
    entityId: policy.id,
    summary: {
      policyCode: policy.code,
      asOf,
      districts,
      scanned: open.length,
      excluded: taken.size,
      eligible: eligible.length,
      shown: items.map((i) => i.subjectId),
    },
  });
  return {
    policyCode: policy.code,
    period: periodKey,
    asOf,
    scanned: open.length,
    excluded: all.length - open.length,
    items,
    total: eligible.length,
    page,
    pageSize,
  };
}

function outreachLink(
  subjectType: 'enterprise' | 'person',
  code: string,
  applicationId: string | null,
): string {
  const area = subjectType === 'person' ? 'seeker' : 'employer';
  return applicationId
    ? `/${area}/policies/${applicationId}`
    : `/${area}/policies/catalogue/${encodeURIComponent(code)}`;
}

/**
 * 免申即享, step two: approach the chosen subjects. `notify` sends an in-app notification inviting
 * them to apply; `prepare` has the policy-applications module prepare a draft application (the
 * beneficiary only confirms it) and tells them. Every subject is re-judged first; each is handled
 * in its own transaction (one failure does not undo the others) and the run is recorded (who, when,
 * policy, counts, what happened to each) with an audit row.
 */
export async function outreach(ctx: RequestContext, code: string, body: OutreachBody): Promise<OutreachRun> {
  const actor = requireReviewer(ctx);
  const policy = await loadPolicy(ctx.db, code);
  const districts = scopeOf(actor, undefined);
  const asOf = body.asOf ?? chinaDate(ctx.now());
  const periodKey = periodKeyOf(policy.period, asOf);
  const runId = randomUUID();
  const now = ctx.now();

  const seen = new Set<string>();
  const ids: string[] = [];
  const results: OutreachResult[] = [];
  for (const id of body.subjectIds) {
    if (seen.has(id))
      results.push({ subjectId: id, outcome: 'skipped', applicationId: null, reason: 'duplicate' });
    else ids.push(id);
    seen.add(id);
  }
  const subjects = new Map<string, Candidate>();
  if (policy.applicantType === 'enterprise') {
    for (const e of await repo.enterprisesByIds(ctx.db, ids))
      subjects.set(e.id, {
        ref: { type: 'enterprise', id: e.id, name: e.name, districtCode: e.districtCode },
        districts: [e.districtCode],
        userId: e.ownerUserId,
        sources: new Set(),
      });
  } else {
    const [persons, startupDistrictMap] = await Promise.all([
      getPersons(ctx.db, ids),
      startupDistricts(ctx.db, ids),
    ]);
    for (const p of persons.values()) {
      const ds = [
        ...(p.householdRegionCode ? [p.householdRegionCode] : []),
        ...(startupDistrictMap.get(p.id) ?? []),
      ];
      subjects.set(p.id, {
        ref: {
          type: 'person',
          id: p.id,
          name: p.fullName,
          districtCode: startupDistrictMap.get(p.id)?.[0] ?? p.householdRegionCode,
        },
        districts: ds,
        userId: p.userId,
        sources: new Set(),
      });
    }
  }
  const taken = await repo.subjectsWithApplication(ctx.db, policy.code, periodKey, ids);

  for (const id of ids) {
    const skip = (reason: OutreachResult['reason']) =>
      results.push({ subjectId: id, outcome: 'skipped', applicationId: null, reason });
    const c = subjects.get(id);
    if (!c) {
      skip('subject_not_found');
      continue;
    }
    if (districts && !c.districts.some((d) => districts.includes(d))) {
      skip('outside_district');
      continue;
    }
    if (taken.has(id)) {
      skip('application_exists');
      continue;
    }
    const judged = await evaluatePolicy(ctx.db, policy, c.ref, asOf);
    if (!judged.eligible) {
      skip('subject_not_eligible');
      continue;
    }
    if (body.mode === 'notify' && !c.userId) {
      skip('no_account');
      continue;
    }
    try {
      const result = await ctx.db.transaction().execute(async (tx) => {
        const applicationId =
          body.mode === 'prepare'
            ? await prepareDraft(tx, ctx, {
                policyCode: policy.code,
                subjectType: c.ref.type,
                subjectId: id,
                districtCode: c.ref.districtCode,
              })
            : null;
        // prepareApplication tells a person with an account itself; an enterprise's owner hears it here.
        const notify = body.mode === 'notify' || c.ref.type === 'enterprise';
        if (c.userId && notify) {
          await createNotification(tx, {
            userId: c.userId,
            kind: body.mode === 'prepare' ? 'policy_prepared' : 'policy_invitation',
            titleZh:
              body.mode === 'prepare'
                ? `工作人员已为您准备好“${policy.nameZh}”的申请，请核对后确认提交`
                : `您可能符合“${policy.nameZh}”的条件，欢迎申请`,
            titleEn:
              body.mode === 'prepare'
                ? `An officer prepared your application for “${policy.nameEn}”: check it and confirm`
                : `You may be eligible for “${policy.nameEn}”: you are welcome to apply`,
            body: {
              policyCode: policy.code,
              applicationId,
              amountFen: judged.amount?.amountFen ?? null,
              message: body.message ?? null,
              outreachRunId: runId,
            },
            link: outreachLink(c.ref.type, policy.code, applicationId),
            dedupeKey: `outreach:${runId}:${id}`,
            at: now,
          });
        }
        return {
          subjectId: id,
          outcome: body.mode === 'prepare' ? ('prepared' as const) : ('notified' as const),
          applicationId,
          reason: null,
        };
      });
      results.push(result);
    } catch (err) {
      // A concurrent application of the same subject and period, or the subject changed meanwhile.
      if (err instanceof AppError || (err as { code?: unknown }).code === '23505') {
        skip(
          err instanceof AppError && err.code === 'not_eligible'
            ? 'subject_not_eligible'
            : 'application_exists',
        );
        continue;
      }
      throw err;
    }
  }
  const count = (o: OutreachResult['outcome']) => results.filter((r) => r.outcome === o).length;
  const run = {
    id: runId,
    policyCode: policy.code,
    mode: body.mode,
    asOf,
    requested: body.subjectIds.length,
    notified: count('notified'),
    prepared: count('prepared'),
    skipped: count('skipped'),
  };
  await ctx.db.transaction().execute(async (tx) => {
    await repo.insertRun(tx, { ...run, results, createdBy: actor.userId, at: now });
    await writeAudit(tx, ctx, {
      action: `policy.outreach_${body.mode}`,
      entityType: 'outreach_run',
      entityId: runId,
      summary: { ...run, results },
    });
  });
  const saved = await repo.findRun(ctx.db, runId);
  if (!saved) throw new AppError('not_found');
  return toRun(saved);
}

function toRun(r: repo.RunRow): OutreachRun {
  const results = z.array(OutreachResultSchema).safeParse(r.results);
  return {
    id: r.id,
    policyCode: r.policyCode,
    mode: r.mode === 'prepare' ? 'prepare' : 'notify',
    createdAt: r.createdAt.toISOString(),
    createdByName: r.createdByName,
    requested: r.requested,
    notified: r.notified,
    prepared: r.prepared,
    skipped: r.skipped,
    results: results.success ? results.data : [],
  };
}

/** The outreach runs of a policy, newest first (staff reviewing policies). */
export async function listRuns(
  ctx: RequestContext,
  code: string,
  q: ListOutreachRunsQuery,
): Promise<Page<OutreachRun>> {
  requireReviewer(ctx);
  await loadPolicy(ctx.db, code);
  const { rows, total } = await repo.listRuns(ctx.db, code, offsetOf(q));
  return pageResult(rows.map(toRun), total, q);
}
