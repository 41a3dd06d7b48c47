import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import type { Db, Executor } from '../../db/database.js';
import type { Keys } from '../../platform/crypto.js';
import { chinaDate } from '../key-groups/index.js';
import { registrationsRoutes } from './registrations.routes.js';
import { registrationStatusOf, syncHires } from './registrations.service.js';

export {
  /** Per person: employmentStatus, the active unemployment registration (id, district, dates), employed. */
  registrationStatusOf,
  /** A person's registrations (Registration contract), newest first; no access check. */
  registrationsOfPerson,
  /**
   * Files the platform's hires (applications module, table hires) as employment registrations, once
   * per hire: syncHires(db, keys, now, { seekerUserId?, limit? }) → number filed.
   */
  syncHires,
  /** Employment registration is due within this many days of the hire. */
  EMPLOYMENT_FILING_DAYS,
  type RegistrationStatusSummary,
} from './registrations.service.js';

/**
 * Whether the person holds an active unemployment registration on `asOf` (a Date, or YYYY-MM-DD in
 * China time): registered on or before that day and not closed.
 */
export async function isRegisteredUnemployed(
  db: Executor,
  personId: string,
  asOf: Date | string = new Date(),
): Promise<boolean> {
  const day = typeof asOf === 'string' ? asOf : chinaDate(asOf);
  const s = (await registrationStatusOf(db, [personId])).get(personId)?.activeUnemployment;
  return s !== null && s !== undefined && s.registeredOn <= day;
}

/** Files the hires of one account before its record is read (the journey's "hired → case closed"). */
export async function syncHiresOfUser(db: Db, keys: Keys, userId: string, now: Date): Promise<number> {
  return syncHires(db, keys, now, { seekerUserId: userId, limit: 20 });
}

export { seedDemoAssistance } from './registrations.demo.js';

/** Unemployment and employment registration, certificates, de-registration (issue 7). */
export function registrationsModule(deps: AppDeps): FastifyPluginAsync {
  return registrationsRoutes(deps);
}
