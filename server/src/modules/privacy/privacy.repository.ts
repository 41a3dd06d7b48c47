import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

/**
 * SQL of the privacy module. Its own tables: privacy_notices, consent_records (append-only ledger),
 * restricted_subjects. It also reads (export) and, for account cancellation and retention, writes a
 * few tables of other modules directly — each function below names them — because these are
 * cross-cutting duties of the personal-information handler (PIPL art. 47, 19) that must run in one
 * transaction; the résumé, persons and key-group changes go through those modules' index.ts.
 */

// ——— Notices ———

const NOTICE_COLUMNS = ['version', 'effectiveFrom', 'titleZh', 'titleEn', 'bodyZh', 'bodyEn'] as const;

export async function noticeExists(db: Executor, version: string): Promise<boolean> {
  const r = await db
    .selectFrom('privacyNotices')
    .select('version')
    .where('version', '=', version)
    .executeTakeFirst();
  return r !== undefined;
}

/** The notice in force at `now` (latest effective_from not in the future). */
export async function currentNotice(db: Executor, now: Date) {
  return db
    .selectFrom('privacyNotices')
    .select(NOTICE_COLUMNS)
    .where('effectiveFrom', '<=', now)
    .orderBy('effectiveFrom', 'desc')
    .limit(1)
    .executeTakeFirst();
}
export type NoticeRow = NonNullable<Awaited<ReturnType<typeof currentNotice>>>;

// ——— Consent ledger ———

export type Subject = { userId: string | null; personId: string | null };

function bySubject(s: Subject) {
  return sql<boolean>`(${s.userId !== null ? sql`subject_user_id = ${s.userId}` : sql`false`} or ${
    s.personId !== null ? sql`subject_person_id = ${s.personId}` : sql`false`
  })`;
}

export async function appendConsentRecord(
  tx: Executor,
  r: {
    subjectUserId: string | null;
    subjectPersonId: string | null;
    purpose: string;
    action: 'grant' | 'withdraw';
    noticeVersion: string;
    channel: 'web' | 'desk_paper' | 'system';
    recordedBy: string | null;
    at: Date;
  },
): Promise<string> {
  const row = await tx.insertInto('consentRecords').values(r).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Every ledger row of a subject (account and its person), newest first. */
export async function consentHistory(db: Executor, s: Subject) {
  return db
    .selectFrom('consentRecords')
    .select(['id', 'purpose', 'action', 'noticeVersion', 'channel', 'at'])
    .where(bySubject(s))
    .orderBy('seq', 'desc')
    .limit(1000)
    .execute();
}

/** The latest ledger row per purpose of a subject: its current state. */
export async function latestConsents(db: Executor, s: Subject) {
  const r = await sql<{
    purpose: string;
    action: 'grant' | 'withdraw';
    noticeVersion: string;
    at: Date;
  }>`select distinct on (purpose) purpose, action, notice_version, at
       from consent_records where ${bySubject(s)}
      order by purpose, seq desc`.execute(db);
  return r.rows;
}

/** When each purpose was last granted (for the state shown next to a withdrawal). */
export async function lastGrants(db: Executor, s: Subject): Promise<Map<string, Date>> {
  const r = await sql<{ purpose: string; at: Date }>`select purpose, max(at) as at from consent_records
      where ${bySubject(s)} and action = 'grant' group by purpose`.execute(db);
  return new Map(r.rows.map((x) => [x.purpose, x.at]));
}

/**
 * The key-group gate: a person may be classified unless their data is restricted or the latest
 * `key_group_status` row of the person (or of their account) is a withdrawal.
 */
export async function mayClassify(db: Executor, personId: string): Promise<boolean> {
  const r = await sql<{ blocked: boolean }>`
    select exists (select 1 from restricted_subjects where person_id = ${personId}) or coalesce((
      select cr.action = 'withdraw' from consent_records cr
       where cr.purpose = 'key_group_status'
         and (cr.subject_person_id = ${personId}
              or cr.subject_user_id = (select user_id from persons where id = ${personId}))
       order by cr.seq desc limit 1), false) as blocked`.execute(db);
  return !(r.rows[0]?.blocked ?? false);
}

/**
 * Withdraws the active per-module consents (table `consents`, written by résumés, applications,
 * buses, graduates) of a kind, or of every kind; the mirror trigger appends the ledger rows.
 */
export async function withdrawModuleConsents(
  tx: Executor,
  userId: string,
  kinds: readonly string[] | 'all',
  at: Date,
): Promise<number> {
  let q = tx
    .updateTable('consents')
    .set({ withdrawnAt: at })
    .where('userId', '=', userId)
    .where('withdrawnAt', 'is', null);
  if (kinds !== 'all') q = q.where('kind', 'in', [...kinds]);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ——— Restriction ———

export async function restrictionOf(db: Executor, s: Subject) {
  return db
    .selectFrom('restrictedSubjects')
    .select(['reason', 'legalRetention', 'restrictedAt'])
    .where((eb) =>
      eb.or([
        ...(s.userId ? [eb('userId', '=', s.userId)] : []),
        ...(s.personId ? [eb('personId', '=', s.personId)] : []),
        eb.val(false),
      ]),
    )
    .executeTakeFirst();
}

export async function insertRestriction(
  tx: Executor,
  r: { userId: string; personId: string | null; legalRetention: string[]; at: Date },
): Promise<void> {
  await tx
    .insertInto('restrictedSubjects')
    .values({
      userId: r.userId,
      personId: r.personId,
      reason: 'account_cancelled',
      legalRetention: r.legalRetention,
      restrictedAt: r.at,
    })
    .execute();
}

// ——— Account (table users, owned by accounts/) ———

export async function accountOf(db: Executor, userId: string) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'role',
      'phone',
      'displayName',
      'status',
      'passwordHash',
      'districtCodes',
      'createdAt',
      'lastLoginAt',
      'passwordChangedAt',
    ])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function setDisplayName(tx: Executor, userId: string, name: string, now: Date): Promise<void> {
  await tx.updateTable('users').set({ displayName: name, updatedAt: now }).where('id', '=', userId).execute();
}

/**
 * A cancelled account: it cannot sign in (disabled, unusable password hash) and its phone number is
 * freed for a new registration (replaced by a marker the users_phone_check allows).
 */
export async function closeAccount(tx: Executor, userId: string, now: Date): Promise<void> {
  await tx
    .updateTable('users')
    .set({
      phone: `cancelled:${userId}`,
      displayName: '已注销用户',
      status: 'disabled',
      passwordHash: '!cancelled',
      mustChangePassword: false,
      failedLoginCount: 0,
      lockedUntil: null,
      updatedAt: now,
    })
    .where('id', '=', userId)
    .execute();
}

// ——— Cancellation: deletion and anonymisation of data no law requires ———

/**
 * Deletes what only served the account: saved searches and their digests (alerts/), in-app
 * notifications and queued or sent messages (alerts/), open or cancelled travel requests that never
 * led to a booking (buses/). Answers counts per table.
 */
export async function deleteAccountData(tx: Executor, userId: string, personId: string | null) {
  const counts: Record<string, number> = {};
  const del = async (name: string, q: { executeTakeFirst(): Promise<{ numDeletedRows: bigint }> }) => {
    counts[name] = Number((await q.executeTakeFirst()).numDeletedRows);
  };
  await del('savedSearches', tx.deleteFrom('savedSearches').where('userId', '=', userId));
  await del('alertDigests', tx.deleteFrom('alertDigests').where('userId', '=', userId));
  await del('notifications', tx.deleteFrom('notifications').where('userId', '=', userId));
  await del('outbox', tx.deleteFrom('outbox').where('userId', '=', userId));
  // Second factor and recovery codes (accounts/, issue 9): secrets of an account that is closing.
  await sql`delete from mfa_recovery_codes where user_id = ${userId}`.execute(tx);
  const mfa = await sql`delete from user_mfa where user_id = ${userId}`.execute(tx);
  counts.secondFactor = Number(mfa.numAffectedRows ?? 0);
  if (personId) await del('travelRequests', unboardedTravelRequests(tx, personId, null));
  return counts;
}

/** Deletes the person's travel requests that never led to a booking (they carry the health declaration). */
export async function deleteUnbookedTravel(tx: Executor, personId: string): Promise<number> {
  const r = await unboardedTravelRequests(tx, personId, null).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Open or cancelled travel requests nobody was booked or planned on (optionally older than `before`). */
function unboardedTravelRequests(tx: Executor, personId: string | null, before: Date | null) {
  let q = tx
    .deleteFrom('travelRequests')
    .where('status', 'in', ['open', 'cancelled'])
    .where(
      sql<boolean>`not exists (select 1 from bus_bookings b where b.travel_request_id = travel_requests.id)`,
    )
    .where(
      sql<boolean>`not exists (select 1 from bus_trip_planned_requests p where p.travel_request_id = travel_requests.id)`,
    );
  if (personId) q = q.where('personId', '=', personId);
  if (before) q = q.where('updatedAt', '<', before);
  return q;
}

/**
 * Applications (applications/): active ones are withdrawn; the résumé snapshot the enterprise
 * received and the seeker's note are erased from all of them. The application rows stay (the
 * enterprise's hiring record, hires and employment registrations point at them).
 */
export async function anonymiseApplications(tx: Executor, userId: string, now: Date): Promise<number> {
  await tx
    .updateTable('applications')
    .set({ status: 'withdrawn', updatedAt: now })
    .where('seekerUserId', '=', userId)
    .where('status', 'in', ['submitted', 'viewed', 'interview', 'offer'])
    .execute();
  const r = await tx
    .updateTable('applications')
    .set({ resumeSnapshot: JSON.stringify({ erased: true }), note: null, updatedAt: now })
    .where('seekerUserId', '=', userId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Records finance and social-insurance law require to keep about a person: policy applications and
 * payouts (会计档案管理办法: accounting records 30 years), unemployment/employment registrations
 * (就业创业证, 就业服务与就业管理规定), welfare-post subsidies, boarded chartered-bus trips (subsidy
 * evidence), employment certificates. Answers the kinds present.
 */
export async function legalRecordsOf(
  db: Executor,
  personId: string,
  userId: string | null,
): Promise<string[]> {
  const r = await sql<{ kind: string }>`
    select 'policy_applications' as kind where exists (
      select 1 from policy_applications where person_id = ${personId} or applicant_user_id = ${userId})
    union all select 'payouts' where exists (
      select 1 from payouts where subject_type = 'person' and subject_id = ${personId})
    union all select 'registrations' where exists (select 1 from registrations where person_id = ${personId})
    union all select 'welfare_subsidies' where exists (select 1 from welfare_subsidies where person_id = ${personId})
    union all select 'bus_bookings' where exists (
      select 1 from bus_bookings where person_id = ${personId} and boarded_at is not null)
    union all select 'employment_certificates' where exists (
      select 1 from employment_certificates where person_id = ${personId})`.execute(db);
  return r.rows.map((x) => x.kind);
}

/** policy_applications of a person/account without a person, for the legal-retention check. */
export async function hasPolicyApplicationsOfUser(db: Executor, userId: string): Promise<boolean> {
  const r = await db
    .selectFrom('policyApplications')
    .select('id')
    .where('applicantUserId', '=', userId)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

// ——— Export ———

/**
 * Every table.column that names a user or a person as the subject of a row, and how the export
 * covers it. privacy.test.ts compares this list (with EXPORT_EXCLUDED) to information_schema, so a
 * new table with a user_id/person_id column cannot be forgotten.
 */
export const EXPORT_SOURCES: Record<string, { by: 'user' | 'person'; section: string }> = {
  'alert_digests.user_id': { by: 'user', section: 'alertDigests' },
  'applications.seeker_user_id': { by: 'user', section: 'applications' },
  'consents.user_id': { by: 'user', section: 'moduleConsents' },
  'hires.seeker_user_id': { by: 'user', section: 'hires' },
  'job_fair_attributions.seeker_user_id': { by: 'user', section: 'jobFairAttributions' },
  'job_fair_registrations.seeker_user_id': { by: 'user', section: 'jobFairRegistrations' },
  'job_fair_visits.seeker_user_id': { by: 'user', section: 'jobFairVisits' },
  'notifications.user_id': { by: 'user', section: 'notifications' },
  'outbox.user_id': { by: 'user', section: 'messages' },
  'partner_referrals.seeker_user_id': { by: 'user', section: 'partnerReferrals' },
  'partner_region_officers.user_id': { by: 'user', section: 'partnerRegionOfficer' },
  'policy_applications.applicant_user_id': { by: 'user', section: 'policyApplicationsFiled' },
  'saved_searches.user_id': { by: 'user', section: 'savedSearches' },
  'sessions.user_id': { by: 'user', section: 'sessions' },
  'agencies.owner_user_id': { by: 'user', section: 'agenciesOwned' },
  'colleges.owner_user_id': { by: 'user', section: 'collegesOwned' },
  'enterprises.owner_user_id': { by: 'user', section: 'enterprisesOwned' },
  'training_providers.owner_user_id': { by: 'user', section: 'trainingProvidersOwned' },
  'user_mfa.user_id': { by: 'user', section: 'secondFactor' },
  'mfa_recovery_codes.user_id': { by: 'user', section: 'recoveryCodes' },
  'bus_bookings.person_id': { by: 'person', section: 'busBookings' },
  'cases.person_id': { by: 'person', section: 'cases' },
  'cohort_students.person_id': { by: 'person', section: 'cohortStudents' },
  'ecommerce_participants.person_id': { by: 'person', section: 'ecommerceParticipations' },
  'employment_certificates.person_id': { by: 'person', section: 'employmentCertificates' },
  'graduates.person_id': { by: 'person', section: 'graduates' },
  'key_group_memberships.person_id': { by: 'person', section: 'keyGroupMemberships' },
  'person_events.person_id': { by: 'person', section: 'personTimeline' },
  'person_profiles.person_id': { by: 'person', section: 'personProfile' },
  'policy_applications.person_id': { by: 'person', section: 'policyApplications' },
  'registrations.person_id': { by: 'person', section: 'registrations' },
  'service_deliverables.person_id': { by: 'person', section: 'agencyServicesReceived' },
  'sharing_agreement_workers.person_id': { by: 'person', section: 'sharedEmployment' },
  'startups.person_id': { by: 'person', section: 'startups' },
  'training_enrollments.person_id': { by: 'person', section: 'trainingEnrollments' },
  'travel_requests.person_id': { by: 'person', section: 'travelRequests' },
  'welfare_placements.person_id': { by: 'person', section: 'welfarePlacements' },
  'welfare_subsidies.person_id': { by: 'person', section: 'welfareSubsidies' },
};

/** Columns covered by dedicated export sections (not the generic row dump above). */
export const EXPORT_SPECIAL: Record<string, string> = {
  'persons.user_id': 'person (masked identity number) — exportFor',
  'resumes.user_id': 'resume — resumes/index.ts resumeExportOf (masked identity number)',
  'consent_records.subject_user_id': 'consents (the ledger)',
  'consent_records.subject_person_id': 'consents (the ledger)',
  'restricted_subjects.user_id': 'restriction',
  'restricted_subjects.person_id': 'restriction',
  'audit_log.actor_user_id': 'auditByMe (own actions); auditAboutMe covers rows whose entity is the caller',
};

/**
 * Deliberately not exported, and why: these columns name the user as the ACTOR of work on other
 * people's or organisations' records (staff, officers, escorts). Exporting them would disclose
 * third parties' personal information (PIPL art. 45 covers the caller's own information); the
 * caller's own actions are in auditByMe.
 */
export const EXPORT_EXCLUDED: Record<string, string> = {
  'application_events.actor_user_id': 'actor of an application step (employer/staff work record)',
  'bus_trips.escort_user_id': 'staff escort assignment (the trip’s passengers are third parties)',
  'cases.officer_user_id': 'officer assignment on someone else’s case',
  'enterprise_service_logs.officer_user_id': 'officer’s service log of an enterprise',
  'key_enterprises.officer_user_id': 'officer assignment of an enterprise',
  'person_events.actor_user_id': 'actor of a step in someone’s timeline',
  'policy_application_events.actor_user_id': 'actor of a review step',
  'warning_alerts.assignee_user_id': 'staff assignment of an early-warning alert',
};

/** Columns never exported: secrets and derived machine data. */
const HIDDEN_COLUMN =
  /(Enc|Hash|Salt|Sealed|Token|token|Secret|secret|SearchVector)$|^(passwordHash|tokenHash|searchVector)$/;

function clean(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (HIDDEN_COLUMN.test(k)) continue;
    out[k] = Buffer.isBuffer(v) ? undefined : v;
  }
  return out;
}

const EXPORT_ROW_LIMIT = 10_000;

/** Rows of one table whose `column` is the subject (read-only; hidden columns dropped). */
export async function exportRows(
  db: Executor,
  table: string,
  column: string,
  subjectId: string,
): Promise<Record<string, unknown>[]> {
  const r = await sql<Record<string, unknown>>`select * from ${sql.table(table)}
      where ${sql.ref(column)} = ${subjectId} limit ${EXPORT_ROW_LIMIT}`.execute(db);
  return r.rows.map(clean);
}

/** Services given on the person's cases (case_services via cases). */
export async function caseServicesOf(db: Executor, personId: string) {
  const r = await sql<Record<string, unknown>>`select cs.* from case_services cs
      join cases c on c.id = cs.case_id where c.person_id = ${personId} limit ${EXPORT_ROW_LIMIT}`.execute(
    db,
  );
  return r.rows.map(clean);
}

/** Payouts to the person (payouts/: subject_type person), with the account number as its tail only. */
export async function payoutsOf(db: Executor, personId: string) {
  const r = await sql<Record<string, unknown>>`select * from payouts
      where subject_type = 'person' and subject_id = ${personId} limit ${EXPORT_ROW_LIMIT}`.execute(db);
  return r.rows.map(clean);
}

/** The person's payee bank accounts (payouts/): the sealed number is left out, its tail stays. */
export async function payeeAccountsOf(db: Executor, personId: string) {
  const r = await sql<Record<string, unknown>>`select * from payee_accounts
      where subject_type = 'person' and subject_id = ${personId} limit ${EXPORT_ROW_LIMIT}`.execute(db);
  return r.rows.map(clean);
}

/** The person record (persons/) without the sealed number or its lookup hash. */
export async function personRowOf(db: Executor, personId: string) {
  return db
    .selectFrom('persons')
    .select([
      'id',
      'fullName',
      'phone',
      'idNumberMasked',
      'birthDate',
      'gender',
      'householdRegionCode',
      'createdAt',
      'updatedAt',
    ])
    .where('id', '=', personId)
    .executeTakeFirst();
}

/**
 * Audit rows ABOUT the subject (who read or changed their data, when: PIPL art. 45/access right):
 * the role and action, not the staff member's identity or address.
 */
export async function auditAbout(db: Executor, ids: string[]) {
  return db
    .selectFrom('auditLog')
    .select(['at', 'actorRole', 'action', 'entityType', 'entityId'])
    .where('entityId', 'in', ids)
    .orderBy('id', 'desc')
    .limit(EXPORT_ROW_LIMIT)
    .execute();
}

/** The subject's own actions. */
export async function auditBy(db: Executor, userId: string) {
  return db
    .selectFrom('auditLog')
    .select(['at', 'action', 'entityType', 'entityId', 'ip'])
    .where('actorUserId', '=', userId)
    .orderBy('id', 'desc')
    .limit(EXPORT_ROW_LIMIT)
    .execute();
}

// ——— Retention ———

/** Days to keep data after the event named; privacy.md carries the same table. */
export async function purgeSessions(tx: Executor, before: Date): Promise<number> {
  const r = await tx
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('revokedAt', '<', before), eb('expiresAt', '<', before)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function purgeIdempotencyKeys(tx: Executor, before: Date): Promise<number> {
  const r = await tx.deleteFrom('idempotencyKeys').where('createdAt', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function purgeNotifications(tx: Executor, before: Date): Promise<number> {
  const r = await tx.deleteFrom('notifications').where('createdAt', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function purgeSentMessages(tx: Executor, before: Date): Promise<number> {
  const r = await tx
    .deleteFrom('outbox')
    .where('status', '=', 'sent')
    .where('createdAt', '<', before)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function purgeAlertDigests(tx: Executor, before: Date): Promise<number> {
  const r = await tx.deleteFrom('alertDigests').where('createdAt', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function purgeUnboardedTravelRequests(tx: Executor, before: Date): Promise<number> {
  const r = await unboardedTravelRequests(tx, null, before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Rejected or withdrawn applications: the résumé snapshot and note are erased (row kept for statistics). */
export async function anonymiseClosedApplications(tx: Executor, before: Date): Promise<number> {
  const r = await tx
    .updateTable('applications')
    .set({ resumeSnapshot: JSON.stringify({ erased: true }), note: null })
    .where('status', 'in', ['rejected', 'withdrawn'])
    .where('updatedAt', '<', before)
    .where(sql<boolean>`not (resume_snapshot ? 'erased')`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
