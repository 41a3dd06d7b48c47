import {
  PRIVACY_PURPOSES,
  PURPOSE_INFO,
  SELF_SERVICE_PURPOSES,
  TRAVEL_HEALTH_CONSENT,
  type CancelAccountResult,
  type DataExport,
  type GrantConsentBody,
  type MyConsents,
  type PersonalData,
  type PrivacyNotice,
  type PrivacyPurpose,
  type SelfServicePurpose,
  type DeskConsentBody,
  type DeskPurpose,
  type UpdatePersonalDataBody,
} from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { revokeUserSessions } from '../../platform/auth/session.repository.js';
import { verifyPassword } from '../accounts/index.js';
import { reclassify } from '../key-groups/index.js';
import {
  anonymisePerson,
  clearPersonIdentity,
  findPersonOfUser,
  lockPerson,
  personAccess,
  updatePersonFacts,
} from '../persons/index.js';
import {
  deleteResumeOf,
  removeResumeIdentityNumber,
  resumeExportOf,
  setResumeSharing,
  withdrawResumeKeyGroups,
} from '../resumes/index.js';
import * as repo from './privacy.repository.js';

function iso(d: Date): string {
  return d.toISOString();
}

function requireUser(ctx: RequestContext): string {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.actor.userId;
}

function toNotice(n: repo.NoticeRow): PrivacyNotice {
  return {
    version: n.version,
    effectiveFrom: iso(n.effectiveFrom),
    titleZh: n.titleZh,
    titleEn: n.titleEn,
    bodyZh: n.bodyZh,
    bodyEn: n.bodyEn,
  };
}

export async function getNotice(db: Executor, now: Date): Promise<PrivacyNotice> {
  const n = await repo.currentNotice(db, now);
  if (!n) throw new AppError('not_found');
  return toNotice(n);
}

async function subjectOf(db: Executor, userId: string): Promise<repo.Subject> {
  const person = await findPersonOfUser(db, userId);
  return { userId, personId: person?.id ?? null };
}

// ——— Consents ———

export async function myConsents(ctx: RequestContext): Promise<MyConsents> {
  const userId = requireUser(ctx);
  return consentsOf(ctx.db, await subjectOf(ctx.db, userId), ctx.now());
}

/** Each purpose's current state and the whole ledger of a subject (account and/or person). */
async function consentsOf(db: Executor, subject: repo.Subject, now: Date): Promise<MyConsents> {
  const [notice, latest, grants, history] = await Promise.all([
    getNotice(db, now),
    repo.latestConsents(db, subject),
    repo.lastGrants(db, subject),
    repo.consentHistory(db, subject),
  ]);
  const byPurpose = new Map(latest.map((l) => [l.purpose, l]));
  const selfService = new Set<string>(SELF_SERVICE_PURPOSES);
  return {
    notice,
    purposes: PRIVACY_PURPOSES.map((purpose) => {
      const l = byPurpose.get(purpose);
      const info = PURPOSE_INFO[purpose];
      // The account itself rests on the service contract (art. 13(2)): in force while it exists.
      const granted = purpose === 'platform_account' ? subject.userId !== null : l?.action === 'grant';
      const grantedAt = grants.get(purpose);
      return {
        purpose,
        basis: info.basis,
        sensitive: info.sensitive,
        selfService: selfService.has(purpose),
        granted,
        noticeVersion: l?.noticeVersion ?? null,
        grantedAt: grantedAt ? iso(grantedAt) : null,
        withdrawnAt: l?.action === 'withdraw' ? iso(l.at) : null,
      };
    }),
    history: history.map((h) => ({
      id: h.id,
      purpose: h.purpose,
      action: h.action,
      noticeVersion: h.noticeVersion,
      channel: h.channel,
      at: iso(h.at),
    })),
  };
}

async function currentState(db: Executor, subject: repo.Subject, purpose: PrivacyPurpose) {
  const latest = await repo.latestConsents(db, subject);
  return latest.find((l) => l.purpose === purpose)?.action ?? null;
}

/**
 * Grants a separate consent under the notice the person read (it must be the one in force).
 * Résumé sharing is switched on through the résumé module (which records its consent; the ledger
 * mirrors it); the other purposes are recorded in the ledger directly.
 */
export async function grantConsent(ctx: RequestContext, body: GrantConsentBody): Promise<MyConsents> {
  const userId = requireUser(ctx);
  const notice = await getNotice(ctx.db, ctx.now());
  if (body.noticeVersion !== notice.version) {
    throw new AppError('validation_failed', { fields: [{ path: 'noticeVersion', code: 'notice_outdated' }] });
  }
  await ctx.db.transaction().execute(async (tx) => {
    const subject = await subjectOf(tx, userId);
    if (await repo.restrictionOf(tx, subject)) throw new AppError('forbidden');
    if (body.purpose === 'resume_sharing_with_enterprises') {
      if (!(await setResumeSharing(tx, ctx, userId, true))) throw new AppError('resume_required');
    }
    if ((await currentState(tx, subject, body.purpose)) !== 'grant') {
      await repo.appendConsentRecord(tx, {
        subjectUserId: userId,
        subjectPersonId: subject.personId,
        purpose: body.purpose,
        action: 'grant',
        noticeVersion: notice.version,
        channel: 'web',
        recordedBy: userId,
        at: ctx.now(),
      });
    }
    await writeAudit(tx, ctx, {
      action: 'privacy.consent_grant',
      entityType: 'user',
      entityId: userId,
      summary: { purpose: body.purpose, noticeVersion: notice.version },
    });
  });
  return myConsents(ctx);
}

/**
 * What a withdrawal stops (PIPL art. 15), in the caller's transaction; answers what was done, for
 * the audit row. Résumé changes go through the résumé module; a desk-registered person without an
 * account has no résumé.
 */
async function stopProcessing(
  tx: Executor,
  ctx: RequestContext,
  subject: repo.Subject,
  purpose: SelfServicePurpose | DeskPurpose,
): Promise<Record<string, unknown>> {
  const { userId, personId } = subject;
  const now = ctx.now();
  switch (purpose) {
    case 'resume_sharing_with_enterprises':
      return { resumeHidden: userId ? await setResumeSharing(tx, ctx, userId, false) : false };
    case 'key_group_status':
      if (userId) await withdrawResumeKeyGroups(tx, ctx, userId);
      return {};
    case 'identity_number': {
      const fromResume = userId ? await removeResumeIdentityNumber(tx, ctx, userId) : false;
      let fromPerson = false;
      if (personId && (await repo.legalRecordsOf(tx, personId, userId)).length === 0) {
        await clearPersonIdentity(tx, personId, now);
        fromPerson = true;
      }
      return { fromResume, fromPerson };
    }
    case 'health_declaration':
      if (userId) await repo.withdrawModuleConsents(tx, userId, [TRAVEL_HEALTH_CONSENT], now);
      return { travelRequestsDeleted: personId ? await repo.deleteUnbookedTravel(tx, personId) : 0 };
    case 'graduate_registry':
      if (userId) await repo.withdrawModuleConsents(tx, userId, ['graduate_registry'], now);
      return {};
  }
}

/**
 * Withdraws a consent and STOPS the processing it allowed (PIPL art. 15), in one transaction:
 * - résumé sharing: the résumé is hidden from enterprises (résumé module);
 * - key-group status: the résumé's declared groups are erased and the person is reclassified, which
 *   the key-group gate turns into ending every membership and recording no new one;
 * - identity number: erased from the résumé, and from the person record unless a law requires it;
 * - health declaration: unbooked travel requests (which carry the declaration) are deleted; a
 *   booked trip keeps it until boarding (the boarding check needs it).
 */
export async function withdrawConsent(ctx: RequestContext, purpose: SelfServicePurpose): Promise<MyConsents> {
  const userId = requireUser(ctx);
  const now = ctx.now();
  const notice = await getNotice(ctx.db, now);
  await ctx.db.transaction().execute(async (tx) => {
    const subject = await subjectOf(tx, userId);
    if (subject.personId) await lockPerson(tx, subject.personId);
    const effect = await stopProcessing(tx, ctx, subject, purpose);
    // Module consents mirrored by the trigger may have written the withdrawal already.
    if ((await currentState(tx, subject, purpose)) !== 'withdraw') {
      await repo.appendConsentRecord(tx, {
        subjectUserId: userId,
        subjectPersonId: subject.personId,
        purpose,
        action: 'withdraw',
        noticeVersion: notice.version,
        channel: 'web',
        recordedBy: userId,
        at: now,
      });
    }
    // After the withdrawal row: the gate now refuses, so this ends the memberships.
    if (purpose === 'key_group_status' && subject.personId) {
      await reclassify(tx, subject.personId, now, { ctx });
    }
    await writeAudit(tx, ctx, {
      action: 'privacy.consent_withdraw',
      entityType: 'user',
      entityId: userId,
      summary: { purpose, ...effect },
    });
  });
  return myConsents(ctx);
}

// ——— The desk: paper consent forms of people served without an account (channel desk_paper) ———

async function deskSubject(ctx: RequestContext, tx: Executor, personId: string): Promise<repo.Subject> {
  const access = await personAccess(ctx, tx, personId);
  if (access.relation !== 'staff') throw new AppError('forbidden');
  return { userId: access.userId, personId };
}

/** A person's consents as the serving district's staff see them (audited read). */
export async function personConsents(ctx: RequestContext, personId: string): Promise<MyConsents> {
  return ctx.db.transaction().execute(async (tx) => {
    const subject = await deskSubject(ctx, tx, personId);
    await writeAudit(tx, ctx, { action: 'privacy.consents_read', entityType: 'person', entityId: personId });
    return consentsOf(tx, subject, ctx.now());
  });
}

/**
 * Records a signed paper form (grant or withdrawal) for a person, by staff of the serving district.
 * The form may name an earlier notice version that is on file. A withdrawal stops the processing
 * exactly as the person's own withdrawal does.
 */
export async function recordDeskConsent(
  ctx: RequestContext,
  personId: string,
  body: DeskConsentBody,
): Promise<MyConsents> {
  const staffId = requireUser(ctx);
  if (!(await repo.noticeExists(ctx.db, body.noticeVersion))) {
    throw new AppError('validation_failed', { fields: [{ path: 'noticeVersion', code: 'notice_outdated' }] });
  }
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const subject = await deskSubject(ctx, tx, personId);
    await lockPerson(tx, personId);
    if (await repo.restrictionOf(tx, subject)) throw new AppError('forbidden');
    const effect = body.action === 'withdraw' ? await stopProcessing(tx, ctx, subject, body.purpose) : {};
    if ((await currentState(tx, subject, body.purpose)) !== body.action) {
      await repo.appendConsentRecord(tx, {
        subjectUserId: subject.userId,
        subjectPersonId: personId,
        purpose: body.purpose,
        action: body.action,
        noticeVersion: body.noticeVersion,
        channel: 'desk_paper',
        recordedBy: staffId,
        at: now,
      });
    }
    if (body.action === 'withdraw' && body.purpose === 'key_group_status') {
      await reclassify(tx, personId, now, { ctx });
    }
    await writeAudit(tx, ctx, {
      action: 'privacy.desk_consent',
      entityType: 'person',
      entityId: personId,
      summary: {
        purpose: body.purpose,
        consentAction: body.action,
        noticeVersion: body.noticeVersion,
        ...effect,
      },
    });
    return consentsOf(tx, subject, now);
  });
}

/** The key-group gate installed into key-groups/ at boot. */
export function mayClassify(db: Executor, personId: string): Promise<boolean> {
  return repo.mayClassify(db, personId);
}

// ——— Correction (art. 46) ———

export async function getPersonalData(ctx: RequestContext): Promise<PersonalData> {
  const userId = requireUser(ctx);
  const account = await repo.accountOf(ctx.db, userId);
  if (!account) throw new AppError('not_found');
  const person = await findPersonOfUser(ctx.db, userId);
  return { displayName: account.displayName, fullName: person?.fullName ?? null };
}

/**
 * Corrects the account's display name and the person record's name (the registry's own update
 * use case: timeline step, audit row, reclassification). Other data is corrected where it is
 * entered: the résumé (PUT /me/resume), the password (POST /me/password); staff correct
 * desk-registered people with PATCH /persons/{id} (docs/privacy.md lists them).
 */
export async function updatePersonalData(
  ctx: RequestContext,
  body: UpdatePersonalDataBody,
): Promise<PersonalData> {
  const userId = requireUser(ctx);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    if (body.displayName !== undefined) {
      await repo.setDisplayName(tx, userId, body.displayName, now);
      await writeAudit(tx, ctx, {
        action: 'privacy.correct',
        entityType: 'user',
        entityId: userId,
        summary: { fields: ['displayName'] },
      });
    }
    if (body.fullName !== undefined) {
      const person = await findPersonOfUser(tx, userId);
      if (!person)
        throw new AppError('validation_failed', { fields: [{ path: 'fullName', code: 'no_person_record' }] });
      await lockPerson(tx, person.id);
      await updatePersonFacts(tx, ctx, person.id, { fullName: body.fullName }, now);
    }
  });
  return getPersonalData(ctx);
}

// ——— Export (art. 45) ———

const EXPORT_NOTE =
  'Identity numbers appear masked (idNumberMasked): the full number is never sent over the web, even to its holder; ' +
  'a desk officer shows it against an identity document. Secrets (password and token hashes, sealed numbers, ' +
  'boarding-code salts) are left out. auditAboutMe lists who (by role) read or changed your records and when.';

/** Everything the platform holds about the caller, as JSON (audited). */
export async function exportMyData(ctx: RequestContext): Promise<DataExport> {
  const userId = requireUser(ctx);
  const db = ctx.db;
  const now = ctx.now();
  const subject = await subjectOf(db, userId);
  const personId = subject.personId;
  const account = await repo.accountOf(db, userId);
  if (!account) throw new AppError('not_found');
  const sections: Record<string, Record<string, unknown>[]> = {};
  const { passwordHash: _hidden, ...accountData } = account;
  sections.account = [accountData];
  const restriction = await repo.restrictionOf(db, subject);
  sections.restriction = restriction ? [restriction] : [];
  const person = personId ? await repo.personRowOf(db, personId) : undefined;
  sections.person = person ? [person] : [];
  const resume = await resumeExportOf(db, userId);
  sections.resume = resume ? [resume] : [];
  for (const [key, src] of Object.entries(repo.EXPORT_SOURCES)) {
    const [table, column] = key.split('.') as [string, string];
    const id = src.by === 'user' ? userId : personId;
    const rows = id ? await repo.exportRows(db, table, column, id) : [];
    sections[src.section] = [...(sections[src.section] ?? []), ...rows];
  }
  sections.caseServices = personId ? await repo.caseServicesOf(db, personId) : [];
  sections.payouts = personId ? await repo.payoutsOf(db, personId) : [];
  sections.payeeAccounts = personId ? await repo.payeeAccountsOf(db, personId) : [];
  sections.consents = await repo.consentHistory(db, subject);
  sections.auditAboutMe = await repo.auditAbout(db, personId ? [userId, personId] : [userId]);
  sections.auditByMe = await repo.auditBy(db, userId);
  const notice = await getNotice(db, now);
  await writeAudit(db, ctx, {
    action: 'privacy.export',
    entityType: 'user',
    entityId: userId,
    summary: { sections: Object.keys(sections).length },
  });
  return {
    generatedAt: iso(now),
    userId,
    personId,
    noticeVersion: notice.version,
    note: EXPORT_NOTE,
    sections: JSON.parse(JSON.stringify(sections)) as DataExport['sections'],
  };
}

// ——— Cancellation (art. 47) ———

/** Accounts people open themselves; staff, admin, partner and auditor accounts are closed by an admin. */
const SELF_CANCELLABLE = new Set(['seeker', 'employer', 'college', 'agency']);

/**
 * Cancels the account in one transaction: sessions end, every consent is withdrawn, what no law
 * requires is deleted or anonymised, records finance and social-insurance law require are kept
 * and the subject is marked restricted (no processing except that retention), the account can
 * no longer sign in and its phone number is free.
 */
export async function cancelAccount(ctx: RequestContext, password: string): Promise<CancelAccountResult> {
  const userId = requireUser(ctx);
  const account = await repo.accountOf(ctx.db, userId);
  if (!account) throw new AppError('not_found');
  if (!SELF_CANCELLABLE.has(account.role)) {
    throw new AppError('forbidden', {
      detail: {
        'zh-CN': '工作人员账号由管理员停用，不能自行注销。',
        'en-US': 'Staff accounts are disabled by an administrator, not cancelled by their holder.',
      },
    });
  }
  if (!(await verifyPassword(account.passwordHash, password))) {
    throw new AppError('validation_failed', { fields: [{ path: 'password', code: 'wrong_password' }] });
  }
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const subject = await subjectOf(tx, userId);
    const personId = subject.personId;
    if (personId) await lockPerson(tx, personId);
    const legal = personId
      ? await repo.legalRecordsOf(tx, personId, userId)
      : (await repo.hasPolicyApplicationsOfUser(tx, userId))
        ? ['policy_applications']
        : [];
    const sessions = await revokeUserSessions(tx, userId, 'account_cancelled', now);
    // Consents: the résumé's through its module, the other module consents directly (the trigger
    // writes the ledger), then the ledger-only purposes still granted.
    const resumeDeleted = await deleteResumeOf(tx, ctx, userId);
    await repo.withdrawModuleConsents(tx, userId, 'all', now);
    const notice = await getNotice(tx, now);
    for (const l of await repo.latestConsents(tx, subject)) {
      if (l.action !== 'grant') continue;
      await repo.appendConsentRecord(tx, {
        subjectUserId: userId,
        subjectPersonId: personId,
        purpose: l.purpose,
        action: 'withdraw',
        noticeVersion: notice.version,
        channel: 'system',
        recordedBy: userId,
        at: now,
      });
    }
    const deleted = await repo.deleteAccountData(tx, userId, personId);
    const applications = await repo.anonymiseApplications(tx, userId, now);
    await repo.insertRestriction(tx, { userId, personId, legalRetention: legal, at: now });
    if (personId) {
      // Restricted now: the gate refuses, so this ends the key-group memberships.
      await reclassify(tx, personId, now, { ctx });
      if (legal.length === 0) await anonymisePerson(tx, personId, now);
    }
    await repo.closeAccount(tx, userId, now);
    await writeAudit(tx, ctx, {
      action: 'privacy.account_cancel',
      entityType: 'user',
      entityId: userId,
      summary: {
        sessions,
        resumeDeleted,
        ...deleted,
        applicationsAnonymised: applications,
        personAnonymised: personId !== null && legal.length === 0,
        legalRetention: legal,
      },
    });
    return { cancelledAt: iso(now), restricted: legal.length > 0, legalRetention: legal };
  });
}
