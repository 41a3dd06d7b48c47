import {
  NOTICE_VERSION,
  maskPhone,
  type CreateGraduateBody,
  type Graduate,
  type ListGraduatesQuery,
} from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, fieldError, type FieldIssue } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import { openCaseIdsOf } from '../cases/index.js';
import { chinaDate, keyGroupTagsOf, reclassify } from '../key-groups/index.js';
import { registrationStatusOf } from '../registrations/index.js';
import { findOrCreatePerson, personForUser } from './index.js';
import { isRegistryStaff, staffCovers } from './persons.policy.js';
import * as repo from './persons.repository.js';
import { recordPersonEvent, setPersonIdentity } from './persons.service.js';

/** The consent a graduate gives to be registered and contacted (PIPL art. 13). */
export const GRADUATE_CONSENT = 'graduate_registry';

type Registrar = 'college' | 'self' | 'staff';

function registrarOf(ctx: RequestContext): Registrar {
  const a = ctx.actor;
  if (a.kind !== 'user') throw new AppError('forbidden');
  if (a.role === 'college') return 'college';
  if (a.role === 'seeker' && a.permissions.has('registration:self')) return 'self';
  if (isRegistryStaff(a) && a.permissions.has('person:manage')) return 'staff';
  throw new AppError('forbidden');
}

/** Routes shared by colleges, graduates and staff: anyone else stops here (403). */
export function mayUseGraduates(ctx: RequestContext): boolean {
  try {
    registrarOf(ctx);
    return true;
  } catch {
    return false;
  }
}

async function toGraduates(db: Executor, rows: repo.GraduateRow[], now: Date): Promise<Graduate[]> {
  const ids = rows.map((r) => r.personId);
  const [persons, status, tags, cases] = await Promise.all([
    repo.findDetails(db, ids),
    registrationStatusOf(db, ids),
    keyGroupTagsOf(db, ids, chinaDate(now)),
    openCaseIdsOf(db, ids),
  ]);
  const byId = new Map(persons.map((p) => [p.id, p]));
  return rows.flatMap((g) => {
    const p = byId.get(g.personId);
    if (!p) return [];
    return [
      {
        id: g.id,
        personId: g.personId,
        fullName: p.fullName,
        phoneMasked: maskPhone(p.phone),
        idNumberMasked: p.idNumberMasked,
        school: g.school,
        major: g.major,
        educationLevel: g.educationLevel,
        graduationDate: g.graduationDate,
        residenceDistrictCode: g.residenceDistrictCode,
        source: g.source as Graduate['source'],
        registeredBy: g.registeredBy,
        consentAt: g.consentAt.toISOString(),
        employmentStatus: status.get(g.personId)?.employmentStatus ?? 'unregistered',
        keyGroups: tags.get(g.personId) ?? [],
        caseId: cases.get(g.personId) ?? null,
        createdAt: g.createdAt.toISOString(),
      },
    ];
  });
}

/**
 * Registers a graduate: a college (with the graduate's consent, recorded as given), the graduate
 * themself, or staff of the residence district. The person's school facts are updated and they are
 * reclassified: a graduate within 2 years of leaving school and not employed gets a case.
 */
export async function registerGraduate(ctx: RequestContext, body: CreateGraduateBody): Promise<Graduate> {
  const who = registrarOf(ctx);
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  const actor = ctx.actor;
  const now = ctx.now();
  const today = chinaDate(now);
  if (body.graduationDate > today) throw fieldError('graduationDate', 'date_in_future');
  if (who !== 'self') {
    const missing: FieldIssue[] = (['fullName', 'idNumber', 'phone'] as const)
      .filter((k) => !body[k])
      .map((path) => ({ path, code: 'required' }));
    if (missing.length > 0) throw new AppError('validation_failed', { fields: missing });
  }
  if (who === 'staff' && !staffCovers(actor, body.residenceDistrictCode))
    throw fieldError('residenceDistrictCode', 'outside_district');
  const id = await ctx.db.transaction().execute(async (tx) => {
    let personId: string;
    let consentId: string | null = null;
    if (who === 'self') {
      const me = await personForUser(tx, ctx.deps.keys, actor.userId);
      personId = me.id;
      await repo.lockPerson(tx, personId);
      if (body.idNumber) {
        const r = await setPersonIdentity(tx, ctx.deps.keys, personId, body.idNumber);
        if (r === 'taken' || r === 'different') throw fieldError('idNumber', 'id_number_taken');
      }
      consentId = await repo.insertConsent(tx, {
        userId: actor.userId,
        kind: GRADUATE_CONSENT,
        noticeVersion: NOTICE_VERSION,
        context: { school: body.school },
        at: now,
      });
    } else {
      const p = await findOrCreatePerson(
        tx,
        ctx.deps.keys,
        { fullName: body.fullName ?? '', phone: body.phone ?? '', idNumber: body.idNumber },
        actor.userId,
      );
      personId = p.id;
      await repo.lockPerson(tx, personId);
    }
    await repo.upsertProfile(
      tx,
      personId,
      {
        educationLevel: body.educationLevel,
        school: body.school,
        major: body.major,
        graduationDate: body.graduationDate,
        residenceDistrictCode: body.residenceDistrictCode,
      },
      actor.userId,
      now,
    );
    const graduateId = await repo.upsertGraduate(tx, {
      personId,
      school: body.school,
      major: body.major,
      educationLevel: body.educationLevel,
      graduationDate: body.graduationDate,
      residenceDistrictCode: body.residenceDistrictCode,
      source: who,
      registeredBy: actor.userId,
      consentId,
      consentAt: now,
      at: now,
    });
    await recordPersonEvent(tx, {
      personId,
      kind: 'graduate_registered',
      at: now,
      actorUserId: actor.userId,
      detail: { graduateId, source: who, graduationDate: body.graduationDate },
    });
    await writeAudit(tx, ctx, {
      action: 'graduate.register',
      entityType: 'graduate',
      entityId: graduateId,
      summary: { personId, source: who, consent: true, consentId },
    });
    await reclassify(tx, personId, now, { ctx, caseReason: 'graduate' });
    return graduateId;
  });
  const row = await repo.findGraduate(ctx.db, id);
  if (!row) throw new AppError('not_found');
  const [g] = await toGraduates(ctx.db, [row], now);
  if (!g) throw new AppError('not_found');
  return g;
}

/** Colleges see the graduates they registered, graduates themselves, staff those of their districts. */
export async function listGraduates(ctx: RequestContext, q: ListGraduatesQuery): Promise<Page<Graduate>> {
  const who = registrarOf(ctx);
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  const actor = ctx.actor;
  const f: Parameters<typeof repo.listGraduates>[1] = {
    districtCodes: null,
    school: q.school,
    graduationYear: q.graduationYear,
    districtCode: q.districtCode,
    employmentStatus: q.employmentStatus,
    ...offsetOf(q),
  };
  if (who === 'college') f.registeredBy = actor.userId;
  else if (who === 'self') {
    const me = await repo.findByUserId(ctx.db, actor.userId);
    if (!me) return pageResult([], 0, q);
    f.personId = me.id;
  } else {
    if (q.districtCode && !actor.districtCodes.includes(q.districtCode))
      throw fieldError('districtCode', 'outside_district');
    f.districtCodes = actor.districtCodes;
  }
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { rows, total } = await repo.listGraduates(tx, f);
    const items = await toGraduates(tx, rows, now);
    if (who === 'staff' && rows.length > 0)
      await writeAudit(tx, ctx, {
        action: 'graduate.list_read',
        entityType: 'graduate',
        summary: { graduates: rows.map((r) => r.id), page: q.page },
      });
    return pageResult(items, total, q);
  });
}
