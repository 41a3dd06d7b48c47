import { ReturnEvidenceSchema, type ReturnEvidence } from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { busFactsForPerson } from '../buses/index.js';
import { judgeReturnedWorker, type ReturnedWorkerJudgement } from './entrepreneurship.rules.js';

/** The evidence stored on a start-up record, or null when absent or unreadable. */
export function evidenceOf(v: unknown): ReturnEvidence | null {
  if (v === null || v === undefined) return null;
  const parsed = ReturnEvidenceSchema.safeParse(v);
  return parsed.success ? parsed.data : null;
}

/**
 * Whether the buses module carried this person: a boarded booking (the one named, when the evidence
 * names one). Only asked for chartered-bus evidence.
 */
async function busReturnConfirmed(
  db: Executor,
  personId: string,
  evidence: ReturnEvidence,
): Promise<boolean> {
  const bookings = await busFactsForPerson(db, personId);
  return bookings.some(
    (b) => b.bookingStatus === 'boarded' && (!evidence.busBookingId || b.bookingId === evidence.busBookingId),
  );
}

/** The returned-worker judgement of a start-up record: its evidence and the person's household. */
export async function judgeStartup(
  db: Executor,
  person: { id: string; householdRegionCode: string | null } | undefined,
  evidence: ReturnEvidence | null,
): Promise<ReturnedWorkerJudgement> {
  const bus =
    evidence?.kind === 'chartered_bus' && person ? await busReturnConfirmed(db, person.id, evidence) : null;
  return judgeReturnedWorker(person?.householdRegionCode ?? null, evidence, bus);
}
