import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Chinese and English text → search words, shared by indexing (postings, résumés) and querying.
 *
 * - jieba segments Chinese with its dictionary plus the job terms below (so 电焊工, 二保焊, 叉车司机
 *   stay whole); `Intl.Segmenter` splits them badly (stack-notes.md).
 * - Synonym groups map every member to the group's first word (its canonical form). Indexing adds
 *   the canonical word beside the original; a query word becomes (itself | canonical), so 焊工
 *   finds 电焊工 and 二保焊, and welder finds 电焊工.
 * - Words are stored with array_to_tsvector and queried with a tsquery literal: PostgreSQL's text
 *   parser never sees the Chinese, so results do not depend on the server's locale.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['电焊工', '焊工', '电焊', '焊接', '氩弧焊', '二保焊', '气保焊', '气焊', '焊接工', 'welder', 'welding'],
  // English 'worker' and 'operator' are left out: they end most occupations' English names (Seafood
  // processing worker, Lathe operator), which would all become 普工.
  ['普工', '操作工', '作业员', '生产工人', '流水线', '杂工', 'labourer', 'laborer'],
  ['司机', '驾驶员', '司机员', 'driver'],
  ['货车司机', '货运司机', '大车司机', '卡车司机', 'truck'],
  ['叉车司机', '叉车工', '叉车', 'forklift'],
  ['电工', '维修电工', '电气', '水电工', 'electrician'],
  ['厨师', '炊事员', '中式烹调师', '大厨', '烹饪', 'cook', 'chef'],
  // 厨工 is a kitchen hand, not a cook.
  ['帮厨', '厨房帮工', '厨工', '洗碗工', '切配', 'kitchen'],
  // Not 'security' alone: Information security engineer is no 保安.
  ['保安', '保安员', '门卫', '安保', 'guard'],
  ['保洁', '保洁员', '清洁工', '清洁', 'cleaner', 'cleaning'],
  ['服务员', '餐厅服务员', '传菜员', 'waiter', 'waitress'],
  ['销售', '销售员', '营业员', '店员', '导购', '业务员', 'sales', 'salesperson'],
  ['仓管', '仓库管理员', '库管', '仓储', 'warehouse'],
  ['快递员', '快递', '配送员', '外卖员', '送货员', '骑手', 'courier', 'delivery'],
  ['搬运工', '装卸工', '装卸搬运工', '理货员', 'porter', 'loader'],
  ['护理员', '养老护理员', '护工', '陪护', 'caregiver', 'carer'],
  ['家政', '家政服务员', '保姆', '月嫂', '育婴员', '钟点工', 'housekeeper', 'nanny'],
  // Not 'service' alone: it is in many occupations' English names.
  ['客服', '客户服务', '话务员', '客服专员', 'customer'],
  ['会计', '出纳', '财务', '记账', 'accountant', 'accounting'],
  ['文员', '行政', '办公室文员', '前台', 'clerk', 'receptionist'],
  ['装配工', '组装工', '装配', 'assembler', 'assembly'],
  ['质检员', '质检', '检验员', '品检', 'qc', 'inspector'],
  ['水产养殖', '养殖工', '水产养殖工', '对虾养殖', '养虾', 'aquaculture'],
  ['水产加工', '水产品加工工', '剥虾', '海产加工', '冻品加工', 'seafood'],
  ['木工', '木匠', 'carpenter'],
  ['钢筋工', '扎铁工', 'rebar'],
  ['砌筑工', '泥水工', '瓦工', 'bricklayer', 'mason'],
  ['油漆工', '涂装工', '喷漆工', 'painter'],
  ['数控', '数控车床', 'cnc', '车工', '机床操作工', '铣工', 'machinist'],
  ['缝纫工', '车缝工', '制衣', '衣车工', 'sewing', 'seamstress'],
  ['理发师', '美发', '发型师', 'hairdresser', 'barber'],
  ['教师', '老师', '讲师', 'teacher'],
  // Not 护理 (care): 养老护理员 is a caregiver, not a nurse.
  ['护士', '护师', 'nurse'],
  ['电子商务', '电商', '网店', '直播带货', '主播', 'ecommerce', 'e-commerce'],
  ['水手', '船员', '海员', 'seafarer', 'sailor'],
  ['码头工人', '港口装卸', '理货', 'dock', 'docker'],
  ['机修工', '机械维修', '设备维修', 'mechanic'],
  ['汽车维修', '汽修', '汽车修理工', 'auto'],
  ['包装工', '打包员', '包装', 'packer', 'packing'],
  ['实习', '实习生', 'intern', 'internship'],
  ['兼职', '临时工', '日结', 'part-time', 'temporary'],
  ['包吃住', '包食宿', '提供食宿', '包吃包住', '食宿全包'],
];

const canonicalOf = new Map<string, string>();
for (const group of SYNONYM_GROUPS) {
  const canonical = group[0];
  if (!canonical) continue;
  for (const w of group) canonicalOf.set(w.toLowerCase(), canonical);
}

/** Words jieba must keep whole: the synonym words plus common ad words. */
const EXTRA_WORDS = [
  '包吃住',
  '包吃',
  '包住',
  '五险一金',
  '五险',
  '双休',
  '单休',
  '长白班',
  '两班倒',
  '计件',
  '月结',
  '日结',
  '湛江',
  '霞山',
  '赤坎',
  '坡头',
  '麻章',
  '遂溪',
  '徐闻',
  '廉江',
  '雷州',
  '吴川',
];

const jieba = (() => {
  const j = Jieba.withDict(dict);
  const words = new Set<string>(EXTRA_WORDS);
  for (const g of SYNONYM_GROUPS) for (const w of g) if (/[\u4e00-\u9fff]/.test(w)) words.add(w);
  j.loadDict(Buffer.from([...words].map((w) => `${w} 200000 n`).join('\n')));
  return j;
})();

/** Words that carry no meaning for matching a job. */
const STOP = new Set([
  '招聘',
  '诚聘',
  '急招',
  '高薪',
  '岗位',
  '工作',
  '职位',
  '有限公司',
  '公司',
  '有限',
  '我们',
  '要求',
  '以上',
  '以下',
  '优先',
  '若干',
  '人员',
  '的',
  '了',
  '和',
  '与',
  '及',
  '或',
  '在',
  '是',
  '有',
  '等',
  '可',
  '为',
  '人',
  '名',
  // Administrative suffixes: 霞山区 is segmented 霞山 | 区, and the place is read from 霞山.
  '市',
  '区',
  '县',
  '省',
  'the',
  'a',
  'an',
  'and',
  'or',
  'of',
  'for',
  'to',
  'in',
  'on',
  'at',
  'with',
  'job',
  'jobs',
  'hiring',
  'wanted',
]);

/** English: lower case, a light plural stemmer (welders → welder; not "glass"). */
function normaliseLatin(w: string): string {
  const s = w.toLowerCase();
  if (s.length > 3 && s.endsWith('s') && !s.endsWith('ss') && !s.endsWith('us') && !s.endsWith('is'))
    return s.slice(0, -1);
  return s;
}

function isWord(w: string): boolean {
  return /[\p{L}\p{N}]/u.test(w);
}

function clean(tokens: string[]): string[] {
  const out: string[] = [];
  for (const raw of tokens) {
    const t = raw.trim();
    if (!t || !isWord(t)) continue;
    const w = /^[\p{Script=Latin}\p{N}+#.-]+$/u.test(t) ? normaliseLatin(t) : t;
    if (STOP.has(w) || w.length > 40) continue;
    out.push(w);
  }
  return out;
}

/** Words for the index: search-mode segmentation (long words also yield their parts) + canonical synonyms. */
export function indexWords(text: string): string[] {
  if (!text) return [];
  const words = clean(jieba.cutForSearch(text, true));
  const out = new Set<string>();
  for (const w of words) {
    out.add(w);
    const c = canonicalOf.get(w);
    if (c) out.add(c);
  }
  return [...out];
}

/** A query → groups of alternatives: every group must match, any word of a group will do. */
export function queryGroups(q: string): string[][] {
  const words = clean(jieba.cut(q, true));
  const groups: string[][] = [];
  const seen = new Set<string>();
  for (const w of words) {
    if (seen.has(w)) continue;
    seen.add(w);
    const alts = new Set([w]);
    const c = canonicalOf.get(w);
    if (c) alts.add(c);
    groups.push([...alts]);
  }
  return groups;
}

function lexeme(w: string): string {
  return `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * A tsquery literal (to cast with ::tsquery), or null for a query with no words.
 * `prefixLast` makes the last word a prefix (autocomplete).
 */
export function toTsQuery(
  groups: string[][],
  opts: { prefixLast?: boolean; any?: boolean } = {},
): string | null {
  if (groups.length === 0) return null;
  const parts = groups.map((g, i) => {
    const last = opts.prefixLast && i === groups.length - 1;
    const alts = g.map((w) => `${lexeme(w)}${last ? ':*' : ''}`);
    return alts.length > 1 ? `(${alts.join(' | ')})` : (alts[0] ?? '');
  });
  return parts.join(opts.any ? ' | ' : ' & ');
}

/** All words a query touches (for highlighting and for `terms` in the answer). */
export function highlightWords(groups: string[][]): string[] {
  return [...new Set(groups.flat())].sort((a, b) => b.length - a.length);
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** HTML-escaped text with each matched word wrapped in <mark>. */
export function highlight(text: string, words: string[]): string {
  if (words.length === 0) return escapeHtml(text);
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'giu');
  let out = '';
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const i = m.index;
    out += `${escapeHtml(text.slice(last, i))}<mark>${escapeHtml(m[0])}</mark>`;
    last = i + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/** A short snippet around the first match (for result lists on small screens). */
export function snippet(text: string, words: string[], max = 80): string {
  const lower = text.toLowerCase();
  let at = -1;
  for (const w of words) {
    const i = lower.indexOf(w.toLowerCase());
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  const start = Math.max(0, at < 0 ? 0 : at - 20);
  const piece = text.slice(start, start + max);
  return `${start > 0 ? '…' : ''}${highlight(piece, words)}${start + max < text.length ? '…' : ''}`;
}

/** The canonical form of a word (its synonym group's first word), or the word itself. */
export function canonicalWord(word: string): string {
  const w = word.toLowerCase();
  return canonicalOf.get(w) ?? w;
}

/** Is this word one the job-term dictionary knows (a synonym or an ad word)? */
export function isJobTerm(word: string): boolean {
  return canonicalOf.has(word.toLowerCase()) || EXTRA_WORD_SET.has(word);
}
const EXTRA_WORD_SET = new Set(EXTRA_WORDS);

/** Every word of the job-term dictionary (synonyms and ad words), lower-cased. */
export function jobTerms(): string[] {
  return [...new Set([...canonicalOf.keys(), ...EXTRA_WORDS])];
}

/**
 * The full-text query for search: like `toTsQuery`, but a lone Chinese character (工 in 剥虾工, a
 * suffix jieba splits off) is dropped when the query has real words, and is a prefix (焊 → 焊工,
 * 焊接) when it is all there is.
 */
export function searchTsQuery(groups: string[][]): string | null {
  const single = (g: string[]) => g.length === 1 && CJK_RE.test(g[0] ?? '') && [...(g[0] ?? '')].length === 1;
  const words = groups.filter((g) => !single(g));
  if (words.length > 0) return toTsQuery(words);
  if (groups.length === 0) return null;
  return groups.map((g) => `${lexeme(g[0] ?? '')}:*`).join(' & ');
}

/**
 * Place names in a query, read as a location rather than as words the ad must contain: ads rarely
 * repeat their district, which the posting carries as a code. Zhanjiang (GB/T 2260) only: short
 * names elsewhere collide with ordinary words.
 */
export const PLACE_WORDS: Readonly<Record<string, string>> = {
  湛江: '440800',
  赤坎: '440802',
  霞山: '440803',
  坡头: '440804',
  麻章: '440811',
  遂溪: '440823',
  徐闻: '440825',
  廉江: '440881',
  雷州: '440882',
  吴川: '440883',
};

export type ParsedQuery = {
  /** Word groups the text must match (places removed). */
  groups: string[][];
  /** Region codes named in the query (districts, or 440800 for 湛江). */
  places: string[];
};

/** `queryGroups` with Zhanjiang place names taken out as region codes. */
export function parseQuery(q: string): ParsedQuery {
  const groups: string[][] = [];
  const places: string[] = [];
  for (const g of queryGroups(q)) {
    const place = g.length === 1 && g[0] !== undefined ? PLACE_WORDS[g[0]] : undefined;
    if (place) {
      if (!places.includes(place)) places.push(place);
    } else groups.push(g);
  }
  return { groups, places };
}

/** Levenshtein distance over code points, giving up (Infinity) beyond `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return Infinity;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const v = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return Infinity;
    prev = cur;
  }
  const d = prev[y.length] ?? Infinity;
  return d > max ? Infinity : d;
}

const CJK_RE = /^\p{Script=Han}+$/u;

/**
 * Spelling corrections for one query word against a vocabulary (job terms, occupation names and
 * keywords): the words at the smallest edit distance (1 for short words, 2 from 6 letters on), a
 * substitution (同音/形近字: 焊攻 → 焊工, 电悍工 → 电焊工) preferred over a dropped or added
 * character (电工), which changes the job.
 */
export function spellingCandidates(word: string, vocabulary: Iterable<string>): string[] {
  const w = word.toLowerCase();
  const len = [...w].length;
  if (len < 2) return [];
  const max = !CJK_RE.test(w) && len >= 6 ? 2 : 1;
  let best = Infinity;
  let out: { v: string; sameLength: boolean }[] = [];
  for (const v of vocabulary) {
    if (v === w) return [];
    const d = editDistance(w, v, max);
    if (d === Infinity || d > best) continue;
    if (d < best) {
      best = d;
      out = [];
    }
    out.push({ v, sameLength: [...v].length === len });
  }
  const same = out.filter((c) => c.sameLength);
  return [...new Set((same.length > 0 ? same : out).map((c) => c.v))];
}

/**
 * The query's words regrouped for spelling correction: a typo often breaks a word into pieces
 * jieba does not know (电悍工 → 电悍 | 工), so adjacent Chinese pieces that are not job terms are
 * joined again. Places are left out (they are read as locations).
 */
export function correctionUnits(q: string): string[] {
  const units: string[] = [];
  let run = '';
  const flush = () => {
    if (run) units.push(run);
    run = '';
  };
  for (const g of queryGroups(q)) {
    const w = g[0] ?? '';
    if (PLACE_WORDS[w]) {
      flush();
      continue;
    }
    if (CJK_RE.test(w) && (!isJobTerm(w) || [...w].length === 1)) run += w;
    else {
      flush();
      units.push(w);
    }
  }
  flush();
  return units;
}

/**
 * A tsvector literal (to cast with ::tsvector) from words by weight. Each word gets a position per
 * weight it occurs in: without positions PostgreSQL drops weights (setweight on array_to_tsvector
 * has no effect), and ts_rank could not tell a title from a description.
 */
export function tsvectorLiteral(
  parts: readonly { weight: 'A' | 'B' | 'C' | 'D'; words: readonly string[] }[],
): string {
  const positions = new Map<string, string[]>();
  let pos = 0;
  for (const { weight, words } of parts) {
    for (const w of words) {
      if (!w) continue;
      pos = Math.min(pos + 1, 16383);
      const list = positions.get(w) ?? [];
      if (list.length < 8 && !list.some((p) => p.endsWith(weight))) list.push(`${pos}${weight}`);
      positions.set(w, list);
    }
  }
  return [...positions].map(([w, list]) => `${lexeme(w)}:${list.join(',')}`).join(' ');
}
