import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn } from '../../../test/factories.js';
import { createEnterprise } from '../../../test/channel-factories.js';
import { multipartFile } from '../enterprises/enterprises.test-support.js';
import { COLUMNS, zipUncompressedSize } from './postings.import.js';
import { addDays, chinaToday } from './postings.workflow.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type ImportProblem = {
  code: string;
  status: number;
  detail: string;
  imported: number;
  errors: { row: number; field: string; path: string; code: string; message: string }[];
};

async function employerWithEnterprise() {
  const emp = await signedIn(t.app, t.db, 'employer');
  const ent = await createEnterprise(t.db, { ownerUserId: emp.user.id, ownerPhone: emp.user.phone });
  return { ...emp, ent };
}

/** A workbook laid out like the template: bilingual headers in row 1, then the given rows. */
async function workbook(rows: Record<string, unknown>[], headers = COLUMNS.map((c) => `${c.zh}\n${c.en}`)) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('岗位 Postings');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(COLUMNS.map((c) => r[c.key] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function row(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '电焊工',
    occupation: '焊工',
    district: '霞山区',
    address: '湛江市霞山区工业大道 88 号',
    headcount: 3,
    salaryMin: 6000,
    salaryMax: 8500.5,
    salaryPeriod: '按月',
    employmentType: '全职',
    educationLevel: '初中',
    experienceYears: 1,
    skills: '二保焊、氩弧焊',
    benefits: '包吃住、五险',
    description: '负责钢结构焊接。',
    expiresOn: new Date(`${addDays(chinaToday(new Date()), 30)}T00:00:00Z`),
    targetRegions: '柳州市、621200',
    ...over,
  };
}

async function upload(
  headers: Record<string, string>,
  enterpriseId: string,
  content: Buffer,
  name = 'jobs.xlsx',
) {
  const mp = multipartFile(name, content, XLSX);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/enterprises/${enterpriseId}/job-postings/import`,
    headers: { ...headers, ...mp.headers },
    payload: mp.payload,
  });
}

async function countPostings(enterpriseId: string): Promise<number> {
  const r = await t.db
    .selectFrom('jobPostings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('enterpriseId', '=', enterpriseId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('Excel import template', () => {
  it('is an .xlsx with bilingual headers, a sample row and drop-down lists', async () => {
    const a = await employerWithEnterprise();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/enterprises/${a.ent.id}/job-postings/import-template`,
      headers: a.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    expect(ws?.getCell('A1').value as string).toBe('岗位名称*\nTitle*');
    expect(ws?.getCell('A2').value as string).toMatch(/^【示例】/);
    const period = ws?.getCell(2, COLUMNS.findIndex((c) => c.key === 'salaryPeriod') + 1).dataValidation;
    expect(period?.type).toBe('list');
    expect(period?.formulae?.[0]).toContain('按月');
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      '岗位 Postings',
      '说明 Instructions',
      '职业 Occupations',
      '地区 Districts',
    ]);

    // The template as downloaded imports nothing (the sample row is skipped)…
    const empty = await upload(a.headers, a.ent.id, res.rawPayload);
    expect(empty.statusCode).toBe(400);
    expect(empty.json<ImportProblem>().errors.map((e) => e.code)).toEqual(['empty_import']);
    // …and with a real row added below the sample, exactly that row.
    ws?.addRow(COLUMNS.map((c) => row()[c.key] ?? null));
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const ok = await upload(a.headers, a.ent.id, filled);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toEqual({ imported: 1, errors: [] });
  });
});

describe('Excel import', () => {
  it('imports every row as a posting pending review, with flags, resolving names to codes', async () => {
    const a = await employerWithEnterprise();
    const file = await workbook([
      row(),
      row({
        title: '包装工',
        occupation: '6-31-01-03',
        district: '440803',
        description: '限女性，18-35周岁',
      }),
      row({
        title: '叉车司机',
        occupation: 'Welder',
        salaryPeriod: 'day',
        salaryMin: 200,
        salaryMax: 260,
        employmentType: 'temporary',
        expiresOn: addDays(chinaToday(new Date()), 10),
      }),
    ]);
    const res = await upload(a.headers, a.ent.id, file);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ imported: 3, errors: [] });
    const rows = await t.db
      .selectFrom('jobPostings')
      .select([
        'title',
        'status',
        'occupationCode',
        'districtCode',
        'salaryMaxFen',
        'salaryPeriod',
        'benefits',
        'targetRegionCodes',
        'flags',
      ])
      .where('enterpriseId', '=', a.ent.id)
      .orderBy('title')
      .execute();
    expect(rows.map((r) => r.status)).toEqual(['pending_review', 'pending_review', 'pending_review']);
    const welder = rows.find((r) => r.title === '电焊工');
    expect(welder).toMatchObject({
      occupationCode: '6-18-02-04',
      districtCode: '440803',
      salaryMaxFen: 850050,
      benefits: ['board', 'lodging', 'social_insurance'],
      targetRegionCodes: ['450200', '621200'],
    });
    const packer = rows.find((r) => r.title === '包装工');
    expect((packer?.flags as { code: string }[]).map((f) => f.code)).toEqual(['gender', 'age']);
    expect(rows.find((r) => r.title === '叉车司机')).toMatchObject({ salaryPeriod: 'day' });
  });

  it('imports nothing when any row fails, and reports every error by row and field', async () => {
    const a = await employerWithEnterprise();
    const before = await countPostings(a.ent.id);
    const file = await workbook([
      row(),
      row({ occupation: '宇航员', salaryMin: 9000, salaryMax: 6000 }),
      row({ district: '不存在区', headcount: '三个', salaryPeriod: '按年' }),
      row({ title: null, expiresOn: '2020-01-01' }),
    ]);
    const res = await upload({ ...a.headers, 'accept-language': 'zh-CN' }, a.ent.id, file);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const p = res.json<ImportProblem>();
    expect(p).toMatchObject({ code: 'import_failed', imported: 0, status: 400 });
    expect(p.detail).toContain('3 行');
    expect(p.errors.map((e) => `${e.row}:${e.field}:${e.code}`)).toEqual([
      '3:occupationCode:unknown_occupation',
      '3:salaryMaxFen:salary_range',
      '4:districtCode:unknown_region',
      '4:headcount:invalid_type',
      '4:salaryPeriod:invalid_value',
      '5:title:required',
      '5:expiresOn:date_in_past',
    ]);
    expect(p.errors[0]?.message).toBe('职业：职业代码不存在');
    expect(await countPostings(a.ent.id)).toBe(before);
  });

  it('refuses a file that is not an .xlsx, a missing column and more than 2,000 rows', async () => {
    const a = await employerWithEnterprise();
    const notXlsx = await upload(
      a.headers,
      a.ent.id,
      Buffer.from('title,occupation\n电焊工,焊工\n'),
      'jobs.xlsx',
    );
    expect(notXlsx.statusCode).toBe(415);
    expect(notXlsx.json<ImportProblem>().errors.map((e) => `${e.path}:${e.code}`)).toEqual([
      'file:xlsx_required',
    ]);

    const fakeZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]);
    expect((await upload(a.headers, a.ent.id, fakeZip)).statusCode).toBe(415);

    const noTitle = await workbook(
      [row()],
      COLUMNS.filter((c) => c.key !== 'title').map((c) => c.zh),
    );
    const missing = await upload(a.headers, a.ent.id, noTitle);
    expect(missing.statusCode).toBe(400);
    expect(missing.json<ImportProblem>().errors.map((e) => `${e.row}:${e.field}:${e.code}`)).toEqual([
      '1:title:missing_column',
    ]);

    const many = await workbook(Array.from({ length: 2001 }, () => row()));
    const tooMany = await upload(a.headers, a.ent.id, many);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json<ImportProblem>().errors.map((e) => e.code)).toEqual(['too_many_rows']);
    expect(await countPostings(a.ent.id)).toBe(0);
  });

  it('imports 2,000 rows in one go', async () => {
    const a = await employerWithEnterprise();
    const file = await workbook(Array.from({ length: 2000 }, (_, i) => row({ title: `电焊工 ${i + 1}` })));
    const res = await upload(a.headers, a.ent.id, file);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
    expect(res.json()).toEqual({ imported: 2000, errors: [] });
    expect(await countPostings(a.ent.id)).toBe(2000);
  });

  it('is for the enterprise’s own clerks only', async () => {
    const a = await employerWithEnterprise();
    const b = await employerWithEnterprise();
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
    const file = await workbook([row()]);
    expect((await upload(b.headers, a.ent.id, file)).statusCode).toBe(404);
    expect((await upload(staff.headers, a.ent.id, file)).statusCode).toBe(403);
  });

  it('reads the zip directory before inflating anything', () => {
    expect(zipUncompressedSize(Buffer.from('not a zip'))).toBeNull();
  });
});
