import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

/** Every column of a résumé row this module reads back (the encrypted number never leaves it). */
const RESUME_COLUMNS = [
  'userId',
  'fullName',
  'idNumberEnc',
  'idNumberHash',
  'idNumberMasked',
  'birthDate',
  'gender',
  'householdRegionCode',
  'educationLevel',
  'skills',
  'experiences',
  'certificates',
  'desiredOccupationCodes',
  'desiredDistrictCodes',
  'expectedSalaryMinFen',
  'availableFrom',
  'willingToRelocate',
  'currentRegionCode',
  'experienceYears',
  'keyGroups',
  'keyGroupConsentId',
  'visibleToEmployers',
  'visibilityConsentId',
  'updatedAt',
] as const;

export async function findResume(db: Executor, userId: string) {
  return db.selectFrom('resumes').select(RESUME_COLUMNS).where('userId', '=', userId).executeTakeFirst();
}
export type ResumeRow = NonNullable<Awaited<ReturnType<typeof findResume>>>;

/** The user holding an identity number (by its HMAC), if any. */
export async function findUserByIdNumberHash(db: Executor, hash: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('resumes')
    .select('userId')
    .where('idNumberHash', '=', hash)
    .executeTakeFirst();
  return r?.userId;
}

export type ResumeWrite = {
  userId: string;
  fullName: string;
  idNumberEnc: string | null;
  idNumberHash: string | null;
  idNumberMasked: string | null;
  birthDate: string | null;
  gender: string | null;
  householdRegionCode: string | null;
  educationLevel: string;
  skills: string[];
  experiences: unknown[];
  certificates: unknown[];
  desiredOccupationCodes: string[];
  desiredDistrictCodes: string[];
  expectedSalaryMinFen: number | null;
  availableFrom: string | null;
  willingToRelocate: boolean;
  currentRegionCode: string | null;
  experienceYears: number;
  keyGroups: string[];
  keyGroupConsentId: string | null;
  visibleToEmployers: boolean;
  visibilityConsentId: string | null;
  searchVector: unknown;
};

/** Creates or replaces the résumé; answers whether it was created. */
export async function upsertResume(tx: Executor, r: ResumeWrite, now: Date): Promise<{ created: boolean }> {
  const values = {
    ...r,
    experiences: JSON.stringify(r.experiences),
    certificates: JSON.stringify(r.certificates),
    updatedAt: now,
  };
  const { userId: _userId, ...update } = values;
  const row = await tx
    .insertInto('resumes')
    .values({ ...values, createdAt: now })
    .onConflict((oc) => oc.column('userId').doUpdateSet(update))
    // xmax = 0 only for a freshly inserted row.
    .returning(sql<boolean>`(xmax = 0)`.as('created'))
    .executeTakeFirstOrThrow();
  return { created: row.created };
}

/** Chinese and English names of occupations, for the résumé's search words. */
export async function occupationNames(db: Executor, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('occupations')
    .select(['nameZh', 'nameEn'])
    .where('code', 'in', codes)
    .execute();
  return rows.flatMap((r) => [r.nameZh, r.nameEn]);
}

// ——— Consents ———

export async function findConsent(db: Executor, id: string) {
  return db
    .selectFrom('consents')
    .select(['id', 'userId', 'kind', 'noticeVersion', 'withdrawnAt'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertConsent(
  tx: Executor,
  c: { userId: string; kind: string; noticeVersion: string; context: Record<string, unknown>; at: Date },
): Promise<string> {
  const row = await tx
    .insertInto('consents')
    .values({
      userId: c.userId,
      kind: c.kind,
      noticeVersion: c.noticeVersion,
      context: JSON.stringify(c.context),
      grantedAt: c.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Marks every active consent of this kind withdrawn; answers their ids. */
export async function withdrawConsents(
  tx: Executor,
  userId: string,
  kind: string,
  at: Date,
): Promise<string[]> {
  const rows = await tx
    .updateTable('consents')
    .set({ withdrawnAt: at })
    .where('userId', '=', userId)
    .where('kind', '=', kind)
    .where('withdrawnAt', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

// ——— Privacy (issue 9): withdrawal and cancellation ———

/** Changes the consent-bound columns of a résumé (privacy withdrawals); false when there is none. */
export async function updateResumePrivacy(
  tx: Executor,
  userId: string,
  patch: {
    visibleToEmployers?: boolean;
    visibilityConsentId?: string | null;
    keyGroups?: string[];
    keyGroupConsentId?: string | null;
    idNumberEnc?: null;
    idNumberHash?: null;
    idNumberMasked?: null;
  },
  now: Date,
): Promise<boolean> {
  const r = await tx
    .updateTable('resumes')
    .set({ ...patch, updatedAt: now })
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteResume(tx: Executor, userId: string): Promise<boolean> {
  const r = await tx.deleteFrom('resumes').where('userId', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
