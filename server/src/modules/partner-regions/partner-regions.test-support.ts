import type { FastifyInstance } from 'fastify';
import { CITY_DISTRICT_CODES } from '../enterprises/index.js';
import type { Db } from '../../db/database.js';
import { signedIn } from '../../../test/factories.js';

/*
 * Test helpers shared by the partner-regions, job-fairs and agencies tests (imported by *.test.ts
 * only; never by the app).
 */

export type Session = Awaited<ReturnType<typeof signedIn>>;

/**
 * A seeker with a résumé written directly (the résumés module owns the API): household and current
 * region as given, visible to employers (with the consent the résumé check requires) unless told.
 */
export async function seekerFrom(
  app: FastifyInstance,
  db: Db,
  o: { household?: string | null; current?: string | null; visible?: boolean; fullName?: string } = {},
): Promise<Session> {
  const s = await signedIn(app, db, 'seeker');
  const visible = o.visible ?? true;
  const consent = visible
    ? await db
        .insertInto('consents')
        .values({ userId: s.user.id, kind: 'resume_visibility', noticeVersion: 'test' })
        .returning('id')
        .executeTakeFirstOrThrow()
    : null;
  await db
    .insertInto('resumes')
    .values({
      userId: s.user.id,
      fullName: o.fullName ?? '李建国',
      birthDate: '1992-03-04',
      householdRegionCode: o.household === undefined ? '621202' : o.household,
      educationLevel: 'secondary_vocational',
      skills: ['二保焊'],
      desiredOccupationCodes: ['6-18-02-04'],
      desiredDistrictCodes: ['440803'],
      currentRegionCode: o.current === undefined ? null : o.current,
      willingToRelocate: true,
      visibleToEmployers: visible,
      visibilityConsentId: consent?.id ?? null,
    })
    .execute();
  return s;
}

/** A bureau (city-wide) officer: staff covering all nine districts. */
export async function cityWideStaff(app: FastifyInstance, db: Db): Promise<Session> {
  return signedIn(app, db, 'staff', { districtCodes: [...CITY_DISTRICT_CODES] });
}
