import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { chinaDate, runReclassificationSweep } from '../key-groups/index.js';
import { syncHires } from '../registrations/index.js';
import { casesRoutes } from './cases.routes.js';
import { runCaseAlertSweep } from './cases.service.js';

export {
  /** openCaseForPerson(tx, ctx | null, { personId, districtCode, reason, clockFrom, at }) → { caseId, opened }. */
  openCaseForPerson,
  /** closeCaseOfPerson(tx, ctx | null, { personId, outcome, note, registrationId, at }) → closed case id | null. */
  closeCaseOfPerson,
  /** openCaseIdsOf(db, personIds) → Map<personId, open case id>. */
  openCaseIdsOf,
  /**
   * recordServiceForPerson(tx, { personId, kind, postingId?, courseId?, policyCode?, note?, outcome?,
   * followUpDue?, providedBy?, dedupeKey?, providedAt }) → service id, or null when the person has no
   * open case or the dedupe key was logged already. For other modules (training referrals, placements).
   */
  recordServiceForPerson,
  /** The seeker's own (latest) case for their phone page. */
  seekerCaseView,
  /** runCaseAlertSweep(db, now): notifies officers of overdue follow-ups and 30-day no-service cases (deduplicated). */
  runCaseAlertSweep,
  /** Use cases behind the routes, for the demo data set (they take a RequestContext). */
  addService,
  demoPostingIn,
  type OpenCaseInput,
} from './cases.service.js';

export const HIRE_SWEEP_EVERY_MS = 60_000;
export const CASE_ALERT_SWEEP_EVERY_MS = 10 * 60_000;
export const RECLASSIFY_CHECK_EVERY_MS = 60 * 60_000;

function every(
  log: FastifyBaseLogger,
  name: string,
  ms: number,
  job: () => Promise<unknown>,
): NodeJS.Timeout {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    job()
      .catch((err: unknown) => log.error({ err, job: name }, 'background job failed'))
      .finally(() => {
        running = false;
      });
  }, ms);
  timer.unref();
  return timer;
}

/**
 * Assistance cases, plus the background jobs of registration and assistance (in-process timers,
 * safe with several instances: hires are filed once by a unique key, notifications deduplicated,
 * reclassification idempotent): platform hires → employment registrations every minute, overdue
 * alerts every 10 minutes, the reclassification sweep once per China day.
 */
export function casesModule(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    await app.register(casesRoutes);
    // Tests call the job functions directly with their clock.
    if (deps.config.NODE_ENV === 'test') return;
    const now = () => deps.clock.now();
    let lastSweepDay = '';
    const timers = [
      every(app.log, 'hire-registrations', HIRE_SWEEP_EVERY_MS, () => syncHires(deps.db, deps.keys, now())),
      every(app.log, 'case-alerts', CASE_ALERT_SWEEP_EVERY_MS, () => runCaseAlertSweep(deps.db, now())),
      every(app.log, 'key-group-reclassify', RECLASSIFY_CHECK_EVERY_MS, async () => {
        const day = chinaDate(now());
        if (day === lastSweepDay) return;
        await runReclassificationSweep(deps.db, now());
        lastSweepDay = day;
      }),
    ];
    app.addHook('onClose', async () => {
      for (const t of timers) clearInterval(t);
    });
  };
}
