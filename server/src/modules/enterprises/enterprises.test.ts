import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { createUser, login, signedIn } from '../../../test/factories.js';
import { createEnterprise, uniqueCreditCode } from '../../../test/channel-factories.js';
import { apiEnterprise, enterpriseBody, multipartFile } from './enterprises.test-support.js';
import { assertCanManageEnterprise, memberEnterpriseIds } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

type Problem = { code: string; status: number; errors?: { path: string; code: string; message: string }[] };

function fields(res: { json<T>(): T }): string[] {
  return (res.json<Problem>().errors ?? []).map((e) => `${e.path}:${e.code}`);
}

async function auditCount(action: string, entityId: string): Promise<number> {
  const r = await t.db
    .selectFrom('auditLog')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action)
    .where('entityId', '=', entityId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A code whose check character is wrong: accepted, with a warning for staff. */
function badChecksumCode(): string {
  const good = uniqueCreditCode();
  const wrong = good[17] === '0' ? '1' : '0';
  expect(creditCodeCheckChar(good.slice(0, 17))).not.toBe(wrong);
  return good.slice(0, 17) + wrong;
}

describe('creating an enterprise', () => {
  it('makes the caller its owner, pending verification, and audits it', async () => {
    const emp = await signedIn(t.app, t.db, 'employer');
    const body = enterpriseBody({ creditCode: uniqueCreditCode().toLowerCase() });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: emp.headers,
      payload: body,
    });
    expect(res.statusCode).toBe(201);
    const e = res.json<{
      id: string;
      status: string;
      myRole: string;
      creditCode: string;
      contactPhone: string;
    }>();
    expect(e).toMatchObject({
      status: 'pending',
      myRole: 'owner',
      creditCode: body.creditCode.toUpperCase(),
      creditCodeChecksumValid: true,
      contactPhone: '13900000001',
      hasLicence: false,
    });
    expect(await memberEnterpriseIds(t.db, emp.user.id)).toContain(e.id);
    expect(await auditCount('enterprise.create', e.id)).toBe(1);
  });

  it('accepts a credit code whose check character fails, flagged for staff', async () => {
    const emp = await signedIn(t.app, t.db, 'employer');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: emp.headers,
      payload: enterpriseBody({ creditCode: badChecksumCode() }),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ creditCodeChecksumValid: false, status: 'pending' });
  });

  it('refuses a malformed credit code and a duplicate one, naming creditCode', async () => {
    const emp = await signedIn(t.app, t.db, 'employer');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: { ...emp.headers, 'accept-language': 'en-US' },
      payload: enterpriseBody({ creditCode: '91440800ABCDEFGHIO' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['creditCode:credit_code_format']);

    const { creditCode } = await apiEnterprise(t.app, emp.headers);
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: { ...emp.headers, 'accept-language': 'en-US' },
      payload: enterpriseBody({ creditCode }),
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'already_exists' });
    expect(fields(dup)).toEqual(['creditCode:credit_code_taken']);
    expect(dup.json<Problem>().errors?.[0]?.message).toMatch(/already registered/);
  });
});

describe('reading enterprises', () => {
  it('shows members and district staff everything; others a verified profile, masked, or 404', async () => {
    const owner = await signedIn(t.app, t.db, 'employer');
    const other = await signedIn(t.app, t.db, 'employer');
    const seeker = await signedIn(t.app, t.db, 'seeker');
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
    const farStaff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440802'] });
    const { id } = await apiEnterprise(t.app, owner.headers, { contactPhone: '13912345678' });
    const get = (h: Record<string, string>) =>
      t.app.inject({ method: 'GET', url: `/api/v1/enterprises/${id}`, headers: h });

    expect((await get(other.headers)).statusCode).toBe(404);
    expect((await get(seeker.headers)).statusCode).toBe(404);
    expect((await get(farStaff.headers)).statusCode).toBe(404);
    expect((await get({})).statusCode).toBe(401);

    const asStaff = await get(staff.headers);
    expect(asStaff.statusCode).toBe(200);
    expect(asStaff.json()).toMatchObject({ contactPhone: '13912345678', myRole: null });
    // A staff read of the contact phone is a personal-data read.
    expect(await auditCount('enterprise.contact_read', id)).toBe(1);

    await t.app.inject({
      method: 'POST',
      url: `/api/v1/enterprises/${id}/verify`,
      headers: staff.headers,
      payload: { decision: 'verify' },
    });
    const asOther = await get(other.headers);
    expect(asOther.statusCode).toBe(200);
    expect(asOther.json()).toMatchObject({ contactPhone: '139****5678', status: 'verified', myRole: null });
    expect((await get(owner.headers)).json()).toMatchObject({ contactPhone: '13912345678', myRole: 'owner' });
  });

  it('lists an employer’s own enterprises and a staff member’s districts only', async () => {
    const emp = await signedIn(t.app, t.db, 'employer');
    const a = await apiEnterprise(t.app, emp.headers, { districtCode: '440803' });
    const b = await apiEnterprise(t.app, emp.headers, { districtCode: '440882' });
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/v1/enterprises?mine=true',
      headers: emp.headers,
    });
    expect(mine.statusCode).toBe(200);
    expect(
      mine
        .json<{ items: { id: string }[] }>()
        .items.map((e) => e.id)
        .sort(),
    ).toEqual([a.id, b.id].sort());

    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440882'] });
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/enterprises?status=pending&pageSize=100',
      headers: staff.headers,
    });
    const items = list.json<{ items: { id: string; districtCode: string; contactPhone: string }[] }>().items;
    expect(items.map((e) => e.id)).toContain(b.id);
    expect(items.map((e) => e.id)).not.toContain(a.id);
    expect(items.every((e) => e.districtCode === '440882' && e.contactPhone.includes('****'))).toBe(true);

    const outside = await t.app.inject({
      method: 'GET',
      url: '/api/v1/enterprises?districtCode=440803',
      headers: staff.headers,
    });
    expect(outside.statusCode).toBe(403);
    expect(fields(outside)).toEqual(['districtCode:outside_district']);
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/v1/enterprises?districtCode=999999',
      headers: staff.headers,
    });
    expect(unknown.statusCode).toBe(400);
    const seeker = await signedIn(t.app, t.db, 'seeker');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/enterprises', headers: seeker.headers })).statusCode,
    ).toBe(403);
  });
});

describe('verification', () => {
  it('needs staff of the district, a reason to reject, and confirmation of a failed check character', async () => {
    const emp = await signedIn(t.app, t.db, 'employer');
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
    const farStaff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440804'] });
    const { id } = await apiEnterprise(t.app, emp.headers, { creditCode: badChecksumCode() });
    const verify = (h: Record<string, string>, payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/v1/enterprises/${id}/verify`, headers: h, payload });

    expect((await verify(farStaff.headers, { decision: 'verify', confirmChecksum: true })).statusCode).toBe(
      404,
    );
    expect((await verify(emp.headers, { decision: 'verify' })).statusCode).toBe(403);

    const noReason = await verify(staff.headers, { decision: 'reject' });
    expect(noReason.statusCode).toBe(400);
    expect(fields(noReason)).toEqual(['reason:required']);

    const unconfirmed = await verify(staff.headers, { decision: 'verify' });
    expect(unconfirmed.statusCode).toBe(400);
    expect(fields(unconfirmed)).toEqual(['confirmChecksum:checksum_confirmation_required']);

    const ok = await verify(staff.headers, { decision: 'verify', confirmChecksum: true });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'verified' });
    expect(ok.json<{ verifiedAt: string | null }>().verifiedAt).not.toBeNull();
    expect(await auditCount('enterprise.verify', id)).toBe(1);

    const again = await verify(staff.headers, { decision: 'reject', reason: '重复' });
    expect(again.statusCode).toBe(409);
    expect(fields(again)).toEqual(['status:invalid_transition']);
  });

  it('rejects with a reason; correcting the details resubmits', async () => {
    const emp = await signedIn(t.app, t.db, 'employer');
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
    const { id } = await apiEnterprise(t.app, emp.headers);
    const rej = await t.app.inject({
      method: 'POST',
      url: `/api/v1/enterprises/${id}/verify`,
      headers: staff.headers,
      payload: { decision: 'reject', reason: '企业名称与营业执照不一致' },
    });
    expect(rej.json()).toMatchObject({ status: 'rejected', statusReason: '企业名称与营业执照不一致' });
    const fix = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/enterprises/${id}`,
      headers: emp.headers,
      payload: { name: '湛江港湾水产食品股份有限公司' },
    });
    expect(fix.statusCode).toBe(200);
    expect(fix.json()).toMatchObject({ status: 'pending', name: '湛江港湾水产食品股份有限公司' });
  });

  it('sends a verified enterprise back to verification when its name or district changes', async () => {
    const emp = await signedIn(t.app, t.db, 'employer');
    const ent = await createEnterprise(t.db, { ownerUserId: emp.user.id, ownerPhone: emp.user.phone });
    const minor = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/enterprises/${ent.id}`,
      headers: emp.headers,
      payload: { address: '湛江市霞山区新址 2 号', size: 'medium' },
    });
    expect(minor.json()).toMatchObject({ status: 'verified', size: 'medium' });
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/enterprises/${ent.id}`,
      headers: emp.headers,
      payload: { name: '另一家公司' },
    });
    expect(renamed.json()).toMatchObject({ status: 'pending', verifiedAt: null });
  });
});

describe('clerks', () => {
  it('lets the owner invite and remove clerks by phone; clerks act for the enterprise', async () => {
    const owner = await signedIn(t.app, t.db, 'employer');
    const { id } = await apiEnterprise(t.app, owner.headers);
    const clerkUser = await createUser(t.db, { role: 'employer', displayName: '李经办' });
    const invite = await t.app.inject({
      method: 'POST',
      url: `/api/v1/enterprises/${id}/members`,
      headers: owner.headers,
      payload: { phone: `+86 ${clerkUser.phone.slice(0, 3)}-${clerkUser.phone.slice(3)}` },
    });
    expect(invite.statusCode).toBe(201);
    expect(invite.json()).toMatchObject({
      phone: clerkUser.phone,
      role: 'clerk',
      joined: true,
      displayName: '李经办',
    });
    const dup = await t.app.inject({
      method: 'POST',
      url: `/api/v1/enterprises/${id}/members`,
      headers: owner.headers,
      payload: { phone: clerkUser.phone },
    });
    expect(dup.statusCode).toBe(409);
    expect(fields(dup)).toEqual(['phone:already_member']);

    const clerk = { cookie: await login(t.app, clerkUser.phone) };
    const asClerk = await t.app.inject({ method: 'GET', url: `/api/v1/enterprises/${id}`, headers: clerk });
    expect(asClerk.json()).toMatchObject({ myRole: 'clerk' });
    const clerkEdit = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/enterprises/${id}`,
      headers: clerk,
      payload: { contactName: '李经办' },
    });
    expect(clerkEdit.statusCode).toBe(200);
    // Only the owner manages clerks.
    const clerkInvites = await t.app.inject({
      method: 'POST',
      url: `/api/v1/enterprises/${id}/members`,
      headers: clerk,
      payload: { phone: '13700009999' },
    });
    expect(clerkInvites.statusCode).toBe(403);

    const members = await t.app.inject({
      method: 'GET',
      url: `/api/v1/enterprises/${id}/members`,
      headers: clerk,
    });
    expect(members.json<{ items: { role: string }[] }>().items.map((m) => m.role)).toEqual([
      'owner',
      'clerk',
    ]);

    const removeOwner = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/enterprises/${id}/members/${owner.user.phone}`,
      headers: owner.headers,
    });
    expect(removeOwner.statusCode).toBe(409);
    expect(fields(removeOwner)).toEqual(['phone:owner_cannot_be_removed']);

    const remove = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/enterprises/${id}/members/${clerkUser.phone}`,
      headers: owner.headers,
    });
    expect(remove.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/enterprises/${id}`, headers: clerk })).statusCode,
    ).toBe(404);
    expect(await auditCount('enterprise.member_remove', id)).toBe(1);

    // Re-inviting a removed clerk restores the membership.
    const reinvite = await t.app.inject({
      method: 'POST',
      url: `/api/v1/enterprises/${id}/members`,
      headers: owner.headers,
      payload: { phone: clerkUser.phone },
    });
    expect(reinvite.statusCode).toBe(201);
  });

  it('exports a manage check for other modules: 404 to strangers, 403 to district staff', async () => {
    const owner = await signedIn(t.app, t.db, 'employer');
    const ent = await createEnterprise(t.db, { ownerUserId: owner.user.id, ownerPhone: owner.user.phone });
    const ctx = (actor: Parameters<typeof assertCanManageEnterprise>[0]['actor']) =>
      ({ db: t.db, actor }) as Parameters<typeof assertCanManageEnterprise>[0];
    const staffActor = {
      kind: 'user' as const,
      userId: owner.user.id,
      role: 'staff' as const,
      districtCodes: ['440803'],
      sessionId: 'x',
      mustChangePassword: false,
      permissions: new Set([]),
    };
    await expect(assertCanManageEnterprise(ctx(staffActor), ent.id)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      assertCanManageEnterprise(ctx({ ...staffActor, districtCodes: ['440802'] }), ent.id),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      assertCanManageEnterprise(ctx({ ...staffActor, role: 'employer' as never }), ent.id),
    ).resolves.toMatchObject({ id: ent.id, memberRole: 'owner' });
  });
});

describe('business licence', () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(100, 1),
  ]);

  it('is recognised by content: a PDF named .png is stored as a PDF; members and staff can read it', async () => {
    const owner = await signedIn(t.app, t.db, 'employer');
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
    const other = await signedIn(t.app, t.db, 'employer');
    const { id } = await apiEnterprise(t.app, owner.headers);
    const mp = multipartFile('licence.png', pdf, 'image/png');
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/v1/enterprises/${id}/licence`,
      headers: { ...owner.headers, ...mp.headers },
      payload: mp.payload,
    });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ hasLicence: true });
    const file = await t.db
      .selectFrom('files')
      .innerJoin('enterprises', 'enterprises.licenceFileId', 'files.id')
      .select(['files.mediaType', 'files.sizeBytes', 'files.originalName'])
      .where('enterprises.id', '=', id)
      .executeTakeFirstOrThrow();
    expect(file).toEqual({
      mediaType: 'application/pdf',
      sizeBytes: pdf.length,
      originalName: 'licence.png',
    });

    const got = await t.app.inject({
      method: 'GET',
      url: `/api/v1/enterprises/${id}/licence`,
      headers: staff.headers,
    });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toMatch(/attachment; filename="licence-.*\.pdf"/);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    expect(await auditCount('enterprise.licence_read', id)).toBe(1);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/enterprises/${id}/licence`,
          headers: other.headers,
        })
      ).statusCode,
    ).toBe(404);

    // A replacement PNG.
    const mp2 = multipartFile('scan.pdf', png, 'application/pdf');
    const up2 = await t.app.inject({
      method: 'POST',
      url: `/api/v1/enterprises/${id}/licence`,
      headers: { ...owner.headers, ...mp2.headers },
      payload: mp2.payload,
    });
    expect(up2.statusCode).toBe(200);
    const got2 = await t.app.inject({
      method: 'GET',
      url: `/api/v1/enterprises/${id}/licence`,
      headers: owner.headers,
    });
    expect(got2.headers['content-type']).toBe('image/png');
  });

  it('refuses a text file named .pdf (415 file_type), 6 MB (413 file_too_large) and no file', async () => {
    const owner = await signedIn(t.app, t.db, 'employer');
    const { id } = await apiEnterprise(t.app, owner.headers);
    const send = (mp: { payload: Buffer; headers: Record<string, string> }) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/enterprises/${id}/licence`,
        headers: { ...owner.headers, ...mp.headers, 'accept-language': 'en-US' },
        payload: mp.payload,
      });

    const text = await send(
      multipartFile('licence.pdf', Buffer.from('just some text, not a PDF'), 'application/pdf'),
    );
    expect(text.statusCode).toBe(415);
    expect(fields(text)).toEqual(['file:file_type']);
    expect(text.json<Problem>().errors?.[0]?.message).toBe('Only PDF, JPG or PNG files are accepted');

    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(6 * 1024 * 1024, 0x20)]);
    const tooBig = await send(multipartFile('big.pdf', big, 'application/pdf'));
    expect(tooBig.statusCode).toBe(413);
    expect(fields(tooBig)).toEqual(['file:file_too_large']);

    const json = await t.app.inject({
      method: 'POST',
      url: `/api/v1/enterprises/${id}/licence`,
      headers: owner.headers,
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
    const broken = await t.app.inject({
      method: 'POST',
      url: `/api/v1/enterprises/${id}/licence`,
      headers: { ...owner.headers, 'content-type': 'multipart/form-data; boundary=zzz' },
      payload: '--zzz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-',
    });
    expect(broken.statusCode).toBeGreaterThanOrEqual(400);
    expect(broken.statusCode).toBeLessThan(500);
    const noFile = await t.app.inject({
      method: 'POST',
      url: `/api/v1/enterprises/${id}/licence`,
      headers: { ...owner.headers, 'content-type': 'multipart/form-data; boundary=zzz' },
      payload: '--zzz\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--zzz--\r\n',
    });
    expect(noFile.statusCode).toBe(400);
    expect(fields(noFile)).toEqual(['file:file_required']);
    expect(await auditCount('enterprise.licence_upload', id)).toBe(0);
  });
});
