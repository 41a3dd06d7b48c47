import {
  NOTICE_VERSION,
  type ConsentKind,
  type KeyGroup,
  type PutResumeBodySchema,
  type Resume,
} from '@jiuye/shared';
import type { z } from 'zod';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { encryptField, lookupHash, maskIdNumber } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { isKnownCode } from '../reference/index.js';
import { resumeSearchVector } from '../search/search.index.js';
import { checkBirthDate, experienceIssues, experienceYears, identityFromIdNumber } from './resumes.derive.js';
import * as repo from './resumes.repository.js';

export type PutResumeBody = z.output<typeof PutResumeBodySchema>;

// Residence permits for Hong Kong, Macao and Taiwan residents carry 81/82/83 as the region.
const PERMIT_PROVINCES = new Set(['710000', '810000', '820000', '830000']);
function provinceExists(code: string): boolean {
  return PERMIT_PROVINCES.has(code) || isKnownCode('region', code);
}

function requireUserId(ctx: RequestContext): string {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.actor.userId;
}

function iso(d: Date): string {
  return d.toISOString();
}

export function toResume(r: repo.ResumeRow): Resume {
  return {
    fullName: r.fullName,
    idNumberMasked: r.idNumberMasked,
    birthDate: r.birthDate,
    gender: r.gender === 'male' || r.gender === 'female' ? r.gender : null,
    educationLevel: r.educationLevel,
    skills: r.skills,
    experiences: r.experiences as Resume['experiences'],
    certificates: r.certificates as Resume['certificates'],
    desiredOccupationCodes: r.desiredOccupationCodes,
    desiredDistrictCodes: r.desiredDistrictCodes,
    expectedSalaryMinFen: r.expectedSalaryMinFen,
    availableFrom: r.availableFrom,
    willingToRelocate: r.willingToRelocate,
    currentRegionCode: r.currentRegionCode,
    keyGroups: r.keyGroups as KeyGroup[],
    visibleToEmployers: r.visibleToEmployers,
    experienceYears: r.experienceYears,
    updatedAt: iso(r.updatedAt),
  };
}

export async function getMyResume(ctx: RequestContext): Promise<Resume> {
  const row = await repo.findResume(ctx.db, requireUserId(ctx));
  if (!row) throw new AppError('not_found');
  return toResume(row);
}

type IdentityColumns = Pick<
  repo.ResumeWrite,
  'idNumberEnc' | 'idNumberHash' | 'idNumberMasked' | 'birthDate' | 'gender' | 'householdRegionCode'
>;

/**
 * The identity columns to store. The number is encrypted (AES-256-GCM), looked up by its HMAC and
 * shown masked; birth date, gender and household region are derived from it, so a birth date that
 * disagrees with it is refused rather than silently overwritten.
 */
function identityColumns(
  ctx: RequestContext,
  body: PutResumeBody,
  existing: repo.ResumeRow | undefined,
): { columns: IdentityColumns; change: 'set' | 'kept' | 'removed' | 'none' } {
  const today = ctx.now();
  if (typeof body.idNumber === 'string') {
    const r = identityFromIdNumber(body.idNumber, { today, birthDate: body.birthDate, provinceExists });
    if (!r.ok) throw new AppError('validation_failed', { fields: r.issues });
    const hash = lookupHash(ctx.deps.keys, r.parsed.value);
    return {
      change: existing?.idNumberHash === hash ? 'kept' : 'set',
      columns: {
        idNumberEnc:
          existing?.idNumberHash === hash && existing.idNumberEnc
            ? existing.idNumberEnc
            : encryptField(ctx.deps.keys, r.parsed.value),
        idNumberHash: hash,
        idNumberMasked: maskIdNumber(r.parsed.value),
        birthDate: r.parsed.birthDate,
        gender: r.parsed.gender,
        householdRegionCode: r.parsed.regionCode,
      },
    };
  }
  // Omitted: keep the number on file (the client cannot send it back: it only ever sees it masked).
  if (body.idNumber === undefined && existing?.idNumberHash) {
    if (body.birthDate !== undefined && body.birthDate !== existing.birthDate) {
      throw new AppError('validation_failed', {
        fields: [{ path: 'birthDate', code: 'birth_date_mismatch' }],
      });
    }
    return {
      change: 'kept',
      columns: {
        idNumberEnc: existing.idNumberEnc,
        idNumberHash: existing.idNumberHash,
        idNumberMasked: existing.idNumberMasked,
        birthDate: existing.birthDate,
        gender: existing.gender,
        householdRegionCode: existing.householdRegionCode,
      },
    };
  }
  // No number: the schema requires a birth date then.
  const birthDate = body.birthDate ?? null;
  if (birthDate === null) {
    throw new AppError('validation_failed', { fields: [{ path: 'birthDate', code: 'id_or_birth_date' }] });
  }
  const issue = checkBirthDate(birthDate, today);
  if (issue) throw new AppError('validation_failed', { fields: [issue] });
  return {
    change: existing?.idNumberHash ? 'removed' : 'none',
    columns: {
      idNumberEnc: null,
      idNumberHash: null,
      idNumberMasked: null,
      birthDate,
      gender: null,
      householdRegionCode: null,
    },
  };
}

/**
 * Keeps one active consent of a kind in step with what the résumé needs: reuses the active one
 * given under the current notice, else records a new one (closing any under an older notice);
 * withdraws it when no longer needed. Answers the active consent's id.
 */
async function syncConsent(
  tx: Executor,
  ctx: RequestContext,
  userId: string,
  kind: ConsentKind,
  needed: boolean,
  currentId: string | null,
): Promise<string | null> {
  const at = ctx.now();
  if (needed) {
    if (currentId) {
      const c = await repo.findConsent(tx, currentId);
      if (c && c.userId === userId && !c.withdrawnAt && c.noticeVersion === NOTICE_VERSION) return currentId;
    }
    const superseded = await repo.withdrawConsents(tx, userId, kind, at);
    const id = await repo.insertConsent(tx, {
      userId,
      kind,
      noticeVersion: NOTICE_VERSION,
      context: { via: 'resume' },
      at,
    });
    await writeAudit(tx, ctx, {
      action: 'consent.grant',
      entityType: 'consent',
      entityId: id,
      summary: { kind, noticeVersion: NOTICE_VERSION, superseded: superseded.length },
    });
    return id;
  }
  const withdrawn = await repo.withdrawConsents(tx, userId, kind, at);
  for (const id of withdrawn) {
    await writeAudit(tx, ctx, {
      action: 'consent.withdraw',
      entityType: 'consent',
      entityId: id,
      summary: { kind },
    });
  }
  return null;
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown }).code === '23505';
}

const ID_TAKEN = () =>
  new AppError('already_exists', { fields: [{ path: 'idNumber', code: 'id_number_taken' }] });

export async function putMyResume(ctx: RequestContext, body: PutResumeBody): Promise<Resume> {
  const userId = requireUserId(ctx);
  const issues = experienceIssues(body.experiences, ctx.now());
  if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
  const existing = await repo.findResume(ctx.db, userId);
  const identity = identityColumns(ctx, body, existing);
  if (identity.columns.idNumberHash && identity.change === 'set') {
    const holder = await repo.findUserByIdNumberHash(ctx.db, identity.columns.idNumberHash);
    if (holder && holder !== userId) throw ID_TAKEN();
  }
  const occupationCodes = [
    ...new Set([
      ...body.desiredOccupationCodes,
      ...body.experiences.flatMap((e) => (e.occupationCode ? [e.occupationCode] : [])),
    ]),
  ];
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const keyGroupConsentId = await syncConsent(
        tx,
        ctx,
        userId,
        'key_group_status',
        body.keyGroups.length > 0,
        existing?.keyGroupConsentId ?? null,
      );
      const visibilityConsentId = await syncConsent(
        tx,
        ctx,
        userId,
        'resume_visibility',
        body.visibleToEmployers,
        existing?.visibilityConsentId ?? null,
      );
      const searchVector = resumeSearchVector({
        skills: body.skills,
        experienceTitles: body.experiences.map((e) => e.title),
        occupationNames: await repo.occupationNames(tx, occupationCodes),
        certificates: body.certificates.map((c) => c.name),
      });
      const { created } = await repo.upsertResume(
        tx,
        {
          userId,
          fullName: body.fullName,
          ...identity.columns,
          educationLevel: body.educationLevel,
          skills: [...new Set(body.skills)],
          experiences: body.experiences,
          certificates: body.certificates,
          desiredOccupationCodes: [...new Set(body.desiredOccupationCodes)],
          desiredDistrictCodes: [...new Set(body.desiredDistrictCodes)],
          expectedSalaryMinFen: body.expectedSalaryMinFen,
          availableFrom: body.availableFrom,
          willingToRelocate: body.willingToRelocate,
          currentRegionCode: body.currentRegionCode,
          experienceYears: experienceYears(body.experiences, ctx.now()),
          keyGroups: [...new Set(body.keyGroups)],
          keyGroupConsentId,
          visibleToEmployers: body.visibleToEmployers,
          visibilityConsentId,
          searchVector,
        },
        ctx.now(),
      );
      await writeAudit(tx, ctx, {
        action: created ? 'resume.create' : 'resume.update',
        entityType: 'resume',
        entityId: userId,
        // Which facts changed, never their values: no identity number, no key-group list.
        summary: {
          identityNumber: identity.change,
          keyGroupsDeclared: body.keyGroups.length > 0,
          visibleToEmployers: body.visibleToEmployers,
        },
      });
      const row = await repo.findResume(tx, userId);
      if (!row) throw new Error('résumé vanished inside its own transaction');
      return toResume(row);
    });
  } catch (err) {
    // Two accounts registering the same number at once: the unique HMAC column decides.
    if (isUniqueViolation(err)) throw ID_TAKEN();
    throw err;
  }
}

// ——— Privacy (issue 9): the privacy module withdraws consents and cancels accounts through these,
// so the résumé's own consent columns and the consents it records stay the one source of truth. ———

/**
 * Turns sharing with enterprises on or off (PIPL art. 23), recording or withdrawing the
 * `resume_visibility` consent. Answers false when the user has no résumé.
 */
export async function setResumeSharing(
  tx: Executor,
  ctx: RequestContext,
  userId: string,
  visible: boolean,
): Promise<boolean> {
  const row = await repo.findResume(tx, userId);
  if (!row) return false;
  const consentId = await syncConsent(tx, ctx, userId, 'resume_visibility', visible, row.visibilityConsentId);
  await repo.updateResumePrivacy(
    tx,
    userId,
    { visibleToEmployers: visible, visibilityConsentId: consentId },
    ctx.now(),
  );
  return true;
}

/** Withdraws the key-group declaration of the résumé (sensitive, art. 28) and its consent. */
export async function withdrawResumeKeyGroups(
  tx: Executor,
  ctx: RequestContext,
  userId: string,
): Promise<void> {
  await syncConsent(tx, ctx, userId, 'key_group_status', false, null);
  await repo.updateResumePrivacy(tx, userId, { keyGroups: [], keyGroupConsentId: null }, ctx.now());
}

/** Erases the identity number from the résumé (birth date stays; it is also asked without a number). */
export async function removeResumeIdentityNumber(
  tx: Executor,
  ctx: RequestContext,
  userId: string,
): Promise<boolean> {
  return repo.updateResumePrivacy(
    tx,
    userId,
    { idNumberEnc: null, idNumberHash: null, idNumberMasked: null },
    ctx.now(),
  );
}

/** Deletes the résumé (account cancellation), withdrawing its consents first. */
export async function deleteResumeOf(tx: Executor, ctx: RequestContext, userId: string): Promise<boolean> {
  await syncConsent(tx, ctx, userId, 'resume_visibility', false, null);
  await syncConsent(tx, ctx, userId, 'key_group_status', false, null);
  return repo.deleteResume(tx, userId);
}

/** The résumé as its owner sees it (masked identity number), for the data export; null when none. */
export async function resumeExportOf(db: Executor, userId: string): Promise<Resume | null> {
  const row = await repo.findResume(db, userId);
  return row ? toResume(row) : null;
}
