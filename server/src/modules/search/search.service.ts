import {
  SEARCH_MAX_RESULTS,
  type Locale,
  type SearchPostingsQuery,
  type SearchResultSchema,
  type SuggestResultSchema,
} from '@jiuye/shared';
import type { z } from 'zod';
import type { Executor } from '../../db/database.js';
import type { RequestContext } from '../../platform/context.js';
import * as repo from './search.repository.js';
import {
  canonicalWord,
  correctionUnits,
  highlight,
  highlightWords,
  jobTerms,
  parseQuery,
  queryGroups,
  searchTsQuery,
  snippet,
  spellingCandidates,
  toTsQuery,
} from './search.text.js';

type SearchResult = z.infer<typeof SearchResultSchema>;
type SuggestResult = z.infer<typeof SuggestResultSchema>;

/** The calendar day in China Standard Time (UTC+8, no daylight saving). */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

// ——— Reference data held in memory (loaded at boot, never changed while running) ———

type Reference = {
  regionNames: Map<string, string>;
  occupations: repo.OccupationRef[];
  occupationByCode: Map<string, repo.OccupationRef>;
  /** Words a typo is corrected to: job terms, occupation names and keywords (lower case). */
  vocabulary: string[];
};
let reference: Promise<Reference> | null = null;

function latinWords(s: string): string[] {
  return (s.toLowerCase().match(/[a-z][a-z-]+/g) ?? []).map((w) =>
    w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w,
  );
}

export function loadReference(db: Executor): Promise<Reference> {
  reference ??= Promise.all([repo.allOccupations(db), repo.allRegionNames(db)]).then(
    ([occupations, regionNames]) => {
      const vocabulary = new Set(jobTerms());
      for (const o of occupations) {
        if (o.level < 4) continue;
        vocabulary.add(o.nameZh);
        for (const k of o.keywords) if (!/[（(]/.test(k)) vocabulary.add(k.toLowerCase());
        for (const w of latinWords(o.nameEn)) if (w.length >= 4) vocabulary.add(w);
      }
      return {
        regionNames,
        occupations,
        occupationByCode: new Map(occupations.map((o) => [o.code, o])),
        vocabulary: [...vocabulary],
      };
    },
    (err: unknown) => {
      reference = null;
      throw err;
    },
  );
  return reference;
}

function occupationName(o: repo.OccupationRef | undefined, code: string, locale: Locale): string {
  if (!o) return code;
  return locale === 'zh-CN' ? o.nameZh : o.nameEn;
}

// ——— Filters ———

function regionPrefix(code: string): { prefix?: string; exact?: string } {
  if (code.endsWith('0000')) return { prefix: code.slice(0, 2) };
  if (code.endsWith('00')) return { prefix: code.slice(0, 4) };
  return { exact: code };
}

function occupationLevel(code: string): number {
  return code.split('-').length;
}

function baseFilters(q: SearchPostingsQuery, places: string[], now: Date): repo.SearchFilters {
  const f: repo.SearchFilters = { today: chinaDate(now), text: { kind: 'none' } };
  if (q.districtCode) f.districtCode = q.districtCode;
  if (q.regionCode) {
    const r = regionPrefix(q.regionCode);
    if (r.exact) {
      // A county given as a region: the same as districtCode (both must hold if both are given).
      if (f.districtCode && f.districtCode !== r.exact) f.regionPrefix = r.exact;
      else f.districtCode = r.exact;
    } else f.regionPrefix = r.prefix;
  }
  // Place names typed in the query (霞山, 湛江): a named district wins over the city around it.
  const districts = places.filter((p) => !p.endsWith('00'));
  if (districts.length > 0) f.placeCodes = districts;
  else if (places.length > 0) f.placePrefixes = places.map((p) => regionPrefix(p).prefix ?? p);
  if (q.occupationCode) {
    f.occupation = { code: q.occupationCode, exact: occupationLevel(q.occupationCode) === 4 };
  }
  if (q.salaryMinFen !== undefined) f.salaryMinFen = q.salaryMinFen;
  if (q.employmentType) f.employmentType = q.employmentType;
  if (q.benefits?.length) f.benefits = [...new Set(q.benefits)];
  if (q.postedWithin) f.postedSince = new Date(now.getTime() - q.postedWithin * 86400_000);
  return f;
}

// ——— Typo fallback ———

/**
 * The typo-tolerant queries, tried in turn when the words match nothing: first each unknown word
 * replaced by the job terms nearest to it (焊攻 → 焊工, 电悍工 → 电焊工, weldr → welder; where
 * several jobs are equally near, the ones ads actually use); then the raw text compared with each
 * posting's title, occupation, enterprise and skills by trigram word similarity (pg_trgm), which
 * also catches typos in names the dictionary does not know.
 */
async function fuzzyConditions(
  db: Executor,
  q: string,
  exactTsQuery: string | null,
  today: string,
): Promise<{ text: repo.TextCondition; groups: string[][] }[]> {
  const ref = await loadReference(db);
  const vocab = new Set(ref.vocabulary);
  const groups: string[][] = [];
  let corrected = false;
  for (const unit of correctionUnits(q)) {
    const known = vocab.has(unit.toLowerCase());
    let words = known ? [] : spellingCandidates(unit, ref.vocabulary);
    if (words.length > 1 && new Set(words.map(canonicalWord)).size > 1) {
      // 电悍工 is as near to 电焊工 as to 电镀工: keep the jobs that ads use (at least a quarter as often).
      const counts = await Promise.all(
        words.map((w) => repo.countMatches(db, today, toTsQuery([[w, canonicalWord(w)]]) ?? "''", 200)),
      );
      const most = Math.max(...counts);
      if (most > 0) words = words.filter((_, i) => (counts[i] ?? 0) * 4 >= most);
    }
    if (words.length === 0) {
      groups.push(queryGroups(unit)[0] ?? [unit]);
      continue;
    }
    corrected = true;
    groups.push([...new Set(words.flatMap((w) => [w, canonicalWord(w)]))]);
  }
  const out: { text: repo.TextCondition; groups: string[][] }[] = [];
  const tsQuery = corrected ? searchTsQuery(groups) : null;
  if (tsQuery && tsQuery !== exactTsQuery)
    out.push({ text: { kind: 'fuzzy', tsQuery, trigram: null }, groups });
  // Every word must be similar to some word of the posting: a query half made of an unknown word
  // finds nothing rather than whatever matches the other half.
  const words = correctionUnits(q).map((w) => w.toLowerCase());
  if (words.length > 0 && words.length <= 5) {
    out.push({ text: { kind: 'fuzzy', tsQuery: null, trigram: words }, groups: [] });
  }
  return out;
}

// ——— Search ———

const BAND_LABELS: Record<string, Record<Locale, string>> = {
  lt3000: { 'zh-CN': '3000元以下', 'en-US': 'Under ¥3,000' },
  '3000-5000': { 'zh-CN': '3000–5000元', 'en-US': '¥3,000–5,000' },
  '5000-8000': { 'zh-CN': '5000–8000元', 'en-US': '¥5,000–8,000' },
  '8000-12000': { 'zh-CN': '8000–12000元', 'en-US': '¥8,000–12,000' },
  gte12000: { 'zh-CN': '12000元及以上', 'en-US': '¥12,000 and more' },
};

function bandOf(monthMaxFen: number): string {
  return repo.SALARY_BANDS.find((b) => monthMaxFen < b.belowFen)?.value ?? 'gte12000';
}

function countBy<T>(rows: readonly T[], key: (r: T) => string): [string, number][] {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function facetsOf(
  window: readonly repo.WindowRow[],
  occupationLevel: number,
  ref: Reference,
  locale: Locale,
): SearchResult['facets'] {
  const districts = countBy(window, (r) => r.districtCode).slice(0, 30);
  const names = ref.regionNames;
  const groups = countBy(window, (r) =>
    r.occupationCode.split('-').slice(0, occupationLevel).join('-'),
  ).slice(0, 30);
  const bands = new Map(countBy(window, (r) => bandOf(r.salaryMonthMaxFen)));
  return {
    district: districts.map(([value, count]) => ({ value, label: names.get(value) ?? value, count })),
    occupationGroup: groups.map(([value, count]) => ({
      value,
      label: occupationName(ref.occupationByCode.get(value), value, locale),
      count,
    })),
    salaryBand: repo.SALARY_BANDS.flatMap((b) => {
      const count = bands.get(b.value);
      return count ? [{ value: b.value, label: BAND_LABELS[b.value]?.[locale] ?? b.value, count }] : [];
    }),
  };
}

/**
 * With words, matches are read by publication day, newest days first, until the window is full:
 * today and yesterday first, then as many more days as the matches per day so far say are needed
 * (with a margin), or everything older at once when that is cheaper (below) or past 45 days. A
 * common word (普工, in a sixth of a million postings) is read from the last day or two only, a rare
 * one (or a word in one district) from all time, with its few matches read from the table.
 */
const FIRST_DAYS = 2;
const MAX_DAYS_BY_DAY = 45;
/**
 * Issue 10, measured at 500,000 postings (EXPLAIN ANALYZE): each publication day listed in the GIN
 * lookup costs about as much as reading 1,000–2,000 matched rows from the table (1.5–4 ms: the index
 * walks the words' and the district's long posting lists again for every day), and more so the more
 * days are listed. When the matches still missing are spread thin (电焊工 in one district: a
 * hundred a day), reading every older match at once (words and filters intersected in the index,
 * the date tested on the row) beats twenty days of keys: 96 ms → 23 ms in the index and table for
 * 电焊工 · 霞山区. Either way the window is the same newest matches.
 */
const DAY_COST_ROWS = 1500;
/** How far back published postings typically reach (ads run one to three months). */
const TYPICAL_AGE_DAYS = 90;

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);
}

/** Midnight starting a China calendar day, as an instant. */
function chinaMidnight(isoDate: string): Date {
  return new Date(Date.parse(`${isoDate}T00:00:00+08:00`));
}

/**
 * The newest matches, at most SEARCH_MAX_RESULTS + 1 (one more tells that the count is capped):
 * what total, facets and the orders are computed over.
 */
async function matchWindow(db: Executor, f: repo.SearchFilters, now: Date): Promise<repo.WindowRow[]> {
  const want = SEARCH_MAX_RESULTS + 1;
  if (f.text.kind === 'none') return repo.searchWindow(db, f, { days: null, before: null, limit: want });
  const today = chinaDate(now);
  const floor = f.postedSince ? chinaDate(f.postedSince) : null;
  const out: repo.WindowRow[] = [];
  let covered = 0;
  let span = FIRST_DAYS;
  while (covered + span <= MAX_DAYS_BY_DAY) {
    const days: string[] = [];
    for (let d = covered; d < covered + span; d++) {
      const day = addDays(today, -d);
      if (floor === null || day >= floor) days.push(day);
    }
    if (days.length === 0) return out;
    out.push(...(await repo.searchWindow(db, f, { days, before: null, limit: want - out.length })));
    covered += span;
    if (out.length >= want || days.length < span) return out;
    // Matches per day over the time actually elapsed: today is only partly over.
    const elapsed = covered - 1 + (now.getTime() - chinaMidnight(today).getTime()) / 86400_000;
    const perDay = out.length / elapsed;
    const missing = want - out.length;
    span = perDay > 0 ? Math.max(1, Math.ceil((missing / perDay) * 1.5)) : Infinity;
    // Every older match at once, when that reads fewer rows than the days would cost.
    if (perDay * Math.max(0, TYPICAL_AGE_DAYS - covered) <= span * DAY_COST_ROWS + missing * 1.5) break;
  }
  const before = addDays(today, -(covered - 1));
  if (floor !== null && floor >= before) return out;
  out.push(
    ...(await repo.searchWindow(db, f, {
      days: null,
      before: chinaMidnight(before),
      limit: want - out.length,
    })),
  );
  return out;
}

export async function searchPostings(ctx: RequestContext, q: SearchPostingsQuery): Promise<SearchResult> {
  const now = ctx.now();
  // Issue 10: search reads from the replica when DATABASE_READ_URL is set (docs/scaling.md).
  const db = ctx.deps.readDb ?? ctx.db;
  const ref = await loadReference(db);
  const parsed = q.q ? parseQuery(q.q) : { groups: [], places: [] };
  const filters = baseFilters(q, parsed.places, now);
  const tsQuery = searchTsQuery(parsed.groups);
  if (tsQuery) filters.text = { kind: 'fts', tsQuery };

  let window = await matchWindow(db, filters, now);
  let groups = parsed.groups;
  let fuzzy = false;
  if (window.length === 0 && q.q && parsed.groups.length > 0) {
    for (const f of await fuzzyConditions(db, q.q, tsQuery, filters.today)) {
      const candidate = { ...filters, text: f.text };
      const w = await matchWindow(db, candidate, now);
      if (w.length > 0) {
        [window, groups, fuzzy] = [w, f.groups, true];
        filters.text = f.text;
        break;
      }
    }
  }
  const capped = window.length > SEARCH_MAX_RESULTS;
  if (capped) window = window.slice(0, SEARCH_MAX_RESULTS);

  const offset = (q.page - 1) * q.pageSize;
  const newer = (a: repo.WindowRow, b: repo.WindowRow) =>
    b.publishedAt.getTime() - a.publishedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  let pageIds: string[];
  if (q.sort === 'salary' && filters.text.kind === 'none') {
    // Filters only: the salary index gives the best-paid of all matches directly.
    pageIds = await repo.salaryPage(db, filters, { limit: q.pageSize, offset });
  } else {
    // With words, every order applies to the window (the newest matches).
    const ordered =
      q.sort === 'salary'
        ? [...window].sort((a, b) => b.salaryMonthMaxFen - a.salaryMonthMaxFen || newer(a, b))
        : q.sort === 'relevance' && filters.text.kind !== 'none'
          ? [...window].sort((a, b) => b.rank - a.rank || newer(a, b))
          : window;
    pageIds = ordered.slice(offset, offset + q.pageSize).map((r) => r.id);
  }
  const occLevel = q.occupationCode ? Math.min(occupationLevel(q.occupationCode) + 1, 4) : 2;
  const rows = await repo.hitsByIds(db, pageIds);
  const facets = facetsOf(window, occLevel, ref, ctx.locale);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const words = highlightWords(groups);
  return {
    items: pageIds.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      return [
        {
          id: r.id,
          title: r.title,
          titleHighlighted: highlight(r.title, words),
          snippet: snippet(r.description, words),
          enterpriseName: r.enterpriseName,
          occupationCode: r.occupationCode,
          occupationName: ctx.locale === 'zh-CN' ? r.occupationNameZh : r.occupationNameEn,
          districtCode: r.districtCode,
          districtName: r.districtName,
          salaryMinFen: r.salaryMinFen,
          salaryMaxFen: r.salaryMaxFen,
          salaryPeriod: r.salaryPeriod as SearchResult['items'][number]['salaryPeriod'],
          employmentType: r.employmentType as SearchResult['items'][number]['employmentType'],
          benefits: r.benefits,
          headcount: r.headcount,
          publishedAt: r.publishedAt ? r.publishedAt.toISOString() : null,
        },
      ];
    }),
    total: window.length,
    totalCapped: capped,
    page: q.page,
    pageSize: q.pageSize,
    facets,
    fuzzy,
    terms: [...new Set(groups.flat())],
  };
}

// ——— Autocomplete ———

const SUGGEST_OCCUPATIONS = 5;
const SUGGEST_TITLES = 5;

/**
 * Autocomplete: occupations whose name, English name or a keyword starts with what was typed (from
 * memory), then the commonest titles of published postings matching it as a prefix (`:*`).
 */
export async function suggest(ctx: RequestContext, input: string): Promise<SuggestResult> {
  const term = input.trim().toLowerCase();
  const ref = await loadReference(ctx.db);
  const items: SuggestResult['items'] = [];
  const seen = new Set<string>();
  const ranked: { o: repo.OccupationRef; text: string; rank: number }[] = [];
  for (const o of ref.occupations) {
    if (o.level < 4) continue;
    const en = o.nameEn.toLowerCase();
    const local = ctx.locale === 'zh-CN' ? o.nameZh : o.nameEn;
    if (o.nameZh.startsWith(term)) ranked.push({ o, text: o.nameZh, rank: 0 });
    else if (en.startsWith(term) || en.split(/[\s,-]+/).some((w) => w.startsWith(term)))
      ranked.push({ o, text: o.nameEn, rank: 1 });
    else {
      const k = o.keywords.find((w) => w.toLowerCase().startsWith(term) && !/[（(]/.test(w));
      if (k) ranked.push({ o, text: /[a-z]/i.test(term) ? local : k, rank: 2 });
    }
  }
  ranked.sort(
    (a, b) => a.rank - b.rank || [...a.text].length - [...b.text].length || a.o.code.localeCompare(b.o.code),
  );
  for (const r of ranked) {
    if (items.length >= SUGGEST_OCCUPATIONS) break;
    if (seen.has(r.text)) continue;
    seen.add(r.text);
    items.push({ text: r.text, kind: 'occupation', code: r.o.code });
  }
  const tsQuery = toTsQuery(queryGroups(input), { prefixLast: true });
  if (tsQuery) {
    const titles = await repo.popularTitles(ctx.db, chinaDate(ctx.now()), tsQuery, SUGGEST_TITLES * 2, 500);
    for (const t of titles) {
      if (items.length >= SUGGEST_OCCUPATIONS + SUGGEST_TITLES) break;
      if (seen.has(t)) continue;
      seen.add(t);
      items.push({ text: t, kind: 'title', code: null });
    }
  }
  return { items };
}
