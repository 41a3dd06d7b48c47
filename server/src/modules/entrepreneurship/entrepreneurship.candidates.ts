import type { Executor } from '../../db/database.js';
import * as repo from './entrepreneurship.repository.js';

/**
 * Persons with an active start-up (in the given districts, or anywhere when null) begun on or before
 * `asOf`, for proactive eligibility scans; `returnedOnly` keeps those recorded as returned workers.
 * At most `limit`, in a stable order.
 */
export async function startupCandidates(
  db: Executor,
  o: { districtCodes: readonly string[] | null; returnedOnly: boolean; asOf: string; limit: number },
): Promise<{ personId: string; districtCode: string }[]> {
  return repo.startupPersons(db, {
    districtCodes: o.districtCodes,
    returnedOnly: o.returnedOnly,
    startedOnOrBefore: o.asOf,
    limit: o.limit,
  });
}

/** The districts of each person's active start-ups, for staff scoping of proactive outreach. */
export function startupDistricts(db: Executor, personIds: readonly string[]): Promise<Map<string, string[]>> {
  return repo.startupDistrictsOf(db, personIds);
}
