import { createHash } from 'node:crypto';
import {
  checkCreditCode,
  maskPhone,
  type Enterprise,
  type EnterpriseMember,
  type ListEnterprisesQuery,
} from '@jiuye/shared';
import type { Db } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import * as repo from './enterprises.repository.js';
import {
  isEmployer,
  isStaff,
  isStaffInDistrict,
  seesEverything,
  type EnterpriseAccess,
  type UserActor,
} from './enterprises.policy.js';
import { EXTENSION_OF, sniffLicenceType, type LicenceMediaType, type Upload } from './upload.js';

const ENTITY = 'enterprise';

function requireUser(ctx: RequestContext): UserActor {
  // API tokens are for machine feeds: no enterprise casework.
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.actor;
}

/** Licences and member lists concern employers and staff only; other roles are refused outright. */
function requireEmployerOrStaff(ctx: RequestContext): UserActor {
  const actor = requireUser(ctx);
  if (actor.role !== 'employer' && actor.role !== 'staff') throw new AppError('forbidden');
  return actor;
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

export function toEnterprise(
  r: repo.EnterpriseRow,
  view: { myRole: 'owner' | 'clerk' | null; unmasked: boolean },
): Enterprise {
  return {
    id: r.id,
    name: r.name,
    creditCode: r.creditCode,
    creditCodeChecksumValid: r.creditCodeChecksumValid,
    industryCode: r.industryCode,
    districtCode: r.districtCode,
    size: r.size as Enterprise['size'],
    address: r.address,
    contactName: r.contactName,
    contactPhone: view.unmasked ? r.contactPhone : maskPhone(r.contactPhone),
    status: r.status as Enterprise['status'],
    statusReason: r.statusReason,
    hasLicence: r.licenceFileId !== null,
    verifiedAt: iso(r.verifiedAt),
    createdAt: r.createdAt.toISOString(),
    myRole: view.myRole,
  };
}

/** The caller's standing towards one enterprise (see enterprises.policy.ts). */
export async function accessTo(
  db: Db,
  actor: Actor,
  e: { id: string; districtCode: string },
): Promise<EnterpriseAccess> {
  const memberRole = isEmployer(actor) ? ((await repo.memberRole(db, e.id, actor.userId)) ?? null) : null;
  return { memberRole, staffInDistrict: isStaffInDistrict(actor, e.districtCode) };
}

/** Loads an enterprise the caller may see in full (member or staff of its district), else 404. */
async function loadVisible(ctx: RequestContext, id: string) {
  const row = await repo.findEnterprise(ctx.db, id);
  if (!row) throw new AppError('not_found');
  const access = await accessTo(ctx.db, ctx.actor, row);
  if (!seesEverything(access)) throw new AppError('not_found');
  return { row, access };
}

/** Loads an enterprise the caller is a member of; staff who can see it get 403, others 404. */
async function loadManaged(ctx: RequestContext, id: string, ownerOnly = false) {
  const { row, access } = await loadVisible(ctx, id);
  if (access.memberRole === null || (ownerOnly && access.memberRole !== 'owner')) {
    throw new AppError('forbidden', {
      detail: ownerOnly
        ? { 'zh-CN': '只有企业负责人可以管理经办人', 'en-US': 'Only the owner can manage clerks' }
        : { 'zh-CN': '只有本企业的经办人可以修改', 'en-US': 'Only the enterprise’s clerks can change it' },
    });
  }
  return { row, access };
}

async function auditStaffRead(ctx: RequestContext, enterpriseId: string, what: string): Promise<void> {
  await writeAudit(ctx.db, ctx, {
    action: `enterprise.${what}_read`,
    entityType: ENTITY,
    entityId: enterpriseId,
  });
}

// ——— Use cases ———

export async function createEnterprise(
  ctx: RequestContext,
  body: {
    name: string;
    creditCode: string;
    industryCode: string;
    districtCode: string;
    size: string;
    address: string;
    contactName: string;
    contactPhone: string;
  },
): Promise<Enterprise> {
  const actor = requireUser(ctx);
  const phone = await repo.employerPhone(ctx.db, actor.userId);
  if (!phone) throw new AppError('forbidden');
  // GB 32100: a failed check character is a warning for staff (some early codes fail), not a refusal.
  const checksumValid = checkCharOk(body.creditCode);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await repo.insertEnterprise(tx, {
      ...body,
      creditCodeChecksumValid: checksumValid,
      ownerUserId: actor.userId,
    });
    if (!row) {
      throw new AppError('already_exists', { fields: [{ path: 'creditCode', code: 'credit_code_taken' }] });
    }
    await repo.insertMember(tx, { enterpriseId: row.id, phone, role: 'owner', invitedBy: actor.userId });
    await writeAudit(tx, ctx, {
      action: 'enterprise.create',
      entityType: ENTITY,
      entityId: row.id,
      summary: { districtCode: row.districtCode, creditCodeChecksumValid: checksumValid },
    });
    return toEnterprise(row, { myRole: 'owner', unmasked: true });
  });
}

function checkCharOk(code: string): boolean {
  const r = checkCreditCode(code);
  return r.ok && r.checksumValid;
}

/**
 * Members and staff of the district see everything (staff reading the contact phone is audited:
 * personal data); any signed-in user sees a verified enterprise with the phone masked; else 404.
 */
export async function getEnterprise(ctx: RequestContext, id: string): Promise<Enterprise> {
  requireUser(ctx);
  const row = await repo.findEnterprise(ctx.db, id);
  if (!row) throw new AppError('not_found');
  const access = await accessTo(ctx.db, ctx.actor, row);
  if (access.memberRole !== null) return toEnterprise(row, { myRole: access.memberRole, unmasked: true });
  if (access.staffInDistrict) {
    await auditStaffRead(ctx, row.id, 'contact');
    return toEnterprise(row, { myRole: null, unmasked: true });
  }
  if (row.status === 'verified') return toEnterprise(row, { myRole: null, unmasked: false });
  throw new AppError('not_found');
}

export async function listEnterprises(
  ctx: RequestContext,
  q: ListEnterprisesQuery,
): Promise<Page<Enterprise>> {
  const actor = requireUser(ctx);
  const { limit, offset } = offsetOf(q);
  const base = { status: q.status, q: q.q, limit, offset };
  if (isEmployer(actor)) {
    const phone = await repo.employerPhone(ctx.db, actor.userId);
    if (!phone) return pageResult([], 0, q);
    const { rows, total } = await repo.listEnterprises(ctx.db, {
      ...base,
      memberPhone: phone,
      districtCodes: q.districtCode ? [q.districtCode] : undefined,
      oldestFirst: false,
    });
    return pageResult(
      rows.map((r) => toEnterprise(r, { myRole: r.myRole === 'owner' ? 'owner' : 'clerk', unmasked: true })),
      total,
      q,
    );
  }
  if (!isStaff(actor)) throw new AppError('forbidden');
  // Staff are members of no enterprise; an officer without districts oversees none.
  if (q.mine === true || actor.districtCodes.length === 0) return pageResult([], 0, q);
  if (q.districtCode && !actor.districtCodes.includes(q.districtCode)) {
    throw new AppError('forbidden', { fields: [{ path: 'districtCode', code: 'outside_district' }] });
  }
  const { rows, total } = await repo.listEnterprises(ctx.db, {
    ...base,
    districtCodes: q.districtCode ? [q.districtCode] : actor.districtCodes,
    // The verification queue is worked oldest first; other lists show the newest first.
    oldestFirst: q.status === 'pending',
  });
  // Lists mask the contact phone: an officer opens the enterprise to see it (an audited read).
  return pageResult(
    rows.map((r) => toEnterprise(r, { myRole: null, unmasked: false })),
    total,
    q,
  );
}

/** Changing the name or district of a verified enterprise needs a new verification. */
const REVERIFY_FIELDS = ['name', 'districtCode'] as const;

export async function updateEnterprise(
  ctx: RequestContext,
  id: string,
  body: Partial<{
    name: string;
    industryCode: string;
    districtCode: string;
    size: string;
    address: string;
    contactName: string;
    contactPhone: string;
  }>,
): Promise<Enterprise> {
  const { row, access } = await loadManaged(ctx, id);
  const changed = (Object.keys(body) as (keyof typeof body)[]).filter(
    (k) => body[k] !== undefined && body[k] !== row[k],
  );
  const view = { myRole: access.memberRole, unmasked: true };
  if (changed.length === 0) return toEnterprise(row, view);
  const patch: repo.EnterprisePatch = {};
  for (const k of changed) patch[k] = body[k];
  let statusChange: string | null = null;
  if (row.status === 'verified' && changed.some((k) => (REVERIFY_FIELDS as readonly string[]).includes(k))) {
    statusChange = 'pending';
  } else if (row.status === 'rejected') {
    // A rejected enterprise that corrects its details is resubmitted for verification.
    statusChange = 'pending';
  }
  if (statusChange) Object.assign(patch, { status: statusChange, verifiedAt: null, verifiedBy: null });
  return ctx.db.transaction().execute(async (tx) => {
    const updated = await repo.updateEnterprise(tx, id, patch);
    if (!updated) throw new AppError('not_found');
    await writeAudit(tx, ctx, {
      action: 'enterprise.update',
      entityType: ENTITY,
      entityId: id,
      summary: {
        fields: changed,
        ...(statusChange ? { fromStatus: row.status, toStatus: statusChange } : {}),
      },
    });
    return toEnterprise(updated, view);
  });
}

export async function verifyEnterprise(
  ctx: RequestContext,
  id: string,
  body: { decision: 'verify' | 'reject'; reason?: string | undefined; confirmChecksum?: boolean | undefined },
): Promise<Enterprise> {
  const actor = requireUser(ctx);
  const row = await repo.findEnterprise(ctx.db, id);
  if (!row || !isStaffInDistrict(actor, row.districtCode)) throw new AppError('not_found');
  if (row.status !== 'pending') throw invalidTransition(row.status);
  if (body.decision === 'reject' && !body.reason) throw fieldError('reason', 'required');
  if (body.decision === 'verify' && !row.creditCodeChecksumValid && body.confirmChecksum !== true) {
    throw fieldError('confirmChecksum', 'checksum_confirmation_required');
  }
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const updated = await repo.decideVerification(tx, id, 'pending', {
      status: body.decision === 'verify' ? 'verified' : 'rejected',
      reason: body.reason ?? null,
      by: actor.userId,
      at: body.decision === 'verify' ? now : null,
    });
    // Another officer decided first.
    if (!updated) throw invalidTransition('decided');
    await writeAudit(tx, ctx, {
      action: body.decision === 'verify' ? 'enterprise.verify' : 'enterprise.reject',
      entityType: ENTITY,
      entityId: id,
      summary: {
        reason: body.reason ?? null,
        ...(row.creditCodeChecksumValid ? {} : { checksumConfirmed: body.confirmChecksum === true }),
      },
    });
    return toEnterprise(updated, { myRole: null, unmasked: true });
  });
}

function invalidTransition(status: string): AppError {
  return new AppError('conflict', {
    fields: [{ path: 'status', code: 'invalid_transition' }],
    detail: {
      'zh-CN': `企业当前状态（${status}）不能进行认证审核，只有待认证的企业可以审核`,
      'en-US': `The enterprise is ${status}: only pending enterprises can be verified or rejected`,
    },
  });
}

export async function uploadLicence(ctx: RequestContext, id: string, upload: Upload): Promise<Enterprise> {
  const actor = requireUser(ctx);
  const { row, access } = await loadManaged(ctx, id);
  const mediaType = sniffLicenceType(upload.buffer);
  if (!mediaType) {
    throw new AppError('unsupported_media_type', { fields: [{ path: 'file', code: 'file_type' }] });
  }
  const sha256 = createHash('sha256').update(upload.buffer).digest('hex');
  return ctx.db.transaction().execute(async (tx) => {
    const fileId = await repo.insertFile(tx, {
      kind: 'business_licence',
      mediaType,
      sizeBytes: upload.buffer.length,
      sha256,
      originalName: upload.filename,
      content: upload.buffer,
      uploadedBy: actor.userId,
    });
    const patch: repo.EnterprisePatch = { licenceFileId: fileId };
    // A rejected enterprise that sends its licence is resubmitted for verification.
    if (row.status === 'rejected') Object.assign(patch, { status: 'pending' });
    const updated = await repo.updateEnterprise(tx, id, patch);
    if (!updated) throw new AppError('not_found');
    await writeAudit(tx, ctx, {
      action: 'enterprise.licence_upload',
      entityType: ENTITY,
      entityId: id,
      summary: {
        fileId,
        mediaType,
        sizeBytes: upload.buffer.length,
        sha256,
        ...(patch.status ? { fromStatus: row.status, toStatus: patch.status } : {}),
      },
    });
    return toEnterprise(updated, { myRole: access.memberRole, unmasked: true });
  });
}

export async function getLicence(
  ctx: RequestContext,
  id: string,
): Promise<{ content: Buffer; mediaType: LicenceMediaType; filename: string }> {
  requireEmployerOrStaff(ctx);
  const { row, access } = await loadVisible(ctx, id);
  if (!row.licenceFileId) throw new AppError('not_found');
  const file = await repo.findFile(ctx.db, row.licenceFileId);
  if (!file) throw new AppError('not_found');
  if (access.memberRole === null) await auditStaffRead(ctx, id, 'licence');
  const mediaType = file.mediaType as LicenceMediaType;
  return {
    content: file.content,
    mediaType,
    filename: `licence-${row.creditCode}.${EXTENSION_OF[mediaType]}`,
  };
}

// ——— Members ———

function toMember(m: repo.MemberRow): EnterpriseMember {
  return {
    phone: m.phone,
    role: m.role === 'owner' ? 'owner' : 'clerk',
    displayName: m.displayName,
    joined: m.displayName !== null,
    createdAt: m.createdAt.toISOString(),
  };
}

export async function listMembers(ctx: RequestContext, id: string): Promise<{ items: EnterpriseMember[] }> {
  requireEmployerOrStaff(ctx);
  const { access } = await loadVisible(ctx, id);
  const rows = await repo.listMembers(ctx.db, id);
  if (access.memberRole === null) await auditStaffRead(ctx, id, 'members');
  return { items: rows.map(toMember) };
}

export async function inviteMember(
  ctx: RequestContext,
  id: string,
  phone: string,
): Promise<EnterpriseMember> {
  const actor = requireUser(ctx);
  await loadManaged(ctx, id, true);
  return ctx.db.transaction().execute(async (tx) => {
    const existing = await repo.findMember(tx, id, phone);
    if (existing && existing.removedAt === null) {
      throw new AppError('already_exists', { fields: [{ path: 'phone', code: 'already_member' }] });
    }
    if (existing) await repo.reactivateMember(tx, id, phone, actor.userId);
    else await repo.insertMember(tx, { enterpriseId: id, phone, role: 'clerk', invitedBy: actor.userId });
    await writeAudit(tx, ctx, {
      action: 'enterprise.member_add',
      entityType: ENTITY,
      entityId: id,
      summary: { phone: maskPhone(phone) },
    });
    const m = await repo.findMember(tx, id, phone);
    if (!m) throw new AppError('not_found');
    return toMember(m);
  });
}

export async function removeMember(ctx: RequestContext, id: string, phone: string): Promise<void> {
  await loadManaged(ctx, id, true);
  await ctx.db.transaction().execute(async (tx) => {
    const existing = await repo.findMember(tx, id, phone);
    if (!existing || existing.removedAt !== null) throw new AppError('not_found');
    if (existing.role === 'owner') {
      throw new AppError('conflict', { fields: [{ path: 'phone', code: 'owner_cannot_be_removed' }] });
    }
    const removed = await repo.removeClerk(tx, id, phone, ctx.now());
    if (!removed) throw new AppError('not_found');
    await writeAudit(tx, ctx, {
      action: 'enterprise.member_remove',
      entityType: ENTITY,
      entityId: id,
      summary: { phone: maskPhone(phone) },
    });
  });
}
