import {
  maskPhone,
  parseIdNumber,
  type CreatePersonBody,
  type KeyGroupTag,
  type ListPersonsQuery,
  type Person,
  type PersonListItem,
  type TimelineEvent,
  type TimelineEventKind,
  type UpdatePersonBody,
} from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { decryptField, encryptField, lookupHash, maskIdNumber, type Keys } from '../../platform/crypto.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import { openCaseIdsOf } from '../cases/index.js';
import { chinaDate, keyGroupTagsOf, reclassify, wholeYears } from '../key-groups/index.js';
import {
  registrationStatusOf,
  syncHiresOfUser,
  type RegistrationStatusSummary,
} from '../registrations/index.js';
import { findOrCreatePerson } from './index.js';
import { isRegistryStaff, relationTo, staffCovers, type PersonRelation } from './persons.policy.js';
import * as repo from './persons.repository.js';

type UserActor = Extract<RequestContext['actor'], { kind: 'user' }>;

export function requireUser(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.actor;
}

export function requireStaff(ctx: RequestContext): UserActor {
  const a = requireUser(ctx);
  if (!isRegistryStaff(a)) throw new AppError('forbidden');
  return a;
}

// ——— Timeline ———

export const TIMELINE_TITLES: Record<TimelineEventKind, { zh: string; en: string }> = {
  person_created: { zh: '建立人员档案', en: 'Record created' },
  person_updated: { zh: '更新人员信息', en: 'Details updated' },
  unemployment_registered: { zh: '办理失业登记', en: 'Registered as unemployed' },
  employment_registered: { zh: '办理就业登记', en: 'Employment registered' },
  deregistered: { zh: '注销登记', en: 'Registration closed' },
  employed: { zh: '实现就业，失业登记终止', en: 'Employed: unemployment registration closed' },
  key_group_added: { zh: '认定为重点群体', en: 'Classified into a key group' },
  key_group_ended: { zh: '重点群体认定终止', en: 'Key-group classification ended' },
  key_group_confirmed: { zh: '工作人员确认重点群体', en: 'Key group confirmed by staff' },
  case_opened: { zh: '建立帮扶台账', en: 'Assistance case opened' },
  officer_assigned: { zh: '指定责任人', en: 'Responsible officer assigned' },
  service_recorded: { zh: '提供服务', en: 'Service given' },
  follow_up_recorded: { zh: '跟踪回访', en: 'Follow-up recorded' },
  case_closed: { zh: '帮扶结案', en: 'Case closed' },
  graduate_registered: { zh: '高校毕业生登记', en: 'Graduate registered' },
  account_linked: { zh: '关联求职者账号', en: 'Seeker account linked' },
};

/**
 * Appends a step to a person's timeline, in the caller's transaction. `detail` holds safe values
 * only (codes, ids, dates): never an identity number or a phone.
 */
export async function recordPersonEvent(
  tx: Executor,
  e: {
    personId: string;
    kind: TimelineEventKind;
    at: Date;
    registrationId?: string | null;
    caseId?: string | null;
    detail?: Record<string, unknown>;
    actorUserId?: string | null;
  },
): Promise<void> {
  await repo.insertEvent(tx, e);
}

function toTimeline(rows: Awaited<ReturnType<typeof repo.listEvents>>): TimelineEvent[] {
  return rows.flatMap((r) => {
    const t = TIMELINE_TITLES[r.kind as TimelineEventKind] as { zh: string; en: string } | undefined;
    if (!t) return [];
    return [
      {
        id: String(r.id),
        at: r.at.toISOString(),
        kind: r.kind as TimelineEventKind,
        titleZh: t.zh,
        titleEn: t.en,
        registrationId: r.registrationId,
        caseId: r.caseId,
        detail:
          typeof r.detail === 'object' && r.detail !== null ? (r.detail as Record<string, unknown>) : {},
      },
    ];
  });
}

// ——— Views ———

type Extras = {
  status: Map<string, RegistrationStatusSummary>;
  tags: Map<string, KeyGroupTag[]>;
  cases: Map<string, string>;
};

async function extrasOf(db: Executor, ids: string[], today: string): Promise<Extras> {
  const [status, tags, cases] = await Promise.all([
    registrationStatusOf(db, ids),
    keyGroupTagsOf(db, ids, today),
    openCaseIdsOf(db, ids),
  ]);
  return { status, tags, cases };
}

function gender(g: string | null): 'male' | 'female' | null {
  return g === 'male' || g === 'female' ? g : null;
}

function toListItem(r: repo.PersonDetailRow, x: Extras, servingDistrict?: string | null): PersonListItem {
  const s = x.status.get(r.id);
  return {
    id: r.id,
    userId: r.userId,
    fullName: r.fullName,
    phoneMasked: maskPhone(r.phone),
    idNumberMasked: r.idNumberMasked,
    gender: gender(r.gender),
    birthDate: r.birthDate,
    residenceDistrictCode: r.residenceDistrictCode ?? servingDistrict ?? null,
    employmentStatus: s?.employmentStatus ?? 'unregistered',
    keyGroups: x.tags.get(r.id) ?? [],
    caseId: x.cases.get(r.id) ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

function toPerson(r: repo.PersonDetailRow, x: Extras, today: string): Person {
  const s = x.status.get(r.id);
  return {
    ...toListItem(r, x),
    residenceDistrictCode: r.residenceDistrictCode,
    phone: r.phone,
    householdRegionCode: r.householdRegionCode,
    age: r.birthDate && r.birthDate <= today ? wholeYears(r.birthDate, today) : null,
    address: r.address,
    educationLevel: r.educationLevel,
    school: r.school,
    major: r.major,
    graduationDate: r.graduationDate,
    ruralHousehold: r.ruralHousehold,
    veteran: r.veteran,
    poorHousehold: r.poorHousehold,
    disability: r.disability,
    evidenceNote: r.evidenceNote,
    certificateNo: r.certificateNo,
    activeUnemploymentRegistrationId: s?.activeUnemployment?.id ?? null,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The person as the registry shows them (no audit: callers audit their reads). */
export async function loadPerson(db: Executor, id: string, now: Date): Promise<Person> {
  const r = await repo.findDetail(db, id);
  if (!r) throw new AppError('not_found');
  const today = chinaDate(now);
  return toPerson(r, await extrasOf(db, [id], today), today);
}

/** List rows for persons (callers audit). */
export async function loadPersonItems(
  db: Executor,
  ids: string[],
  now: Date,
): Promise<Map<string, PersonListItem>> {
  const rows = await repo.findDetails(db, ids);
  const x = await extrasOf(db, ids, chinaDate(now));
  return new Map(rows.map((r) => [r.id, toListItem(r, x)]));
}

/** The caller's relation to a person, or 404. */
export async function personAccess(
  ctx: RequestContext,
  db: Executor,
  personId: string,
): Promise<{ relation: PersonRelation; districtCode: string | null; userId: string | null }> {
  const actor = requireUser(ctx);
  const p = await repo.findById(db, personId);
  if (!p) throw new AppError('not_found');
  const districtCode = await repo.servingDistrictOf(db, personId);
  const relation = relationTo(actor, { userId: p.userId, districtCode });
  if (!relation) throw new AppError('not_found');
  return { relation, districtCode, userId: p.userId };
}

// ——— Use cases ———

function profilePatch(b: UpdatePersonBody | CreatePersonBody): repo.ProfilePatch {
  return {
    residenceDistrictCode: b.residenceDistrictCode,
    address: b.address,
    educationLevel: b.educationLevel,
    school: b.school,
    major: b.major,
    graduationDate: b.graduationDate,
    ruralHousehold: b.ruralHousehold,
    veteran: b.veteran,
    poorHousehold: b.poorHousehold,
    disability: b.disability,
    evidenceNote: b.evidenceNote,
  };
}

function changedFields(patch: Record<string, unknown>): string[] {
  return Object.entries(patch)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k)
    .sort();
}

/**
 * A walk-in at the desk (staff of the residence district). An identity number already on file
 * answers that person (created: false) and changes nothing; a new person gets a profile, a timeline
 * and a classification.
 */
export async function createPerson(
  ctx: RequestContext,
  body: CreatePersonBody,
): Promise<{ person: Person; created: boolean }> {
  const actor = requireStaff(ctx);
  if (!staffCovers(actor, body.residenceDistrictCode))
    throw fieldError('residenceDistrictCode', 'outside_district');
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const known = await repo.findByIdNumberHash(tx, lookupHash(ctx.deps.keys, body.idNumber));
    if (known) {
      await writeAudit(tx, ctx, {
        action: 'person.read',
        entityType: 'person',
        entityId: known.id,
        summary: { via: 'identity_number_at_desk' },
      });
      return { person: await loadPerson(tx, known.id, now), created: false };
    }
    const p = await findOrCreatePerson(
      tx,
      ctx.deps.keys,
      { fullName: body.fullName, phone: body.phone, idNumber: body.idNumber },
      actor.userId,
    );
    await repo.upsertProfile(tx, p.id, profilePatch(body), actor.userId, now);
    await recordPersonEvent(tx, {
      personId: p.id,
      kind: 'person_created',
      at: now,
      actorUserId: actor.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'person.create',
      entityType: 'person',
      entityId: p.id,
      summary: {
        residenceDistrictCode: body.residenceDistrictCode,
        fields: changedFields(profilePatch(body)),
      },
    });
    await reclassify(tx, p.id, now, { ctx });
    return { person: await loadPerson(tx, p.id, now), created: true };
  });
}

/** Corrections and new evidence by staff of the person's district; reclassifies. */
export async function updatePerson(ctx: RequestContext, id: string, body: UpdatePersonBody): Promise<Person> {
  const actor = requireStaff(ctx);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.lockPerson(tx, id))) throw new AppError('not_found');
    const access = await personAccess(ctx, tx, id);
    if (access.relation !== 'staff') throw new AppError('not_found');
    if (body.residenceDistrictCode && !staffCovers(actor, body.residenceDistrictCode))
      throw fieldError('residenceDistrictCode', 'outside_district');
    await applyPersonChanges(tx, ctx, id, body, now);
    return loadPerson(tx, id, now);
  });
}

/**
 * Writes changed core fields and profile facts, the timeline step and the audit row, then
 * reclassifies. The caller holds the transaction (and the person's lock).
 */
export async function applyPersonChanges(
  tx: Executor,
  ctx: RequestContext,
  id: string,
  body: UpdatePersonBody,
  now: Date,
): Promise<void> {
  const by = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const patch = profilePatch(body);
  const fields = [
    ...changedFields(patch),
    ...(body.fullName !== undefined ? ['fullName'] : []),
    ...(body.phone !== undefined ? ['phone'] : []),
  ];
  if (fields.length === 0) return;
  if (body.fullName !== undefined || body.phone !== undefined)
    await repo.updatePersonCore(tx, id, { fullName: body.fullName, phone: body.phone, at: now });
  if (changedFields(patch).length > 0) await repo.upsertProfile(tx, id, patch, by, now);
  await recordPersonEvent(tx, {
    personId: id,
    kind: 'person_updated',
    at: now,
    actorUserId: by,
    detail: { fields },
  });
  await writeAudit(tx, ctx, {
    action: 'person.update',
    entityType: 'person',
    entityId: id,
    summary: { fields },
  });
  await reclassify(tx, id, now, { ctx });
}

/**
 * Links the person to a seeker account (by the account's phone), by staff of the person's
 * district: the person's own page and platform hires then reach this record. An account that
 * already has a record, or a record that already has an account, is a 409.
 */
export async function linkAccount(ctx: RequestContext, id: string, phone: string): Promise<Person> {
  const actor = requireStaff(ctx);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.lockPerson(tx, id))) throw new AppError('not_found');
    const access = await personAccess(ctx, tx, id);
    if (access.relation !== 'staff') throw new AppError('not_found');
    const account = await repo.findSeekerAccount(tx, phone);
    if (!account) throw fieldError('phone', 'seeker_account_unknown');
    if (account.linkedPersonId === id) return loadPerson(tx, id, now);
    const conflict = (zh: string, en: string) =>
      new AppError('conflict', { detail: { 'zh-CN': zh, 'en-US': en } });
    if (account.linkedPersonId)
      throw conflict(
        '该账号已关联另一份人员档案，请联系管理员合并',
        'This account already has another record; ask an administrator to merge them',
      );
    if (access.userId || !(await repo.linkUser(tx, id, account.id, now)))
      throw conflict('该人员已关联其他账号', 'This record is already linked to another account');
    await recordPersonEvent(tx, { personId: id, kind: 'account_linked', at: now, actorUserId: actor.userId });
    await writeAudit(tx, ctx, {
      action: 'person.link_account',
      entityType: 'person',
      entityId: id,
      summary: { userId: account.id },
    });
    return loadPerson(tx, id, now);
  });
}

/** One person: staff reads are audited; hires made on the platform are filed first. */
export async function getPerson(ctx: RequestContext, id: string): Promise<Person> {
  const access = await personAccess(ctx, ctx.db, id);
  const now = ctx.now();
  if (access.userId) await syncHiresOfUser(ctx.db, ctx.deps.keys, access.userId, now);
  return ctx.db.transaction().execute(async (tx) => {
    if (access.relation === 'staff')
      await writeAudit(tx, ctx, { action: 'person.read', entityType: 'person', entityId: id });
    return loadPerson(tx, id, now);
  });
}

const PHONE_RE = /^1[3-9]\d{9}$/;
const ID_TAIL_RE = /^\d{3,5}[\dX]$/i;

/** Registry search within the caller's districts (audited: the rows are personal data). */
export async function listPersons(ctx: RequestContext, q: ListPersonsQuery): Promise<Page<PersonListItem>> {
  const actor = requireStaff(ctx);
  if (q.districtCode && !actor.districtCodes.includes(q.districtCode))
    throw fieldError('districtCode', 'outside_district');
  const term = q.q?.replace(/[\s-]/g, '') ?? '';
  const search: repo.PersonSearch = {
    districtCodes: actor.districtCodes,
    districtCode: q.districtCode,
    keyGroup: q.keyGroup,
    employmentStatus: q.employmentStatus,
    ...offsetOf(q),
  };
  if (q.q) {
    if (PHONE_RE.test(term)) search.phone = term;
    else if (ID_TAIL_RE.test(term)) search.idTail = term.toUpperCase();
    else search.name = q.q;
  }
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { rows, total } = await repo.searchPersons(tx, search);
    const ids = rows.map((r) => r.id);
    const x = await extrasOf(tx, ids, chinaDate(now));
    if (ids.length > 0)
      await writeAudit(tx, ctx, {
        action: 'person.list_read',
        entityType: 'person',
        summary: {
          persons: ids,
          page: q.page,
          filters: { q: q.q ? 'given' : null, keyGroup: q.keyGroup ?? null },
        },
      });
    return pageResult(
      rows.map((r) => toListItem(r, x, r.servingDistrictCode)),
      total,
      q,
    );
  });
}

/** Finds a person by their full identity number (HMAC lookup); audited without the number. */
export async function lookupPerson(
  ctx: RequestContext,
  idNumber: string,
): Promise<{ person: PersonListItem | null }> {
  requireStaff(ctx);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const p = await repo.findByIdNumberHash(tx, lookupHash(ctx.deps.keys, idNumber));
    await writeAudit(tx, ctx, {
      action: 'person.lookup',
      entityType: 'person',
      entityId: p?.id ?? null,
      summary: { found: p !== undefined },
    });
    if (!p) return { person: null };
    return { person: (await loadPersonItems(tx, [p.id], now)).get(p.id) ?? null };
  });
}

/**
 * The full identity number, for staff of the person's district holding person:reveal, with a
 * reason: exactly one audit row. The number is never logged (pino redacts `idNumber` anyway).
 */
export async function revealIdNumber(
  ctx: RequestContext,
  id: string,
  reason: string,
): Promise<{ idNumber: string }> {
  const actor = requireStaff(ctx);
  if (!actor.permissions.has('person:reveal')) throw new AppError('forbidden');
  const access = await personAccess(ctx, ctx.db, id);
  if (access.relation !== 'staff') throw new AppError('not_found');
  return ctx.db.transaction().execute(async (tx) => {
    const sealed = await repo.sealedIdNumber(tx, id);
    if (sealed === undefined) throw new AppError('not_found');
    if (sealed === null)
      throw new AppError('conflict', {
        detail: {
          'zh-CN': '该人员没有登记身份证号',
          'en-US': 'No identity number is on file for this person',
        },
      });
    await writeAudit(tx, ctx, {
      action: 'person.reveal_id',
      entityType: 'person',
      entityId: id,
      summary: { reason },
    });
    return { idNumber: decryptField(ctx.deps.keys, sealed) };
  });
}

/** A person's status history, oldest first (staff reads audited; the person reads their own). */
export async function timeline(ctx: RequestContext, id: string): Promise<{ items: TimelineEvent[] }> {
  const access = await personAccess(ctx, ctx.db, id);
  const now = ctx.now();
  if (access.userId) await syncHiresOfUser(ctx.db, ctx.deps.keys, access.userId, now);
  return ctx.db.transaction().execute(async (tx) => {
    if (access.relation === 'staff')
      await writeAudit(tx, ctx, { action: 'person.timeline_read', entityType: 'person', entityId: id });
    return { items: toTimeline(await repo.listEvents(tx, id)) };
  });
}

/** The timeline without an access check (the caller checked). */
export async function timelineOf(db: Executor, personId: string): Promise<TimelineEvent[]> {
  return toTimeline(await repo.listEvents(db, personId));
}

export { isRegistryStaff };

/**
 * Records a validated identity number on a person who has none yet (a seeker whose account had no
 * résumé number). 'taken': another person holds it; 'different': the person has another number.
 */
export async function setPersonIdentity(
  tx: Executor,
  keys: Keys,
  personId: string,
  idNumber: string,
): Promise<'set' | 'same' | 'taken' | 'different'> {
  const parsed = parseIdNumber(idNumber);
  if (!parsed.ok) throw fieldError('idNumber', parsed.code);
  const hash = lookupHash(keys, parsed.value);
  const holder = await repo.findByIdNumberHash(tx, hash);
  if (holder) return holder.id === personId ? 'same' : 'taken';
  const p = await repo.findById(tx, personId);
  if (!p) throw new AppError('not_found');
  if (p.idNumberMasked) return 'different';
  await repo.setIdentity(tx, personId, {
    idNumberEnc: encryptField(keys, parsed.value),
    idNumberHash: hash,
    idNumberMasked: maskIdNumber(parsed.value),
    birthDate: parsed.birthDate,
    gender: parsed.gender,
    householdRegionCode: parsed.regionCode,
  });
  return 'set';
}

export type PersonProfile = {
  birthDate: string | null;
  gender: 'male' | 'female' | null;
  householdRegionCode: string | null;
} & repo.ProfileRow;

/** What the registry knows of a person, for classification (no access check). */
export async function getPersonProfile(db: Executor, personId: string): Promise<PersonProfile | undefined> {
  const r = await repo.findDetail(db, personId);
  if (!r) return undefined;
  return {
    birthDate: r.birthDate,
    gender: gender(r.gender),
    householdRegionCode: r.householdRegionCode,
    residenceDistrictCode: r.residenceDistrictCode,
    address: r.address,
    educationLevel: r.educationLevel,
    school: r.school,
    major: r.major,
    graduationDate: r.graduationDate,
    ruralHousehold: r.ruralHousehold,
    veteran: r.veteran,
    poorHousehold: r.poorHousehold,
    disability: r.disability,
    evidenceNote: r.evidenceNote,
  };
}

/** The district that serves a person (registration, residence, open case), or null. */
export async function personDistrictOf(db: Executor, personId: string): Promise<string | null> {
  return repo.servingDistrictOf(db, personId);
}
