import ExcelJS from 'exceljs';
import type { z } from 'zod';
import {
  BENEFITS,
  CreatePostingBodySchema,
  IMPORT_MAX_ROWS,
  benefitLabel,
  fieldMessage,
  type ImportRowError,
  type Locale,
  type StoredFlag,
} from '@jiuye/shared';
import { zodIssuesToFields } from '../../platform/errors.js';
import { postingSearchText, postingWords, type PostingSearchInput } from '../search/search.index.js';
import { indexWords, tsvectorLiteral } from '../search/search.text.js';
import { detectFlags } from './postings.discrimination.js';
import { addDays, chinaToday, expiryProblem } from './postings.workflow.js';

/**
 * The Excel bulk import: the template, and a workbook → validated posting bodies or a row-by-row
 * error report. Every row goes through CreatePostingBodySchema, the same schema as the API, after
 * the friendly spreadsheet forms (names, yuan, 按月, 2026/3/1) are turned into API values.
 */

type ColumnKey =
  | 'title'
  | 'occupation'
  | 'district'
  | 'address'
  | 'headcount'
  | 'salaryMin'
  | 'salaryMax'
  | 'salaryPeriod'
  | 'employmentType'
  | 'educationLevel'
  | 'experienceYears'
  | 'skills'
  | 'benefits'
  | 'description'
  | 'expiresOn'
  | 'targetRegions';

type Column = { key: ColumnKey; field: string; zh: string; en: string; required: boolean; width: number };

export const COLUMNS: readonly Column[] = [
  { key: 'title', field: 'title', zh: '岗位名称', en: 'Title', required: true, width: 22 },
  { key: 'occupation', field: 'occupationCode', zh: '职业', en: 'Occupation', required: true, width: 16 },
  { key: 'district', field: 'districtCode', zh: '工作地区', en: 'District', required: true, width: 14 },
  { key: 'address', field: 'address', zh: '工作地址', en: 'Address', required: false, width: 28 },
  { key: 'headcount', field: 'headcount', zh: '招聘人数', en: 'Headcount', required: true, width: 10 },
  {
    key: 'salaryMin',
    field: 'salaryMinFen',
    zh: '最低薪资（元）',
    en: 'Min salary (yuan)',
    required: true,
    width: 14,
  },
  {
    key: 'salaryMax',
    field: 'salaryMaxFen',
    zh: '最高薪资（元）',
    en: 'Max salary (yuan)',
    required: true,
    width: 14,
  },
  {
    key: 'salaryPeriod',
    field: 'salaryPeriod',
    zh: '计薪方式',
    en: 'Salary period',
    required: true,
    width: 12,
  },
  {
    key: 'employmentType',
    field: 'employmentType',
    zh: '用工形式',
    en: 'Employment type',
    required: true,
    width: 14,
  },
  {
    key: 'educationLevel',
    field: 'educationLevel',
    zh: '学历要求',
    en: 'Education',
    required: false,
    width: 14,
  },
  {
    key: 'experienceYears',
    field: 'experienceYears',
    zh: '经验年限',
    en: 'Experience (years)',
    required: false,
    width: 12,
  },
  { key: 'skills', field: 'skills', zh: '技能', en: 'Skills', required: false, width: 20 },
  { key: 'benefits', field: 'benefits', zh: '福利', en: 'Benefits', required: false, width: 20 },
  { key: 'description', field: 'description', zh: '岗位描述', en: 'Description', required: false, width: 40 },
  { key: 'expiresOn', field: 'expiresOn', zh: '截止日期', en: 'Expires on', required: true, width: 14 },
  {
    key: 'targetRegions',
    field: 'targetRegionCodes',
    zh: '招工来源地',
    en: 'Recruiting from',
    required: false,
    width: 18,
  },
];

const SAMPLE_MARKS = ['【示例】', '[sample]'];

const PERIODS: Record<string, 'month' | 'day' | 'hour'> = {
  按月: 'month',
  月: 'month',
  月薪: 'month',
  每月: 'month',
  month: 'month',
  monthly: 'month',
  按日: 'day',
  日: 'day',
  天: 'day',
  日薪: 'day',
  按天: 'day',
  day: 'day',
  daily: 'day',
  按小时: 'hour',
  小时: 'hour',
  时: 'hour',
  时薪: 'hour',
  hour: 'hour',
  hourly: 'hour',
};

const EMPLOYMENT: Record<string, string> = {
  全职: 'full_time',
  full_time: 'full_time',
  'full-time': 'full_time',
  'full time': 'full_time',
  兼职: 'part_time',
  part_time: 'part_time',
  'part-time': 'part_time',
  'part time': 'part_time',
  临时工: 'temporary',
  临时: 'temporary',
  短期工: 'temporary',
  temporary: 'temporary',
  实习: 'internship',
  实习生: 'internship',
  internship: 'internship',
};

const PERIOD_LIST = ['按月', '按日', '按小时'];
const EMPLOYMENT_LIST = ['全职', '兼职', '临时工', '实习'];

/** Reference look-ups the import needs; built by the service from the reference tables. */
export type ImportReference = {
  occupation(text: string): { code: string } | { error: 'unknown_occupation' };
  region(text: string): { code: string } | { error: 'unknown_region' | 'ambiguous_region' };
  educationLevel(text: string): string | null | { error: 'unknown_education_level' };
};

export type ParsedRow = { row: number; body: z.output<typeof CreatePostingBodySchema> };
export type ImportParse =
  { ok: true; rows: ParsedRow[] } | { ok: false; errors: ImportRowError[]; rowsRead: number };

// ——— Template ———

export async function buildTemplate(ref: {
  now: Date;
  occupations: readonly { code: string; nameZh: string; nameEn: string }[];
  districts: readonly { code: string; name: string }[];
  educationLevels: readonly { code: string; nameZh: string; nameEn: string }[];
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jiuye 就业';
  const ws = wb.addWorksheet('岗位 Postings', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({
    header: `${c.zh}${c.required ? '*' : ''}\n${c.en}${c.required ? '*' : ''}`,
    key: c.key,
    width: c.width,
  }));
  const header = ws.getRow(1);
  header.height = 34;
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  const sample: Record<ColumnKey, string | number | Date> = {
    title: '【示例】电焊工 [Sample]',
    occupation: '6-18-02-04',
    district: '440803',
    address: '湛江市霞山区工业大道 88 号',
    headcount: 5,
    salaryMin: 6000,
    salaryMax: 9000,
    salaryPeriod: '按月',
    employmentType: '全职',
    educationLevel: '初中',
    experienceYears: 1,
    skills: '二保焊、氩弧焊',
    benefits: '包吃、包住、五险',
    description: '负责钢结构焊接，持焊工证，包吃住。示例行不会被导入，可删除。',
    expiresOn: new Date(`${addDays(chinaToday(ref.now), 60)}T00:00:00Z`),
    targetRegions: '450200、621200',
  };
  const row = ws.addRow(sample);
  row.font = { italic: true, color: { argb: 'FF808080' } };
  ws.getColumn('expiresOn').numFmt = 'yyyy-mm-dd';
  const last = IMPORT_MAX_ROWS + 1;
  const letter = (key: ColumnKey) => ws.getColumn(key).letter;
  const list = (values: string[], title: string) => ({
    type: 'list' as const,
    allowBlank: true,
    formulae: [`"${values.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: title,
    error: `${values.join(' / ')}`,
  });
  // exceljs types omit worksheet.dataValidations, which takes a range address.
  const validations = (
    ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations;
  validations.add(
    `${letter('salaryPeriod')}2:${letter('salaryPeriod')}${last}`,
    list(PERIOD_LIST, '计薪方式 Salary period'),
  );
  validations.add(
    `${letter('employmentType')}2:${letter('employmentType')}${last}`,
    list(EMPLOYMENT_LIST, '用工形式 Employment type'),
  );
  validations.add(
    `${letter('educationLevel')}2:${letter('educationLevel')}${last}`,
    list(
      ref.educationLevels.map((e) => e.nameZh),
      '学历要求 Education',
    ),
  );
  for (const key of ['headcount', 'experienceYears'] as const) {
    validations.add(`${letter(key)}2:${letter(key)}${last}`, {
      type: 'whole',
      operator: 'between',
      allowBlank: true,
      formulae: [key === 'headcount' ? 1 : 0, key === 'headcount' ? 10000 : 50],
      showErrorMessage: true,
      errorTitle: '整数 Whole number',
      error: key === 'headcount' ? '1–10000' : '0–50',
    });
  }

  const help = wb.addWorksheet('说明 Instructions');
  help.getColumn(1).width = 110;
  const lines = [
    '填写说明 How to fill in',
    `1. 每行一个岗位，最多 ${IMPORT_MAX_ROWS} 行；带 * 的列必填。One posting per row, at most ${IMPORT_MAX_ROWS} rows; columns marked * are required.`,
    '2. 导入时逐行检查：只要有一行有误，全部不导入，并列出每行的错误。Every row is checked: if any row is wrong, nothing is imported and each error is listed.',
    '3. 职业：填职业代码（如 6-18-02-04）或职业名称（如 焊工），见“职业 Occupations”表。Occupation: a code or the exact name, see the Occupations sheet.',
    '4. 工作地区、招工来源地：填6位地区代码或名称（如 440803 或 霞山区）；来源地可填多个，用顿号或逗号分隔。District and recruiting regions: six-digit codes or names; several regions separated by 、 or commas.',
    '5. 薪资填“元”，系统按分保存；计薪方式：按月 / 按日 / 按小时。Salaries in yuan; period: month / day / hour.',
    `6. 福利可填：${BENEFITS.map((b) => benefitLabel(b, 'zh-CN')).join('、')}。Benefits: ${BENEFITS.join(', ')}.`,
    '7. 截止日期：今天起 180 天内，格式 2026-12-31。Expires on: within 180 days from today, e.g. 2026-12-31.',
    '8. 导入的岗位进入“待审核”，含有性别、年龄、民族、婚育、户籍、健康等限制的内容会被标出，请依法填写。Imported postings await review; restrictions by sex, age, ethnicity, marital status, hukou or health are flagged.',
    '9. 以【示例】开头的行不会导入。Rows whose title starts with 【示例】 are skipped.',
  ];
  for (const l of lines) help.addRow([l]);
  help.getRow(1).font = { bold: true, size: 14 };

  const occ = wb.addWorksheet('职业 Occupations');
  occ.columns = [
    { header: '代码 Code', key: 'code', width: 14 },
    { header: '名称', key: 'nameZh', width: 30 },
    { header: 'Name', key: 'nameEn', width: 44 },
  ];
  occ.getRow(1).font = { bold: true };
  for (const o of ref.occupations) occ.addRow(o);

  const dist = wb.addWorksheet('地区 Districts');
  dist.columns = [
    { header: '代码 Code', key: 'code', width: 12 },
    { header: '名称 Name', key: 'name', width: 20 },
  ];
  dist.getRow(1).font = { bold: true };
  for (const d of ref.districts) dist.addRow(d);

  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ——— Parsing ———

type Raw = string | number | boolean | Date | null;

function cellValue(v: ExcelJS.CellValue): Raw {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return cellValue(v.richText.map((t) => t.text).join(''));
  if ('hyperlink' in v) return cellValue(v.text);
  if ('formula' in v || 'sharedFormula' in v) {
    const r = v.result;
    if (r === undefined || (typeof r === 'object' && !(r instanceof Date))) return null;
    return cellValue(r);
  }
  return null;
}

function text(v: Raw): string | undefined {
  if (v === null) return undefined;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

/** 6000, "6,000", "6000元" → 6000; anything else is passed on for the schema to refuse by type. */
function numberOf(v: Raw): number | string | undefined {
  if (v === null) return undefined;
  if (typeof v === 'number') return v;
  const s = String(v instanceof Date ? '' : v)
    .replace(/[,，\s]/g, '')
    .replace(/(元|人|年|名)$/, '');
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  return String(v);
}

function yuanToFen(v: Raw): number | string | undefined {
  const n = numberOf(v);
  return typeof n === 'number' ? Math.round(n * 100) : n;
}

function dateOf(v: Raw): string | undefined {
  if (v === null) return undefined;
  // exceljs reads date cells as UTC midnight.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'invalid' : v.toISOString().slice(0, 10);
  if (typeof v === 'number' && v > 20000 && v < 80000) {
    // An Excel serial date in a cell formatted as General (1900 system).
    return new Date(Date.UTC(1899, 11, 30) + Math.round(v) * 86400_000).toISOString().slice(0, 10);
  }
  const s = String(v).trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return s;
}

function listOf(v: Raw): string[] {
  const s = text(v);
  if (!s) return [];
  return s
    .split(/[、,，;；/\n]+/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

const BENEFIT_BY_LABEL = new Map<string, string>();
for (const b of BENEFITS) {
  BENEFIT_BY_LABEL.set(b, b);
  BENEFIT_BY_LABEL.set(benefitLabel(b, 'zh-CN'), b);
  BENEFIT_BY_LABEL.set(benefitLabel(b, 'en-US'), b);
}
// What clerks also write.
for (const [label, code] of [
  ['包吃住', 'board'],
  ['五险一金', 'social_insurance'],
  ['社保', 'social_insurance'],
  ['住房公积金', 'housing_fund'],
  ['年假', 'paid_leave'],
  ['培训', 'training'],
  ['年终奖', 'bonus'],
  ['交通', 'transport'],
] as const) {
  BENEFIT_BY_LABEL.set(label, code);
}

function benefitsOf(v: Raw): string[] {
  const out: string[] = [];
  for (const item of listOf(v)) {
    const code = BENEFIT_BY_LABEL.get(item) ?? BENEFIT_BY_LABEL.get(item.toLowerCase());
    out.push(code ?? item);
    // 包吃住 and 五险一金 carry two benefits.
    if (item === '包吃住') out.push('lodging');
    if (item === '五险一金') out.push('housing_fund');
  }
  return [...new Set(out)];
}

/** One function's answers by argument, for the duration of one import. */
function memo<K, V>(f: (k: K) => V): (k: K) => V {
  const seen = new Map<K, V>();
  return (k) => {
    if (seen.has(k)) return seen.get(k) as V;
    const v = f(k);
    seen.set(k, v);
    return v;
  };
}

function memoReference(ref: ImportReference): ImportReference {
  return {
    occupation: memo((t: string) => ref.occupation(t)),
    region: memo((t: string) => ref.region(t)),
    educationLevel: memo((t: string) => ref.educationLevel(t)),
  };
}

type Body = z.output<typeof CreatePostingBodySchema>;
export type Candidate = Record<keyof Body, unknown>;
type FieldCheck = (v: unknown) => { ok: true; value: unknown } | { ok: false };

/**
 * CreatePostingBodySchema checked field by field with its own field schemas, each value checked
 * once per import (titles, codes, dates and amounts repeat across rows). Answers the parsed body
 * when every field passes and the salary range is in order — exactly what the whole-object parse
 * answers for such a row (a strict object of these fields whose only refinement is the salary
 * order) — and null otherwise, when the caller runs the whole schema for its per-field errors.
 */
export function fastBodyCheck(): (c: Candidate) => Body | null {
  const shape = CreatePostingBodySchema.shape;
  const checks = new Map<string, FieldCheck>();
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    const schema = shape[key] as z.ZodType;
    const byValue = new Map<unknown, { ok: true; value: unknown } | { ok: false }>();
    const byContents = new Map<unknown, { ok: true; value: unknown } | { ok: false }>();
    checks.set(key, (v) => {
      // Arrays (skills, benefits, regions) are keyed by their contents.
      const seen = Array.isArray(v) ? byContents : byValue;
      const k = Array.isArray(v) ? JSON.stringify(v) : v;
      let res = seen.get(k);
      if (!res) {
        const p = schema.safeParse(v);
        res = p.success ? { ok: true, value: p.data } : { ok: false };
        seen.set(k, res);
      }
      return res;
    });
  }
  const keys = [...checks.keys()];
  return (c) => {
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const v = (c as Record<string, unknown>)[key];
      const res = checks.get(key)?.(v);
      if (!res?.ok) return null;
      // A shared array would let one row's later edit show in another's: copy.
      out[key] = Array.isArray(res.value) ? [...(res.value as unknown[])] : res.value;
    }
    for (const key of Object.keys(c)) if (!checks.has(key)) return null;
    const body = out as Body;
    if (body.salaryMaxFen < body.salaryMinFen) return null;
    return body;
  };
}

function normHeader(s: string): string {
  return s.replace(/[\s*＊]/g, '').toLowerCase();
}

function columnLabel(c: Column, locale: Locale): string {
  return locale === 'zh-CN' ? c.zh : c.en;
}

const COLUMN_BY_FIELD = new Map(COLUMNS.map((c) => [c.field, c]));

function rowError(row: number, field: string, code: string, locale: Locale): ImportRowError {
  const col = COLUMN_BY_FIELD.get(field);
  const label = col ? columnLabel(col, locale) : field;
  const sep = locale === 'zh-CN' ? '：' : ': ';
  return {
    row,
    field,
    path: `${row}.${field}`,
    code,
    message: `${label}${sep}${fieldMessage(code, locale)}`,
  };
}

/**
 * Reads the first worksheet: row 1 the headers (matched by their Chinese or English name, so
 * columns may be reordered), data from row 2; blank rows and 【示例】 rows are skipped.
 */
export async function parseWorkbook(
  content: Buffer,
  opts: {
    enterpriseId: string;
    now: Date;
    locale: Locale;
    ref: ImportReference;
    /** IMPORT_MAX_ROWS unless a caller (the benchmark) lifts it. */
    maxRows?: number;
  },
): Promise<ImportParse> {
  const { locale } = opts;
  const maxRows = opts.maxRows ?? IMPORT_MAX_ROWS;
  // Imports repeat themselves (one enterprise's titles, districts, dates): every look-up and
  // field check below is done once per distinct value.
  const ref = memoReference(opts.ref);
  const fast = fastBodyCheck();
  const expiry = memo((d: string) => expiryProblem(d, opts.now));
  const wb = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type (an ArrayBuffer); Node’s Buffer is what it reads.
  await wb.xlsx.load(content as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  if (!ws) return { ok: false, errors: [rowError(1, 'file', 'empty_import', locale)], rowsRead: 0 };

  const colIndex = new Map<ColumnKey, number>();
  const headerRow = ws.getRow(1);
  headerRow.eachCell({ includeEmpty: false }, (cell, col) => {
    const h = normHeader(text(cellValue(cell.value)) ?? '');
    if (!h) return;
    const match = COLUMNS.find(
      (c) => !colIndex.has(c.key) && (h.includes(normHeader(c.zh)) || h.includes(normHeader(c.en))),
    );
    if (match) colIndex.set(match.key, col);
  });
  const missing = COLUMNS.filter((c) => c.required && !colIndex.has(c.key));
  if (missing.length > 0) {
    return {
      ok: false,
      errors: missing.map((c) => rowError(1, c.field, 'missing_column', locale)),
      rowsRead: 0,
    };
  }

  const errors: ImportRowError[] = [];
  const rows: ParsedRow[] = [];
  let count = 0;
  let tooMany: number | null = null;
  // Only rows that exist in the file: a stray value in row 1,000,000 must not mean a million loops.
  const present: ExcelJS.Row[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r >= 2) present.push(row);
  });
  for (const row of present) {
    const r = row.number;
    const get = (key: ColumnKey): Raw => {
      const i = colIndex.get(key);
      return i === undefined ? null : cellValue(row.getCell(i).value);
    };
    const values = COLUMNS.map((c) => get(c.key));
    if (values.every((v) => v === null)) continue;
    const title = text(get('title')) ?? '';
    if (SAMPLE_MARKS.some((m) => title.toLowerCase().startsWith(m))) continue;
    count++;
    if (count > maxRows) {
      tooMany = r;
      break;
    }

    const rowErrors: ImportRowError[] = [];
    const resolved = (field: string, res: { code: string } | { error: string }): string | undefined => {
      if ('error' in res) {
        rowErrors.push(rowError(r, field, res.error, locale));
        return undefined;
      }
      return res.code;
    };
    const occText = text(get('occupation'));
    const distText = text(get('district'));
    const eduText = text(get('educationLevel'));
    let educationLevel: string | null | undefined = null;
    if (eduText) {
      const e = ref.educationLevel(eduText);
      if (e !== null && typeof e === 'object') rowErrors.push(rowError(r, 'educationLevel', e.error, locale));
      else educationLevel = e;
    }
    const targetRegionCodes: string[] = [];
    for (const t of listOf(get('targetRegions'))) {
      const c = resolved('targetRegionCodes', ref.region(t));
      if (c) targetRegionCodes.push(c);
    }
    const periodText = text(get('salaryPeriod'));
    const employmentText = text(get('employmentType'));
    const candidate = {
      enterpriseId: opts.enterpriseId,
      submit: true,
      title: text(get('title')),
      occupationCode: occText ? resolved('occupationCode', ref.occupation(occText)) : undefined,
      districtCode: distText ? resolved('districtCode', ref.region(distText)) : undefined,
      address: text(get('address')),
      headcount: numberOf(get('headcount')),
      salaryMinFen: yuanToFen(get('salaryMin')),
      salaryMaxFen: yuanToFen(get('salaryMax')),
      salaryPeriod: periodText ? (PERIODS[periodText.toLowerCase()] ?? periodText) : undefined,
      employmentType: employmentText
        ? (EMPLOYMENT[employmentText.toLowerCase()] ?? employmentText)
        : undefined,
      educationLevel: educationLevel ?? null,
      experienceYears: numberOf(get('experienceYears')) ?? 0,
      skills: [...new Set(listOf(get('skills')))],
      benefits: benefitsOf(get('benefits')),
      description: text(get('description')),
      expiresOn: dateOf(get('expiresOn')),
      targetRegionCodes: [...new Set(targetRegionCodes)],
    };
    // A row every field check accepts needs no whole-schema parse (the same checks, field by field).
    const quick = rowErrors.length === 0 ? fast(candidate) : null;
    if (quick) {
      const p = expiry(quick.expiresOn);
      if (p) errors.push(rowError(r, 'expiresOn', p, locale));
      else rows.push({ row: r, body: quick });
      continue;
    }
    const failed = new Set(rowErrors.map((e) => e.field));
    // reportInput: tell a wrong type ("三个" for a number) from a missing value.
    const parsed = CreatePostingBodySchema.safeParse(candidate, { reportInput: true });
    if (!parsed.success) {
      for (const f of zodIssuesToFields(parsed.error.issues)) {
        const field = f.path.split('.')[0] ?? f.path;
        // A name that could not be resolved is already reported; do not add "required" for it.
        if (failed.has(field)) continue;
        failed.add(field);
        rowErrors.push(rowError(r, field, f.code, locale));
      }
    }
    // Cross-field and date rules, also when other fields failed, so one pass shows every problem.
    const { salaryMinFen, salaryMaxFen, expiresOn } = candidate;
    if (
      typeof salaryMinFen === 'number' &&
      typeof salaryMaxFen === 'number' &&
      salaryMaxFen < salaryMinFen &&
      !failed.has('salaryMaxFen')
    ) {
      failed.add('salaryMaxFen');
      rowErrors.push(rowError(r, 'salaryMaxFen', 'salary_range', locale));
    }
    if (expiresOn && /^\d{4}-\d{2}-\d{2}$/.test(expiresOn) && !failed.has('expiresOn')) {
      const p = expiry(expiresOn);
      if (p) rowErrors.push(rowError(r, 'expiresOn', p, locale));
    }
    if (rowErrors.length > 0 || !parsed.success) {
      // In column order, as the clerk reads the row.
      const order = (f: string) => COLUMNS.findIndex((c) => c.field === f);
      errors.push(...rowErrors.sort((x, y) => order(x.field) - order(y.field)));
    } else rows.push({ row: r, body: parsed.data });
  }
  if (tooMany !== null) {
    return { ok: false, errors: [rowError(tooMany, 'file', 'too_many_rows', locale)], rowsRead: count };
  }
  if (errors.length > 0) return { ok: false, errors, rowsRead: count };
  if (rows.length === 0)
    return { ok: false, errors: [rowError(2, 'file', 'empty_import', locale)], rowsRead: 0 };
  return { ok: true, rows };
}

// ——— Search columns and flags for many rows ———

export type ImportedIndex = { searchVector: string; searchText: string; flags: StoredFlag[] };

/**
 * What postings.service's searchColumns and detectFlags give one posting, for every row of an
 * import: each distinct title, description, skill and occupation is segmented and screened once.
 * The words are postingWords' (search.index.ts) in the same order, so the tsvector is the same
 * (postings.import.test.ts compares the two).
 */
export function importIndexer(
  enterpriseName: string,
  occupations: ReadonlyMap<string, { nameZh: string; nameEn: string; keywords: string[] }>,
): (p: { title: string; occupationCode: string; skills: string[]; description: string }) => ImportedIndex {
  const words = memo(indexWords);
  const many = (texts: readonly string[]) => texts.flatMap(words);
  const enterpriseWords = words(enterpriseName);
  const occupation = memo((code: string) => {
    const occ = occupations.get(code);
    const names = occ ? [occ.nameZh, occ.nameEn] : [];
    const keywords = occ?.keywords ?? [];
    return { names, keywords, words: [...many(names), ...many(keywords)] };
  });
  // detectFlags screens title, description and each skill apart and tells them apart by field, so
  // its answer is the three parts' answers one after the other.
  const titleFlags = memo((t: string) => detectFlags({ title: t, description: '', skills: [] }));
  const descriptionFlags = memo((d: string) => detectFlags({ title: '', description: d, skills: [] }));
  const skillFlagsBy = new Map<string, StoredFlag[]>();
  const skillFlags = (skills: string[]) => {
    const key = JSON.stringify(skills);
    let flags = skillFlagsBy.get(key);
    if (!flags) {
      flags = detectFlags({ title: '', description: '', skills });
      skillFlagsBy.set(key, flags);
    }
    return flags;
  };
  return (p) => {
    const occ = occupation(p.occupationCode);
    const input: PostingSearchInput = {
      title: p.title,
      occupationNames: occ.names,
      occupationKeywords: occ.keywords,
      skills: p.skills,
      enterpriseName,
      description: p.description,
    };
    const searchVector = tsvectorLiteral([
      { weight: 'A', words: [...words(p.title), ...occ.words] },
      { weight: 'B', words: many(p.skills) },
      { weight: 'C', words: enterpriseWords },
      { weight: 'D', words: words(p.description) },
    ]);
    return {
      searchVector,
      searchText: postingSearchText(input),
      flags: [...titleFlags(p.title), ...descriptionFlags(p.description), ...skillFlags(p.skills)],
    };
  };
}

/** The tsvector literal postingSearchVector casts, for the test that pins importIndexer to it. */
export function postingVectorLiteral(p: PostingSearchInput): string {
  return tsvectorLiteral(postingWords(p));
}

/** The zip-bomb guard lives in platform/uploads.ts (issue 9); re-exported for this module's callers. */
export { zipUncompressedSize } from '../../platform/uploads.js';
