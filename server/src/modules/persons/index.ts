import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { isValidPhone, maskPhone, normalizePhone, parseIdNumber, type UpdatePersonBody } from '@jiuye/shared';
import type { RequestContext } from '../../platform/context.js';
import { applyPersonChanges } from './persons.service.js';
import type { Executor } from '../../db/database.js';
import { encryptField, lookupHash, maskIdNumber, type Keys } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './persons.repository.js';
import { personsRoutes } from './persons.routes.js';

/**
 * The people the bureau serves, with or without an account (table `persons`): chartered-bus
 * travellers, policy beneficiaries, registered unemployed people, key groups and graduates (issue 7).
 * The registry's routes (persons, graduates) live here; other modules create and read persons
 * through these functions and audit their own staff reads. Full identity numbers never leave this
 * module (POST /persons/{id}/reveal-id is the one audited exception).
 */

export {
  /** Appends a step to a person's timeline in the caller's transaction (safe values only). */
  recordPersonEvent,
  /** The person as the registry shows them (Person contract); the caller audits staff reads. */
  loadPerson,
  /** Relation of the caller to a person ('staff' of the serving district | 'self'), or 404. */
  personAccess,
  /** Records an identity number on a person without one: 'set' | 'same' | 'taken' | 'different'. */
  setPersonIdentity,
  /** Profile facts (residence, education, evidence flags) plus birth date, gender, household region. */
  getPersonProfile,
  /** The district that serves a person: active unemployment registration, residence, open case. */
  personDistrictOf,
  /** The person's timeline without an access check (the caller checked). */
  timelineOf as personTimeline,
  /** The desk's walk-in registration use case (route POST /persons), for the demo data set. */
  createPerson as createPersonAtDesk,
  type PersonProfile,
} from './persons.service.js';

export type PersonSummary = {
  id: string;
  userId: string | null;
  fullName: string;
  phoneMasked: string;
  idNumberMasked: string | null;
  birthDate: string | null;
  gender: 'male' | 'female' | null;
  householdRegionCode: string | null;
};

function toSummary(r: repo.PersonRow): PersonSummary {
  return {
    id: r.id,
    userId: r.userId,
    fullName: r.fullName,
    phoneMasked: maskPhone(r.phone),
    idNumberMasked: r.idNumberMasked,
    birthDate: r.birthDate,
    gender: r.gender === 'male' || r.gender === 'female' ? r.gender : null,
    householdRegionCode: r.householdRegionCode,
  };
}

export async function getPerson(db: Executor, id: string): Promise<PersonSummary | undefined> {
  const r = await repo.findById(db, id);
  return r ? toSummary(r) : undefined;
}

export async function getPersons(db: Executor, ids: readonly string[]): Promise<Map<string, PersonSummary>> {
  const rows = await repo.findByIds(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, toSummary(r)]));
}

/** The person of an account, if one was created already. */
export async function findPersonOfUser(db: Executor, userId: string): Promise<PersonSummary | undefined> {
  const r = await repo.findByUserId(db, userId);
  return r ? toSummary(r) : undefined;
}

/** The full phone number, for notifications and manifests: a staff caller writes the audit row. */
export async function getPersonContact(
  db: Executor,
  id: string,
): Promise<{ phone: string; userId: string | null } | undefined> {
  return repo.contactOf(db, id);
}

/**
 * The person of a seeker account, created on first need from the account and the résumé (name,
 * sealed identity number and what it tells). When a walk-in record with the same identity number
 * exists without an account, the account is not attached silently: that takes staff (issue 7).
 */
export async function personForUser(tx: Executor, _keys: Keys, userId: string): Promise<PersonSummary> {
  const existing = await repo.findByUserId(tx, userId);
  if (existing) return toSummary(existing);
  const a = await repo.accountFacts(tx, userId);
  if (!a) throw new AppError('not_found');
  const sameId = a.idNumberHash ? await repo.findByIdNumberHash(tx, a.idNumberHash) : undefined;
  const withId = !sameId && a.idNumberHash;
  const inserted = await repo.insertIfAbsent(tx, {
    userId,
    fullName: (a.fullName ?? a.displayName).slice(0, 60),
    phone: a.phone,
    idNumberEnc: withId ? a.idNumberEnc : null,
    idNumberHash: withId ? a.idNumberHash : null,
    idNumberMasked: withId ? a.idNumberMasked : null,
    birthDate: a.birthDate,
    gender: a.gender,
    householdRegionCode: a.householdRegionCode,
    createdBy: userId,
  });
  if (inserted) return toSummary(inserted);
  const winner = await repo.findByUserId(tx, userId);
  if (!winner) throw new AppError('conflict');
  return toSummary(winner);
}

export type NewPersonInput = { fullName: string; phone: string; idNumber?: string | undefined };

/**
 * Finds or creates someone without an account (a walk-in at the desk, a worker an enterprise
 * registers): by identity number when given, else by phone and exact name. The caller validated the
 * fields with the shared schemas; an invalid identity number here is a 400 on `idNumber`.
 */
export async function findOrCreatePerson(
  tx: Executor,
  keys: Keys,
  input: NewPersonInput,
  createdByUserId: string | null,
): Promise<PersonSummary> {
  const phone = normalizePhone(input.phone);
  if (!isValidPhone(phone))
    throw new AppError('validation_failed', { fields: [{ path: 'phone', code: 'phone_format' }] });
  const fullName = input.fullName.trim().slice(0, 60);
  if (fullName === '')
    throw new AppError('validation_failed', { fields: [{ path: 'fullName', code: 'required' }] });
  if (input.idNumber) {
    const parsed = parseIdNumber(input.idNumber);
    if (!parsed.ok)
      throw new AppError('validation_failed', { fields: [{ path: 'idNumber', code: parsed.code }] });
    const hash = lookupHash(keys, parsed.value);
    const identity = {
      idNumberEnc: encryptField(keys, parsed.value),
      idNumberHash: hash,
      idNumberMasked: maskIdNumber(parsed.value),
      birthDate: parsed.birthDate,
      gender: parsed.gender,
      householdRegionCode: parsed.regionCode,
    };
    const known = await repo.findByIdNumberHash(tx, hash);
    if (known) return toSummary(known);
    const byPhone = await repo.findByPhoneAndName(tx, phone, fullName);
    if (byPhone && !byPhone.idNumberMasked) {
      await repo.setIdentity(tx, byPhone.id, identity);
      const updated = await repo.findById(tx, byPhone.id);
      if (updated) return toSummary(updated);
    }
    const inserted = await repo.insertIfAbsent(tx, {
      userId: null,
      fullName,
      phone,
      ...identity,
      createdBy: createdByUserId,
    });
    if (inserted) return toSummary(inserted);
    const winner = await repo.findByIdNumberHash(tx, hash);
    if (!winner) throw new AppError('conflict');
    return toSummary(winner);
  }
  const byPhone = await repo.findByPhoneAndName(tx, phone, fullName);
  if (byPhone) return toSummary(byPhone);
  const inserted = await repo.insertIfAbsent(tx, {
    userId: null,
    fullName,
    phone,
    idNumberEnc: null,
    idNumberHash: null,
    idNumberMasked: null,
    birthDate: null,
    gender: null,
    householdRegionCode: null,
    createdBy: createdByUserId,
  });
  if (!inserted) throw new AppError('conflict');
  return toSummary(inserted);
}

/**
 * Locks the person's row for the caller's transaction: registrations, classification and cases of
 * one person queue up behind it. False when the person does not exist.
 */
export async function lockPerson(tx: Executor, id: string): Promise<boolean> {
  return repo.lockPerson(tx, id);
}

/**
 * Writes changed core fields and profile facts of a person (timeline step, audit row) and
 * reclassifies them, in the caller's transaction (holding the person's lock).
 */
export async function updatePersonFacts(
  tx: Executor,
  ctx: RequestContext,
  personId: string,
  facts: UpdatePersonBody,
  now: Date,
): Promise<void> {
  await applyPersonChanges(tx, ctx, personId, facts, now);
}

/**
 * Privacy (issue 9): erases what identifies a person whom no law requires keeping (account
 * cancellation): name, phone, identity number, profile facts. The row stays for the records
 * pointing at it. The caller audits.
 */
export async function anonymisePerson(tx: Executor, id: string, now: Date): Promise<void> {
  await repo.anonymise(tx, id, now);
}

/** Privacy (issue 9): erases the sealed identity number after its consent is withdrawn. */
export async function clearPersonIdentity(tx: Executor, id: string, now: Date): Promise<void> {
  await repo.clearIdentity(tx, id, now);
}

/** The person registry's routes (issue 7): persons, reveal-id, timeline, graduates. */
export function personsModule(_deps: AppDeps): FastifyPluginAsync {
  return personsRoutes;
}
