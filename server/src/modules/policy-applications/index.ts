import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { policyApplicationsRoutes } from './policy-applications.routes.js';
import { closeDueNotices } from './policy-applications.service.js';

export { GRANT_COUNTING_STATUSES, POLICY_APPLICATION_STATUSES } from '@jiuye/shared';
export type { PolicyApplicationStatus } from '@jiuye/shared';
/** For the payouts module: lock, list and mark paid (idempotent for the same payout). */
export {
  getApplicationForPayout,
  listApplicationsForPayout,
  markApplicationPaid,
  type ApplicationForPayout,
} from './policy-applications.service.js';
/** For proactive eligibility: prepare drafts the beneficiary confirms; check an existing grant. */
export { prepareApplication, findGrant, type PrepareInput } from './policy-applications.service.js';
/** Demo data: applications at each stage (called by the demo module). */
export { seedDemoPolicyApplications, type DemoPolicyInput } from './policy-applications.demo.js';
/** The notice sweep (timer here; tests and other jobs call it with their clock). */
export { closeDueNotices, maskName } from './policy-applications.service.js';
export {
  decide,
  allowedActions,
  TRANSITIONS,
  ACTION_ROLES,
  STATUS_LABELS,
  FINAL_STATUSES,
  type WorkflowAction,
  type WorkflowRole,
  type WorkflowState,
} from './policy-applications.workflow.js';

/** How often the notice sweep runs. */
export const NOTICE_SWEEP_EVERY_MS = 60_000;

/** Policy applications: pre-check, review chain with maker-checker, public notice (issue 5). */
export function policyApplicationsModule(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    await app.register(policyApplicationsRoutes);
    // Tests call closeDueNotices with their clock.
    if (deps.config.NODE_ENV === 'test') return;
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      closeDueNotices(deps.db, deps.clock.now())
        .catch((err: unknown) => app.log.error({ err, job: 'policy-notice-sweep' }, 'background job failed'))
        .finally(() => {
          running = false;
        });
    }, NOTICE_SWEEP_EVERY_MS);
    // The timer never keeps the process alive; closing the app clears it.
    timer.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
    });
  };
}
