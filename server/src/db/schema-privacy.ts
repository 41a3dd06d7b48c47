/**
 * Table types of PIPL consents, requests, deletion and retention (issue 9), kept apart from schema.ts so that modules built in parallel do not edit one
 * file. camelCase via CamelCasePlugin.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Versioned privacy notice texts (data, not code): every consent names the version shown. */
export type PrivacyNoticesTable = {
  version: string;
  effectiveFrom: Timestamp;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  createdAt: Generated<Date>;
};

/** The consent ledger: append-only (a trigger refuses UPDATE); current state = latest row by seq. */
export type ConsentRecordsTable = {
  id: Generated<string>;
  seq: ColumnType<string, never, never>;
  subjectUserId: string | null;
  subjectPersonId: string | null;
  purpose: string;
  action: 'grant' | 'withdraw';
  noticeVersion: string;
  channel: 'web' | 'desk_paper' | 'system';
  recordedBy: string | null;
  legacyConsentId: string | null;
  at: Timestamp;
  createdAt: Generated<Date>;
};

/** Subjects kept only for legal retention (after cancellation): not processed otherwise. */
export type RestrictedSubjectsTable = {
  id: Generated<string>;
  userId: string | null;
  personId: string | null;
  reason: 'account_cancelled' | 'erasure_request';
  legalRetention: Generated<string[]>;
  restrictedAt: Timestamp;
};

export type PrivacyTables = {
  privacyNotices: PrivacyNoticesTable;
  consentRecords: ConsentRecordsTable;
  restrictedSubjects: RestrictedSubjectsTable;
};
