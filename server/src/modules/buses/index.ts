import type { FastifyPluginAsync } from 'fastify';
import type { Executor } from '../../db/database.js';
import type { AppDeps } from '../../platform/context.js';
import * as repo from './buses.repository.js';
import { busesRoutes } from './buses.routes.js';

export {
  planBuses,
  addDays,
  type PlannerRequest,
  type PlannerOptions,
  type Plan,
  type PlannedBus,
} from './buses.planner.js';
export { checkTripTransition, editableFields, refusalReasonsOf, TRIP_TRANSITIONS } from './buses.workflow.js';
export { boardingCodeOf, parseBoardingCode } from './buses.views.js';
export { seedBusDemo } from './buses.demo.js';

/** Point-to-point chartered buses: travel requests, planning, trips, seats, boarding, handover (issue 4). */
export function busesModule(_deps: AppDeps): FastifyPluginAsync {
  return busesRoutes;
}

/** One passenger carried by a chartered bus, as the support-policy modules need it. */
export type BusPassengerFact = {
  bookingId: string;
  personId: string;
  tripId: string;
  tripCode: string;
  tripStatus: string;
  departAt: Date;
  arrivedAt: Date | null;
  enterpriseId: string | null;
  originRegionCode: string | null;
  bookingStatus: string;
  handoverStatus: 'pending' | 'received' | 'not_received' | null;
  handoverAt: Date | null;
};

function toFact(r: repo.PassengerFactRow): BusPassengerFact {
  const h = r.handoverStatus;
  return {
    ...r,
    handoverStatus: h === 'pending' || h === 'received' || h === 'not_received' ? h : null,
  };
}

/**
 * What the buses module knows about an enterprise, for support-policy payouts (e.g. a transport
 * subsidy per worker brought back): the workers handed over to it (received) — or every boarded
 * worker bound for it with `handedOverOnly: false` — and the trip cost shares it paid.
 */
export async function busFactsForEnterprise(
  db: Executor,
  enterpriseId: string,
  opts: { handedOverOnly?: boolean } = {},
): Promise<{
  passengers: BusPassengerFact[];
  costShares: {
    tripId: string;
    tripCode: string;
    tripStatus: string;
    amountFen: number;
    invoiceRef: string | null;
  }[];
}> {
  const [passengers, costShares] = await Promise.all([
    repo.passengerFactsForEnterprise(db, enterpriseId, opts.handedOverOnly ?? true),
    repo.costSharesOfEnterprise(db, enterpriseId),
  ]);
  return { passengers: passengers.map(toFact), costShares };
}

/** Every booking of a person with its trip and handover (e.g. a returned worker's start-up subsidy). */
export async function busFactsForPerson(db: Executor, personId: string): Promise<BusPassengerFact[]> {
  return (await repo.passengerFactsForPerson(db, personId)).map(toFact);
}
