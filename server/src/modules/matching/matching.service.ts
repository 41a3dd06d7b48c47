import { MATCH_MAX_RESULTS, type Candidate, type MatchQuery, type Recommendation } from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { pageResult, type Page } from '../../platform/pagination.js';
import { reasonLabels } from './matching.reasons.js';
import { candidateScope } from './matching.policy.js';
import * as repo from './matching.repository.js';
import {
  regionAncestors,
  scoreMatch,
  type MatchScore,
  type PostingProfile,
  type SeekerProfile,
} from './matching.scoring.js';

/** China Standard Time calendar day. */
function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

let occupations: Promise<{ code: string; level: number }[]> | null = null;
function occupationList(db: Executor) {
  occupations ??= repo.occupationCodes(db).catch((err: unknown) => {
    occupations = null;
    throw err;
  });
  return occupations;
}

export function toSeekerProfile(r: repo.SeekerRow): SeekerProfile {
  return {
    desiredOccupationCodes: r.desiredOccupationCodes,
    experienceOccupationCodes: r.experienceOccupationCodes,
    skills: r.skills,
    desiredRegionCodes: r.desiredDistrictCodes,
    currentRegionCode: r.currentRegionCode,
    willingToRelocate: r.willingToRelocate,
    expectedSalaryMinFen: r.expectedSalaryMinFen,
    educationRank: r.educationRank,
    experienceYears: r.experienceYears,
  };
}

export function toPostingProfile(p: repo.PostingMatchRow): PostingProfile {
  return {
    occupationCode: p.occupationCode,
    districtCode: p.districtCode,
    targetRegionCodes: p.targetRegionCodes,
    salaryMonthMaxFen: p.salaryMonthMaxFen,
    requiredEducationRank: p.educationRank,
    experienceYears: p.experienceYears,
    skills: p.skills,
    publishedAt: p.publishedAt,
  };
}

function parentOf(code: string, level: number): string {
  return code.split('-').slice(0, level).join('-');
}

/** How many of a code's newest postings to read for each way it relates to what the seeker wants. */
const PER_CODE = { wanted: 400, experience: 150, group: 80, sibling: 60, cousin: 20 } as const;
const MAX_CODES = 120;

/** Which index ranges to read for a seeker (pure; exported for tests). */
export function recommendationPlan(
  s: repo.SeekerRow,
  all: readonly { code: string; level: number }[],
  today: string,
): repo.RecommendationPlan {
  const leaves = all.filter((o) => o.level === 4).map((o) => o.code);
  const limits = new Map<string, number>();
  const want = (code: string, n: number) => limits.set(code, Math.max(limits.get(code) ?? 0, n));
  for (const code of s.desiredOccupationCodes) {
    const level = code.split('-').length;
    if (level === 4) {
      want(code, PER_CODE.wanted);
      const minor = parentOf(code, 3);
      const medium = parentOf(code, 2);
      for (const c of leaves) {
        if (c.startsWith(`${minor}-`)) want(c, PER_CODE.sibling);
        else if (c.startsWith(`${medium}-`)) want(c, PER_CODE.cousin);
      }
    } else {
      const members = leaves.filter((c) => c.startsWith(`${code}-`));
      // A whole major group (6: production) has hundreds of occupations: share the budget.
      const each = Math.max(10, Math.min(PER_CODE.group, Math.floor(3000 / Math.max(1, members.length))));
      for (const c of members) want(c, each);
    }
  }
  for (const code of s.experienceOccupationCodes)
    if (code.split('-').length === 4) want(code, PER_CODE.experience);
  const occupations = [...limits]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_CODES)
    .map(([code, limit]) => ({ code, limit }));

  const districts = new Map<string, number>();
  const cities: string[] = [];
  for (const code of s.desiredDistrictCodes) {
    if (!code.endsWith('00')) districts.set(code, 200);
    else if (!code.endsWith('0000')) cities.push(code);
  }
  const cur = s.currentRegionCode;
  if (cur && !cur.endsWith('00') && !districts.has(cur)) districts.set(cur, 150);
  return {
    today,
    occupations,
    districts: [...districts].map(([code, limit]) => ({ code, limit })),
    cities,
    cityDistrictLimit: 80,
    homeRegions: cur ? regionAncestors(cur) : [],
    homeLimit: 300,
    fallbackLimit: 500,
  };
}

function byScore<T>(key: (x: T) => string, date?: (x: T) => Date | null) {
  return (a: { x: T; m: MatchScore }, b: { x: T; m: MatchScore }) =>
    b.m.score - a.m.score ||
    (date ? (date(b.x)?.getTime() ?? 0) - (date(a.x)?.getTime() ?? 0) : 0) ||
    key(a.x).localeCompare(key(b.x));
}

/** Postings for the signed-in seeker, best first, each with its score and reasons. */
export async function recommendations(ctx: RequestContext, q: MatchQuery): Promise<Page<Recommendation>> {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  const seeker = await repo.findSeeker(ctx.db, ctx.actor.userId);
  if (!seeker) {
    throw new AppError('resume_required', {
      detail: {
        'zh-CN': '请先填写求职简历，系统才能为您推荐岗位',
        'en-US': 'Fill in your résumé first: recommendations are made from it',
      },
    });
  }
  const now = ctx.now();
  const plan = recommendationPlan(seeker, await occupationList(ctx.db), chinaDate(now));
  const rows = await repo.recommendationCandidates(ctx.db, plan);
  const profile = toSeekerProfile(seeker);
  const ranked = rows
    .map((x) => ({ x, m: scoreMatch(profile, toPostingProfile(x), now) }))
    .sort(
      byScore(
        (p) => p.id,
        (p) => p.publishedAt,
      ),
    )
    .slice(0, MATCH_MAX_RESULTS);
  const pageItems = ranked.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const display = new Map(
    (
      await repo.postingsForDisplay(
        ctx.db,
        pageItems.map((r) => r.x.id),
      )
    ).map((d) => [d.id, d]),
  );
  const items: Recommendation[] = [];
  for (const { x, m } of pageItems) {
    const d = display.get(x.id);
    if (!d) continue;
    const occupationName = ctx.locale === 'zh-CN' ? d.occupationNameZh : d.occupationNameEn;
    items.push({
      postingId: d.id,
      title: d.title,
      enterpriseName: d.enterpriseName,
      occupationCode: d.occupationCode,
      occupationName,
      districtCode: d.districtCode,
      districtName: d.districtName,
      salaryMinFen: d.salaryMinFen,
      salaryMaxFen: d.salaryMaxFen,
      salaryPeriod: d.salaryPeriod,
      employmentType: d.employmentType,
      benefits: d.benefits,
      publishedAt: d.publishedAt ? d.publishedAt.toISOString() : null,
      score: m.score,
      reasons: reasonLabels(
        m.reasons,
        { occupationName, districtName: d.districtName },
        'seeker',
        ctx.locale,
      ),
    });
  }
  return pageResult(items, ranked.length, q);
}

/** Seekers for a posting, best first: all in scope for staff of its district, opted-in ones for its enterprise. */
export async function candidates(
  ctx: RequestContext,
  postingId: string,
  q: MatchQuery,
): Promise<Page<Candidate>> {
  const posting = await repo.findPostingForMatch(ctx.db, postingId);
  if (!posting) throw new AppError('not_found');
  const scope = await candidateScope(ctx, posting);
  if (!scope) throw new AppError('not_found');
  const all = await occupationList(ctx.db);
  const code = posting.occupationCode;
  const level = code.split('-').length;
  const medium = parentOf(code, Math.min(2, level));
  const minor = parentOf(code, Math.min(3, level));
  const rows = await repo.candidateSeekers(ctx.db, {
    exactCodes: [1, 2, 3, 4].filter((l) => l <= level).map((l) => parentOf(code, l)),
    groupCodes: all.filter((o) => o.code === medium || o.code.startsWith(`${medium}-`)).map((o) => o.code),
    minorCodes: all.filter((o) => o.code === minor || o.code.startsWith(`${minor}-`)).map((o) => o.code),
    placeCodes: regionAncestors(posting.districtCode),
    district: posting.districtCode,
    targetPrefixes: posting.targetRegionCodes.map((t) =>
      t.endsWith('0000') ? t.slice(0, 2) : t.endsWith('00') ? t.slice(0, 4) : t,
    ),
    visibleOnly: scope === 'visible',
    tierLimit: 200,
    firstBucket: repo.firstBucketOf(posting.id),
  });
  const now = ctx.now();
  const postingProfile = toPostingProfile(posting);
  const ranked = rows
    .map((x) => ({ x, m: scoreMatch(toSeekerProfile(x), postingProfile, now) }))
    .sort(byScore((s) => s.userId))
    .slice(0, MATCH_MAX_RESULTS);
  const pageItems = ranked.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const occupationName = ctx.locale === 'zh-CN' ? posting.occupationNameZh : posting.occupationNameEn;
  // Reading seekers' résumés is a read of personal data: on the record, with who was shown.
  await writeAudit(ctx.db, ctx, {
    action: 'candidates.view',
    entityType: 'job_posting',
    entityId: postingId,
    summary: { scope, page: q.page, seekerUserIds: pageItems.map((r) => r.x.userId) },
  });
  return pageResult(
    pageItems.map(({ x, m }) => ({
      seekerUserId: x.userId,
      fullName: x.fullName,
      educationLevel: x.educationLevel,
      currentRegionCode: x.currentRegionCode,
      skills: x.skills,
      experienceYears: x.experienceYears,
      desiredOccupationCodes: x.desiredOccupationCodes,
      availableFrom: x.availableFrom,
      score: m.score,
      reasons: reasonLabels(
        m.reasons,
        { occupationName, districtName: posting.districtName },
        'employer',
        ctx.locale,
      ),
    })),
    ranked.length,
    q,
  );
}
