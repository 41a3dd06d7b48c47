import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/database.js';
import type { AppDeps, RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { enterprisesRoutes } from './enterprises.routes.js';
import * as repo from './enterprises.repository.js';
import { accessTo } from './enterprises.service.js';
import type { EnterpriseAccess } from './enterprises.policy.js';

export { isStaffInDistrict, isCityWideStaff, isStaff, CITY_DISTRICT_CODES } from './enterprises.policy.js';
export type { EnterpriseAccess } from './enterprises.policy.js';
export { readSingleFile, type Upload } from './upload.js';

/** Enterprises, their verification, business licences and clerks. */
export function enterprisesModule(deps: AppDeps): FastifyPluginAsync {
  return enterprisesRoutes(deps);
}

/** What other modules may know about an enterprise. */
export type EnterpriseSummary = {
  id: string;
  name: string;
  districtCode: string;
  status: 'pending' | 'verified' | 'rejected' | 'suspended';
};

function toSummary(r: repo.EnterpriseSummaryRow): EnterpriseSummary {
  return { ...r, status: r.status as EnterpriseSummary['status'] };
}

/** The enterprise's id, name, district and status, or undefined. */
export async function getEnterpriseSummary(db: Db, id: string): Promise<EnterpriseSummary | undefined> {
  const r = await repo.findEnterpriseSummary(db, id);
  return r ? toSummary(r) : undefined;
}

/** Ids of the enterprises whose active member rows carry this employer's phone (none for other roles). */
export async function memberEnterpriseIds(db: Db, userId: string): Promise<string[]> {
  return repo.memberEnterpriseIds(db, userId);
}

/**
 * The caller's standing towards an enterprise: member role (owner/clerk) and whether they are staff
 * of its district. Undefined when the enterprise does not exist.
 */
export async function enterpriseAccess(
  ctx: RequestContext,
  enterpriseId: string,
): Promise<(EnterpriseAccess & { enterprise: EnterpriseSummary }) | undefined> {
  const r = await repo.findEnterpriseSummary(ctx.db, enterpriseId);
  if (!r) return undefined;
  return { enterprise: toSummary(r), ...(await accessTo(ctx.db, ctx.actor, r)) };
}

/**
 * Throws unless the caller is an active member (owner or clerk) of the enterprise: 404 when they
 * cannot even see it, 403 for staff of its district (they oversee, they do not act for it).
 */
export async function assertCanManageEnterprise(
  ctx: RequestContext,
  enterpriseId: string,
): Promise<EnterpriseSummary & { memberRole: 'owner' | 'clerk' }> {
  const a = await enterpriseAccess(ctx, enterpriseId);
  if (!a || (a.memberRole === null && !a.staffInDistrict)) throw new AppError('not_found');
  if (a.memberRole === null) throw new AppError('forbidden');
  return { ...a.enterprise, memberRole: a.memberRole };
}
