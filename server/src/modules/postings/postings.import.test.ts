import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn } from '../../../test/factories.js';
import { createEnterprise } from '../../../test/channel-factories.js';
import { multipartFile } from '../enterprises/enterprises.test-support.js';
import { CreatePostingBodySchema } from '@jiuye/shared';
import { postingSearchText } from '../search/search.index.js';
import { queryGroups, toTsQuery } from '../search/search.text.js';
import { detectFlags } from './postings.discrimination.js';
import {
  COLUMNS,
  fastBodyCheck,
  importIndexer,
  postingVectorLiteral,
  zipUncompressedSize,
} from './postings.import.js';
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

describe('Excel import at scale', () => {
  it(
    'stores every row of a large workbook with the search columns and flags createPosting gives',
    { timeout: 120_000 },
    async () => {
      const a = await employerWithEnterprise();
      // Repeated and distinct texts, as real imports have; a few rows the checker must flag.
      const titles = ['电焊工', '叉车司机', '包装工', 'Forklift driver', '普工（长白班）'];
      const duties = ['负责钢结构焊接。', '负责仓库货物装卸。', '限女性，18-35周岁。', '包吃住，五险一金。'];
      const rows = Array.from({ length: 2000 }, (_, i) =>
        row({
          title: `${titles[i % titles.length]} ${i + 1}`,
          occupation: i % 3 === 0 ? '焊工' : '6-31-01-03',
          description: `${duties[i % duties.length]}${duties[(i >> 2) % duties.length]}${i % 7 === 0 ? `第${i}批。` : ''}`,
          skills: i % 2 === 0 ? '二保焊、氩弧焊' : '叉车证',
        }),
      );
      const res = await upload(a.headers, a.ent.id, await workbook(rows));
      expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
      expect(res.json()).toEqual({ imported: 2000, errors: [] });

      const stored = await t.db
        .selectFrom('jobPostings as p')
        .innerJoin('occupations as o', 'o.code', 'p.occupationCode')
        .innerJoin('enterprises as e', 'e.id', 'p.enterpriseId')
        .select([
          'p.title',
          'p.description',
          'p.skills',
          'p.flags',
          'p.searchText',
          'p.status',
          'o.nameZh',
          'o.nameEn',
          'o.keywords',
          'e.name as enterpriseName',
          sql<string>`p.search_vector::text`.as('vector'),
        ])
        .where('p.enterpriseId', '=', a.ent.id)
        .execute();
      expect(stored).toHaveLength(2000);
      expect(new Set(stored.map((s) => s.title)).size).toBe(2000);
      const byTitle = new Map(stored.map((s) => [s.title, s]));
      const literals: string[] = [];
      for (const [i, r] of rows.entries()) {
        const s = byTitle.get(r.title as string);
        expect(s, `row ${i + 2}`).toBeDefined();
        if (!s) continue;
        expect(s.status).toBe('pending_review');
        expect(s.description).toBe(r.description);
        const input = {
          title: s.title,
          occupationNames: [s.nameZh, s.nameEn],
          occupationKeywords: s.keywords,
          skills: s.skills,
          enterpriseName: s.enterpriseName,
          description: s.description,
        };
        // Each row as createPosting would have indexed and screened it on its own.
        literals.push(postingVectorLiteral(input));
        expect(s.searchText).toBe(postingSearchText(input));
        expect(s.flags).toEqual(
          detectFlags({ title: s.title, description: s.description, skills: s.skills }),
        );
      }
      const { rows: expected } = await sql<{ v: string }>`
      SELECT l::tsvector::text AS v FROM unnest(${literals}::text[]) WITH ORDINALITY AS x(l, n) ORDER BY n`.execute(
        t.db,
      );
      expect(stored.length).toBe(expected.length);
      for (const [i, r] of rows.entries()) {
        expect(byTitle.get(r.title as string)?.vector, `row ${i + 2}`).toBe(expected[i]?.v);
      }
      const flagged = rows.filter((r) => (r.description as string).includes('限女性')).length;
      expect(flagged).toBeGreaterThan(0);
      expect(stored.filter((s) => (s.flags as unknown[]).length > 0)).toHaveLength(flagged);

      // Every row is found by its title, as the public search queries it once it is published.
      const rowTitles = rows.map((r) => r.title as string);
      const queries = rowTitles.map((x) => toTsQuery(queryGroups(x)) ?? '');
      const { rows: found } = await sql<{ n: string }>`SELECT count(*) AS n FROM job_postings p
      JOIN unnest(${rowTitles}::text[], ${queries}::text[]) AS q(title, query) ON q.title = p.title
      WHERE p.enterprise_id = ${a.ent.id} AND p.search_vector @@ q.query::tsquery`.execute(t.db);
      expect(Number(found[0]?.n)).toBe(2000);
    },
  );

  it('checks a row field by field exactly as the whole schema does', () => {
    const fast = fastBodyCheck();
    const value = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.integer({ min: -5, max: 12_000 }),
      fc.double({ min: -1, max: 200_000_000, noNaN: false }),
      fc.constantFrom(
        '',
        ' ',
        '电焊工',
        '  电焊工  ',
        'x',
        '2026-02-30',
        'month',
        'full_time',
        '440803',
        '6-18-02-04',
      ),
      fc.string({ maxLength: 70 }),
    );
    const list = fc.oneof(
      fc.array(
        fc.constantFrom('board', 'lodging', 'bogus', '二保焊', ' ', '440803', '621200', 'x'.repeat(31)),
        {
          maxLength: 22,
        },
      ),
      value,
    );
    const today = chinaToday(new Date());
    const candidate = fc.record({
      enterpriseId: fc.constantFrom('0b6f7a3e-4c1d-4f7a-9a51-3c2d1e0f9a8b', 'not-a-uuid'),
      submit: fc.constantFrom(true, false, undefined, 'yes'),
      title: value,
      occupationCode: fc.constantFrom('6-18-02-04', '9-99-99-99', 'abc', undefined),
      districtCode: fc.constantFrom('440803', '999999', '4408', undefined),
      address: value,
      headcount: value,
      salaryMinFen: value,
      salaryMaxFen: value,
      salaryPeriod: fc.constantFrom('month', 'day', 'hour', 'year', undefined, 3),
      employmentType: fc.constantFrom('full_time', 'temporary', 'gig', undefined),
      educationLevel: fc.constantFrom('junior_high', null, 'phd', undefined),
      experienceYears: value,
      skills: list,
      benefits: list,
      description: value,
      expiresOn: fc.constantFrom(addDays(today, 30), '2026-02-30', '2026/03/01', undefined, 46000),
      targetRegionCodes: list,
    });
    fc.assert(
      fc.property(candidate, (c) => {
        const quick = fast(c);
        const whole = CreatePostingBodySchema.safeParse(c);
        // Never more lenient; and whatever it accepts, it answers exactly as the schema.
        if (quick) expect(whole.success ? whole.data : whole.error.issues).toEqual(quick);
        // A valid row is (almost always) taken the quick way: the whole parse is only for errors.
        if (whole.success) expect(quick).toEqual(whole.data);
      }),
      { numRuns: 3000 },
    );
  });

  it('indexes and screens like createPosting, each text once', () => {
    const occupations = new Map([
      ['6-18-02-04', { nameZh: '焊工', nameEn: 'Welder', keywords: ['电焊工', '焊接'] }],
    ]);
    const index = importIndexer('湛江市霞山区某某有限公司', occupations);
    const text = fc.constantFrom(
      '',
      '电焊工',
      '限男性，35岁以下',
      '负责焊接。包吃住',
      'Forklift driver, males only',
      '二保焊',
    );
    fc.assert(
      fc.property(
        fc.record({
          title: text,
          occupationCode: fc.constantFrom('6-18-02-04', '1-01-01-01'),
          skills: fc.array(
            text.filter((s) => s !== ''),
            { maxLength: 3 },
          ),
          description: text,
        }),
        (p) => {
          const occ = occupations.get(p.occupationCode);
          const input = {
            title: p.title,
            occupationNames: occ ? [occ.nameZh, occ.nameEn] : [],
            occupationKeywords: occ?.keywords ?? [],
            skills: p.skills,
            enterpriseName: '湛江市霞山区某某有限公司',
            description: p.description,
          };
          expect(index(p)).toEqual({
            searchVector: postingVectorLiteral(input),
            searchText: postingSearchText(input),
            flags: detectFlags(p),
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
