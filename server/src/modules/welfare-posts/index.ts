import type { FastifyPluginAsync } from 'fastify';
import type { WelfareSubsidyRecord } from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import type { AppDeps } from '../../platform/context.js';
import { registerFactProvider } from '../policies/index.js';
import { welfareFactProvider } from './welfare-posts.facts.js';
import * as repo from './welfare-posts.repository.js';
import { welfarePostsRoutes } from './welfare-posts.routes.js';
import { subsidyRecordsOf } from './welfare-posts.service.js';

// person.welfarePost.* for support-policy rules (public-welfare post subsidies).
registerFactProvider(welfareFactProvider);

export { proratedSubsidyFen } from './welfare-posts.rules.js';
export { termLimitMonths } from './welfare-posts.service.js';
export { TERM_LIMIT_SETTING } from './welfare-posts.repository.js';

export { seedDemoWelfarePosts } from './welfare-posts.demo.js';
/**
 * Every public-welfare post subsidy record of a month ('YYYY-MM'), pending and paid, oldest district
 * first: what the payouts module pays. amountFen = ⌊monthlySubsidyFen × daysPresent ÷ workingDays⌋.
 */
export async function welfareSubsidyRecords(db: Executor, month: string): Promise<WelfareSubsidyRecord[]> {
  return subsidyRecordsOf(db, month);
}

/**
 * Marks subsidy records paid (pending → paid) in the payouts module's transaction; answers the ids
 * that changed (records already paid are left alone, so a retried batch cannot pay twice).
 */
export async function markWelfareSubsidiesPaid(
  tx: Executor,
  ids: readonly string[],
  at: Date,
  payoutRef: string | null = null,
): Promise<string[]> {
  return repo.markSubsidiesPaid(tx, ids, at, payoutRef);
}

/** Public-welfare posts: sponsoring units publish, staff place people with employment difficulties, attendance → subsidies. */
export function welfarePostsModule(_deps: AppDeps): FastifyPluginAsync {
  return welfarePostsRoutes;
}
