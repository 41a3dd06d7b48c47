import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { createEnterprise, createPosting, type TestEnterprise } from '../../../test/channel-factories.js';
import { createUser, signedIn } from '../../../test/factories.js';
import { AppError } from '../../platform/errors.js';
import { evaluateLayoff, seedWarningRules } from '../warnings/index.js';
import { reportFont } from './report-font.js';
import { formatValue, type ReportFormat } from './statistics.report.js';

/**
 * The monthly report as a PDF, read the way a person reads it: every page is rendered to an image
 * (pdf.js on a Skia canvas) and its text layer is compared with figures computed by hand. Fixture:
 * 雷州市 (440882) in July 2018, a month and district no other test writes.
 */
const D = '440882';
const MONTH = '2018-07';
let t: TestApp;
let staffHeaders: Record<string, string>;
let ent: TestEnterprise;

async function person(): Promise<string> {
  const p = await t.db
    .insertInto('persons')
    .values({ fullName: '赵六', phone: '13900000001' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return p.id;
}

async function unemployment(registeredOn: string, endedOn?: string) {
  const personId = await person();
  const certificateNo = `44${String(randomInt(10 ** 13, 10 ** 14 - 1))}`;
  await t.db
    .insertInto('employmentCertificates')
    .values({ personId, certificateNo, districtCode: D, issuedOn: registeredOn })
    .execute();
  await t.db
    .insertInto('registrations')
    .values({
      personId,
      kind: 'unemployment',
      districtCode: D,
      source: 'staff',
      registeredOn,
      certificateNo,
      unemployedSince: registeredOn,
      ...(endedOn ? { endedOn, status: 'deregistered' as const } : {}),
    })
    .execute();
}

async function employment(on: string, source: 'employer' | 'platform_hire') {
  await t.db
    .insertInto('registrations')
    .values({
      personId: await person(),
      kind: 'employment',
      districtCode: D,
      source,
      registeredOn: on,
      enterpriseId: ent.id,
      hiredOn: on,
      jobTitle: '电焊工',
    })
    .execute();
}

async function resume(createdAt: string) {
  const u = await createUser(t.db, { role: 'seeker' });
  await t.db
    .insertInto('resumes')
    .values({ userId: u.id, fullName: '李四', currentRegionCode: D, createdAt: new Date(createdAt) })
    .execute();
}

/** A monitored enterprise's July report, then the layoff rules on it (as the monitoring module does). */
async function monitoredLayoffs(startHeadcount: number, layoffs: number) {
  const owner = await createUser(t.db, { role: 'employer' });
  const e = await createEnterprise(t.db, { ownerUserId: owner.id, ownerPhone: owner.phone, districtCode: D });
  await t.db
    .insertInto('monitoredEnterprises')
    .values({ enterpriseId: e.id, districtCode: D, firstMonth: '2018-01-01' })
    .execute();
  await t.db
    .insertInto('monitoringReports')
    .values({
      enterpriseId: e.id,
      districtCode: D,
      month: `${MONTH}-01`,
      startHeadcount,
      endHeadcount: startHeadcount - layoffs,
      hires: 0,
      sepLayoff: layoffs,
      sepResignation: 0,
      sepContractEnd: 0,
      sepRetirement: 0,
      sepOther: 0,
    })
    .execute();
  await t.db.transaction().execute((tx) =>
    evaluateLayoff(
      tx,
      null,
      {
        enterpriseId: e.id,
        enterpriseName: '测试',
        districtCode: D,
        month: MONTH,
        startHeadcount,
        layoffs,
      },
      new Date(),
    ),
  );
}

beforeAll(async () => {
  t = await testApp();
  await seedWarningRules(t.db);
  const employer = await createUser(t.db, { role: 'employer' });
  ent = await createEnterprise(t.db, {
    ownerUserId: employer.id,
    ownerPhone: employer.phone,
    districtCode: D,
  });
  staffHeaders = (await signedIn(t.app, t.db, 'staff', { districtCodes: [D] })).headers;
  // Vacancies: 6 + 3 places published in July (China time); 10 places on 1 August do not count.
  await createPosting(t.db, ent, { headcount: 6, publishedAt: new Date('2018-07-03T09:00:00+08:00') });
  await createPosting(t.db, ent, { headcount: 3, publishedAt: new Date('2018-07-20T09:00:00+08:00') });
  await createPosting(t.db, ent, { headcount: 10, publishedAt: new Date('2018-08-01T00:30:00+08:00') });
  // Unemployment registrations: two new in July, one from May still open, one from April ended in July.
  await unemployment('2018-07-05');
  await unemployment('2018-07-12');
  await unemployment('2018-05-10');
  await unemployment('2018-04-01', '2018-07-20');
  // Two résumés created in July in the district.
  await resume('2018-07-02T10:00:00+08:00');
  await resume('2018-07-28T10:00:00+08:00');
  // New jobs: two employment registrations by employers; the platform-hire one is not counted again.
  await employment('2018-07-10', 'employer');
  await employment('2018-07-11', 'employer');
  await employment('2018-07-12', 'platform_hire');
  // Monitored layoffs: 25 of 100 (≥ 20 people) and 3 of 20 (15% ≥ 10%): two art. 41 alerts.
  await monitoredLayoffs(100, 25);
  await monitoredLayoffs(20, 3);
});
afterAll(async () => {
  await t.close();
});

type Page = { lines: string[][]; nonWhiteShare: number };

/** Renders every page to a PNG and reads its text layer as lines of cells (top to bottom). */
async function readPdf(bytes: Uint8Array): Promise<Page[]> {
  const doc = await getDocument({ data: bytes, disableFontFace: true, verbosity: 0 }).promise;
  const out = path.join(os.tmpdir(), 'jiuye-pdf-test');
  mkdirSync(out, { recursive: true });
  const pages: Page[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: 1 });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext('2d');
    // pdf.js is typed for the DOM's canvas; @napi-rs/canvas implements the same 2D API.
    await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
    writeFileSync(path.join(out, `page-${n}.png`), canvas.toBuffer('image/png'));
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) {
      // Unrendered pixels are transparent: count only painted, non-white ones.
      if ((data[i + 3] ?? 0) > 0 && ((data[i] ?? 255) < 200 || (data[i + 1] ?? 255) < 200)) dark += 1;
    }
    const text = await page.getTextContent();
    const rows = new Map<number, { x: number; s: string }[]>();
    for (const item of text.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const y = Math.round((item.transform[5] as number) / 2) * 2;
      const x = item.transform[4] as number;
      rows.set(y, [...(rows.get(y) ?? []), { x, s: item.str.trim() }]);
    }
    const lines = [...rows.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([, cells]) => cells.sort((a, b) => a.x - b.x).map((c) => c.s));
    pages.push({ lines, nonWhiteShare: dark / (data.length / 4) });
    page.cleanup();
  }
  await doc.destroy();
  return pages;
}

/** The district's row of each section, keyed by the section's Chinese title. */
function rowsBySection(pages: Page[], area: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  let section = '';
  for (const line of pages.flatMap((p) => p.lines)) {
    const heading = /^\d+\. ([^\s（]+)/.exec(line.join(' '));
    if (heading?.[1]) section = heading[1];
    else if (line[0] === area) found.set(section, line);
  }
  return found;
}

describe('monthly report PDF', () => {
  it('prints the standard tables with the fixture’s figures, page numbers and an embedded font', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/monthly/${MONTH}.pdf`,
      headers: staffHeaders,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toContain('no-store');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="jiuye-monthly-report-${MONTH}.pdf"; filename*=UTF-8''` +
        encodeURIComponent(`湛江市月度就业监测报告-${MONTH}.pdf`),
    );
    const bytes = new Uint8Array(res.rawPayload);
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    // The font is a subset: the whole Noto Sans SC file is 8 MB.
    expect(bytes.length).toBeLessThan(200_000);

    const pages = await readPdf(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const [i, p] of pages.entries()) {
      // Tables, borders and text: a blank or unrendered page would be (almost) all white.
      expect(p.nonWhiteShare, `page ${i + 1}`).toBeGreaterThan(0.01);
      const all = p.lines.map((l) => l.join(' '));
      expect(
        all.some((l) => l.startsWith(`第 ${i + 1} 页 / 共 ${pages.length} 页`)),
        `page ${i + 1}`,
      ).toBe(true);
    }
    const first = (pages[0]?.lines ?? []).map((l) => l.join(' '));
    expect(first).toContain('湛江市人力资源和社会保障局 2018年7月 月度就业监测报告');
    expect(first.some((l) => l.includes('统计月份 Month: 2018-07') && l.includes('生成时间'))).toBe(true);

    const rows = rowsBySection(pages, D);
    expect([...rows.keys()]).toEqual([
      '劳动力市场',
      '就业失业登记',
      '重点群体',
      '点对点包车',
      '政策与资金发放',
      '职业培训',
      '企业用工监测',
      '预警汇总',
    ]);
    // Vacancies 6 + 3 = 9; seekers = 2 new unemployment registrations + 2 résumés = 4;
    // 求人倍率 = 9 / 4 = 2.25; postings in 2, out 0; platform hires 0; new jobs = 0 hires + 2
    // employer registrations = 2; monitored layoffs 25 + 3 = 28.
    expect(rows.get('劳动力市场')).toEqual([D, '雷州市', '9', '4', '2.25', '2', '0', '0', '2', '28']);
    // Registered unemployed at the end of July: the two July ones and May's = 3 (April's ended);
    // new 2; ended 1; employment registrations other than platform hires 2.
    expect(rows.get('就业失业登记')).toEqual([D, '雷州市', '3', '2', '1', '2']);
    // Enterprise monitoring: 2 reports, start 120, end 92, hires 0, separations 28, layoffs 28.
    expect(rows.get('企业用工监测')).toEqual([D, '雷州市', '2', '120', '92', '0', '28', '28']);
    // Early-warning alerts: the 2 layoff alerts (first column), total 2, both unresolved.
    expect(rows.get('预警汇总')).toEqual([D, '雷州市', '2', '0', '0', '0', '0', '2', '2']);
    expect(rows.get('政策与资金发放')).toEqual([D, '雷州市', '0', '0', '0', '0.00']);

    // The workbook is written from the same data: every district row agrees cell for cell.
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/monthly/${MONTH}.xlsx`,
      headers: staffHeaders,
    });
    expect(xlsx.statusCode).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...rows.keys()]);
    for (const ws of wb.worksheets) {
      let row: unknown[] = [];
      ws.eachRow((r) => {
        const values = (r.values as unknown[]).slice(1);
        if (values[0] === D) row = values;
      });
      // Two-decimal columns (ratios, yuan) carry the number format 0.00 in the workbook.
      const printed = row.map((v, i) => {
        const format: ReportFormat = ws.getColumn(i + 1).numFmt === '0.00' ? 'ratio' : 'int';
        return i < 2 ? String(v) : formatValue(v as number | null, format);
      });
      expect(printed, ws.name).toEqual(rows.get(ws.name));
    }
  });

  it('refuses a bad month naming `month`, and callers without stats:read', async () => {
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/reports/monthly/2020-13.pdf',
      headers: { ...staffHeaders, 'accept-language': 'en-US' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('month');
    const seeker = await signedIn(t.app, t.db, 'seeker');
    const denied = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/monthly/${MONTH}.pdf`,
      headers: seeker.headers,
    });
    expect(denied.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/reports/monthly/${MONTH}.pdf` });
    expect(anonymous.statusCode).toBe(401);
  });

  const WQY = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
  it.runIf(existsSync(WQY))('picks the Chinese face of a system font collection (.ttc)', async () => {
    for (const override of [WQY, `${WQY}#WenQuanYiMicroHei`]) {
      const font = await reportFont(override);
      expect(font.postscriptName).toBe('WenQuanYiMicroHei');
    }
    const err = await reportFont(`${WQY}#NoSuchFace`).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('report_font_unavailable');
  });

  it('answers 503 report_font_unavailable, never a 500, when the configured font cannot be used', async () => {
    // A missing file, and a font without Chinese glyphs (DejaVu, where installed), are refused.
    for (const file of ['/nonexistent/font.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf']) {
      const err = await reportFont(file).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('report_font_unavailable');
    }
    const noFont = await testApp({ JIUYE_PDF_FONT: '/nonexistent/font.ttf' });
    try {
      const staff = await signedIn(noFont.app, noFont.db, 'staff', { districtCodes: [D] });
      const res = await noFont.app.inject({
        method: 'GET',
        url: `/api/v1/reports/monthly/${MONTH}.pdf`,
        headers: { ...staff.headers, 'accept-language': 'en-US' },
      });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json<{ code: string; detail: string }>()).toMatchObject({
        code: 'report_font_unavailable',
        detail: expect.stringContaining('JIUYE_PDF_FONT') as unknown,
      });
    } finally {
      await noFont.close();
    }
  });
});
