import type { DiscriminationFlag, FlagCode, Locale, StoredFlag } from '@jiuye/shared';

/**
 * Screens job-ad text for restrictions that the Employment Promotion Law (就业促进法) and related
 * rules forbid without a lawful reason. It flags; the reviewer decides (a job on the state's list of
 * work unsuitable for women, for example, may lawfully be limited to men). Pure: no I/O.
 *
 * How it works: neutral phrases (男女不限, 年龄不限, 少数民族优先…) are blanked first, then every
 * pattern runs over the text; a match contained in a longer match of the same code is dropped, so
 * 限男性 is one flag, not two. Full-width letters and digits count as their ASCII forms, but the
 * flag quotes the text exactly as written.
 */

export type CheckFields = { title: string; description: string; skills: readonly string[] };

const PROVINCES =
  '北京|天津|河北|山西|内蒙古?|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|台湾|香港|澳门';
/** A place a job ad might exclude or prefer people from. */
const PLACE = `(?:本地|本市|本省|本区|本县|当地|外地|外省|外市|外来|某省|某地|某市|东北|西北|西南|${PROVINCES}|[\\u4e00-\\u9fff]{2,4}(?:省|市|县|区))`;
const ETHNIC_GROUPS =
  '维吾尔|维|藏|回|蒙古|蒙|壮|苗|彝|土家|布依|侗|瑶|朝鲜|白|哈尼|哈萨克|黎|傣|畲|傈僳|佤|东乡|纳西|柯尔克孜|达斡尔|羌|撒拉|锡伯|仫佬|景颇|毛南|仡佬|满';
const REFUSE = '(?:勿扰|免谈|除外|不要|谢绝|莫扰|不招|慎投|不考虑|不录用?)';
const REFUSE_BEFORE = '(?:不招|不要|谢绝|拒绝|不收|不录用?|不考虑)';
const RANGE_SEP = '\\s*(?:-|~|—|–|至|到)\\s*';
const AGE_UNIT = '(?:周岁|岁)';

/** Neutral or lawful phrases: blanked before matching so that they never raise a flag. */
const NEUTRAL: readonly RegExp[] = [
  // gender: both sexes, or equal treatment
  /男女(?:不限|均可|皆可|都可|都行|平等|同工同酬)?/g,
  /不限男女|(?:性别|男女)[:：]?\s*(?:不限|无要求|无限制|均可)|不限性别/g,
  /\b(?:males?\s*(?:or|and|\/)\s*females?|females?\s*(?:or|and|\/)\s*males?|men\s+(?:and|or)\s+women|women\s+(?:and|or)\s+men|any\s+gender|all\s+genders|regardless\s+of\s+(?:gender|sex)|gender\s*:\s*(?:any|not\s+required))\b/gi,
  // age
  /年龄[:：]?\s*(?:不限|无要求|无限制|不作要求)|不限年龄/g,
  /\b(?:any\s+age|all\s+ages|no\s+age\s+limit|regardless\s+of\s+age)\b/gi,
  // ethnicity: preferential treatment of minorities is what art. 28 asks for
  /民族[:：]?\s*不限|不限民族|各民族|少数民族(?:优先|同等条件下优先|给予照顾)/g,
  /\b(?:any\s+ethnicity|all\s+ethnicities|ethnic\s+minorities\s+(?:are\s+)?welcome)\b/gi,
  // marital status
  /婚否[:：]?\s*不限|婚姻(?:状况)?[:：]?\s*不限|不限婚否|已婚未婚(?:均可|不限|皆可)|单身(?:宿舍|公寓)|已婚(?:夫妻|员工|人员)?可(?:以)?(?:安排|提供|申请|入住)/g,
  /\b(?:married\s+or\s+single|single\s+or\s+married|regardless\s+of\s+marital\s+status|marital\s+status\s*:?\s*(?:any|not\s+required|irrelevant))\b/gi,
  // household registration and origin
  /(?:户籍|户口|籍贯|地域)[:：]?\s*不限|不限(?:户籍|户口|籍贯|地域|地区)|欢迎外地/g,
  /\b(?:any\s+hukou|hukou\s+not\s+required|no\s+hukou\s+(?:restriction|requirement)s?|regardless\s+of\s+(?:hukou|household\s+registration|origin))\b/gi,
  // health: welcoming carriers is the point of art. 30
  /(?:接受|欢迎|不歧视)乙肝(?:病毒)?(?:携带者)?|乙肝(?:病毒)?(?:携带者)?(?:可|亦可|均可|欢迎|不限)/g,
  /\b(?:hbv|hepatitis\s*b)\s+carriers?\s+(?:are\s+)?welcome\b/gi,
];

type Rule = { code: FlagCode; re: RegExp; accept?: (text: string) => boolean };

function ages(text: string): number[] {
  return [...text.matchAll(/\d+/g)].map((m) => Number(m[0]));
}

/**
 * A lower age bound alone is fine up to 18: the Labour Law forbids hiring under 16, and minors
 * (16–18) have special protection, so 年满16周岁 or 18岁以上 is a lawful floor.
 */
const floorAbove18 = (t: string) => ages(t).some((n) => n > 18);

const RULES: readonly Rule[] = [
  // ——— gender (性别) ———
  { code: 'gender', re: /(?:仅限|只限|限于?|只招|只要|只收|只录用?)(?:男|女)(?:性|士|生|工|青年)?/g },
  { code: 'gender', re: /(?:男|女)(?:性|士|生)(?:者?优先|为主|即可|员工)?/g },
  { code: 'gender', re: /(?:男|女)工(?:优先)?/g },
  { code: 'gender', re: /性别(?:要求|限制)?[:：]?\s*(?:男|女)性?/g },
  { code: 'gender', re: /(?:男|女)\s*(?:\d+|[一二两三四五六七八九十]+)\s*(?:名|人|位)/g },
  { code: 'gender', re: /(?:限|仅限)?宝妈(?:优先)?/g },
  {
    code: 'gender',
    re: /\b(?:only\s+)?(?:fe)?males?(?:\s+(?:only|preferred|applicants?|candidates?|workers?))?\b/gi,
  },
  { code: 'gender', re: /\b(?:only\s+(?:wo)?men|(?:wo)?men\s+(?:only|preferred))\b/gi },
  {
    code: 'gender',
    re: /\b(?:only\s+(?:ladies|gentlemen|girls|boys)|(?:ladies|gentlemen|girls|boys)\s+only)\b/gi,
  },
  { code: 'gender', re: /\bgender\s*:\s*(?:fe)?male\b/gi },

  // ——— age (年龄) ———
  {
    code: 'age',
    re: new RegExp(`\\d{1,2}\\s*${AGE_UNIT}?${RANGE_SEP}\\d{1,2}\\s*${AGE_UNIT}(?:之间|以内)?`, 'g'),
  },
  { code: 'age', re: new RegExp(`\\d{1,2}\\s*${AGE_UNIT}\\s*(?:以下|以内|之内|之下|内|前)`, 'g') },
  {
    code: 'age',
    re: new RegExp(`(?:不超过|不大于|不得超过|不高于|小于|低于|未满|未超过)\\s*\\d{1,2}\\s*${AGE_UNIT}`, 'g'),
  },
  {
    code: 'age',
    re: new RegExp(
      `(?:年满\\s*\\d{1,2}\\s*${AGE_UNIT}(?:以上)?|\\d{1,2}\\s*${AGE_UNIT}\\s*(?:及以上|以上|之上))`,
      'g',
    ),
    accept: floorAbove18,
  },
  {
    code: 'age',
    re: new RegExp(
      `年龄(?:要求|限制|限于?|须|需|在|为|范围)?\\s*[:：]?\\s*(?:\\d{1,2}(?:${RANGE_SEP}\\d{1,2})?\\s*${AGE_UNIT}?(?:以下|以内|以上|之间|左右)?|(?:有)?限制)`,
      'g',
    ),
    accept: (t) => /(?:以下|以内|之间|左右|限制|-|~|—|–|至|到)/.test(t) || floorAbove18(t),
  },
  { code: 'age', re: /(?:60|70|80|85|90|95|00|05)后(?:优先)?/g },
  { code: 'age', re: /(?:限年轻人?|年轻人?(?:者)?优先|(?:中年|老年)人?(?:勿扰|免谈|除外))/g },
  {
    code: 'age',
    re: /\b(?:under|below|younger\s+than|no\s+older\s+than|not\s+older\s+than|not\s+over|max(?:imum)?\.?\s+age(?:\s+of)?)\s*\d{2}\b(?:\s*years?(?:\s*old)?)?/gi,
  },
  {
    code: 'age',
    re: /\bage(?:d|s)?\s*(?:between\s*)?\d{2}\s*(?:-|–|to|and)\s*\d{2}\b(?:\s*years?(?:\s*old)?)?/gi,
  },
  { code: 'age', re: /\b\d{2}\s*(?:-|–|to)\s*\d{2}\s*years?\s*old\b/gi },
  { code: 'age', re: /\bage\s+limit\b/gi },
  { code: 'age', re: /\b(?:over|above|older\s+than)\s*\d{2}\s*years?\s*old\b/gi, accept: floorAbove18 },

  // ——— ethnicity (民族) ———
  { code: 'ethnicity', re: /(?:仅限|只限|限于?|只招|只要|要求)?汉族(?:人)?(?:优先)?/g },
  { code: 'ethnicity', re: new RegExp(`少数民族(?:人员)?${REFUSE}`, 'g') },
  { code: 'ethnicity', re: new RegExp(`${REFUSE_BEFORE}(?:少数民族|(?:${ETHNIC_GROUPS})族)(?:人)?`, 'g') },
  { code: 'ethnicity', re: new RegExp(`(?:${ETHNIC_GROUPS})族(?:人)?${REFUSE}`, 'g') },
  { code: 'ethnicity', re: /民族(?:要求)?[:：]\s*汉族?/g },
  {
    code: 'ethnicity',
    re: /\b(?:han(?:\s+chinese)?\s+only|only\s+han(?:\s+chinese)?|no\s+(?:ethnic\s+)?minorities|ethnic\s+minorit(?:y|ies)\s+(?:excluded|not\s+accepted|need\s+not\s+apply)|ethnicity\s*:\s*han)\b/gi,
  },

  // ——— marital status and childbearing (婚育) ———
  {
    code: 'marital_status',
    re: /(?:限|仅限|要求)?(?:已婚已育|已婚未育|未婚未育|已婚|未婚|已育|未育|离异|单身|丧偶)(?:者)?(?:优先)?/g,
  },
  {
    code: 'marital_status',
    re: /(?:近期|(?:[一二两三四五]|\d)年内)?(?:无|没有|暂无|暂不|不)(?:生育|生孩子|要孩子|怀孕)(?:计划|打算)?/g,
  },
  { code: 'marital_status', re: new RegExp(`(?:孕妇|怀孕(?:者)?|孕期|哺乳期)(?:人员)?${REFUSE}`, 'g') },
  { code: 'marital_status', re: /婚育(?:情况|状况)?[:：]\s*[已未][婚育]+/g },
  {
    code: 'marital_status',
    re: /\b(?:(?:un)?married|single\s+(?:only|preferred|applicants?|candidates?)|must\s+be\s+single|no\s+(?:plans?\s+(?:for|to\s+have)\s+)?(?:children|kids|pregnancy)|not\s+pregnant|childless)\b/gi,
  },

  // ——— household registration and origin (户籍、地域) ———
  {
    code: 'household_registration',
    re: /(?:仅限|只限|限于?|只招|只要|只收|要求|需|须|必须)(?:是|为|持有?)?[\u4e00-\u9fff]{0,6}?(?:户口|户籍)(?:人员|人士|者)?/g,
  },
  {
    code: 'household_registration',
    re: new RegExp(`(?:仅限|只限|限于?|只招|只要|只收|要求|需|须)?${PLACE}籍(?:人员|人士)?`, 'g'),
  },
  {
    code: 'household_registration',
    re: /(?:本地|本市|本省|本区|本县|当地|城镇|农村|非农业?|农业)(?:户口|户籍)(?:优先)?/g,
  },
  { code: 'household_registration', re: /(?:本地|本市|本省|当地)人(?!才|力|口)(?:员)?(?:优先|为主)?/g },
  { code: 'household_registration', re: new RegExp(`${PLACE}(?:人|籍|户籍|户口)(?:员)?${REFUSE}`, 'g') },
  {
    code: 'household_registration',
    re: new RegExp(`${REFUSE_BEFORE}${PLACE}(?:人|籍|户籍|户口)?`, 'g'),
  },
  { code: 'household_registration', re: /(?:户籍|户口)(?:要求)?[:：]\s*[\u4e00-\u9fff]{1,6}/g },
  {
    code: 'household_registration',
    re: /\b(?:hukou|household\s+registration|locals?\s+(?:only|preferred)|local\s+(?:residents?|people)\s+(?:only|preferred)|(?:urban|rural|non-agricultural)\s+(?:residency|registration)|no\s+(?:applicants|people|workers)\s+from\s+[a-z]+)\b/gi,
  },

  // ——— health: infectious-disease carriers and disability (健康、残疾) ———
  {
    code: 'health',
    re: new RegExp(
      `(?:无|非|没有)?乙(?:型)?肝(?:炎)?(?:病毒)?(?:表面抗原)?(?:携带者?|阳性|患者)?(?:者)?${REFUSE}?`,
      'g',
    ),
  },
  { code: 'health', re: /(?:大|小)三阳|两对半|澳抗/g },
  {
    code: 'health',
    re: new RegExp(`(?:无)?(?:艾滋病|HIV)(?:病毒)?(?:携带者|感染者)?${REFUSE}?`, 'gi'),
  },
  { code: 'health', re: new RegExp(`(?:传染病|病毒)(?:病原)?携带者${REFUSE}?`, 'g') },
  { code: 'health', re: new RegExp(`${REFUSE_BEFORE}残疾人|残疾(?:人士?|者)?${REFUSE}|无残疾`, 'g') },
  {
    code: 'health',
    re: /\b(?:hepatitis\s*b|hbv|hbsag|no\s+(?:virus\s+)?carriers?|no\s+(?:disabled|handicapped)(?:\s+(?:persons?|people|applicants?))?)\b/gi,
  },
];

/** Full-width ASCII (ｍａｌｅ，１８－３５) as ASCII; one UTF-16 unit for one, so offsets hold. */
function normalise(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += text[i];
  }
  return out;
}

const BLANK = '\u0001';

function blankNeutral(text: string): string {
  let s = text;
  for (const re of NEUTRAL) s = s.replace(re, (m) => BLANK.repeat(m.length));
  return s;
}

type Hit = { code: FlagCode; start: number; end: number };

function scan(text: string): Hit[] {
  const masked = blankNeutral(normalise(text));
  const hits: Hit[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (const m of masked.matchAll(rule.re)) {
      const t = m[0].trim();
      if (!t) continue;
      const start = m.index + m[0].indexOf(t);
      if (rule.accept && !rule.accept(t)) continue;
      hits.push({ code: rule.code, start, end: start + t.length });
    }
  }
  // Drop a hit inside a longer hit of the same code (限男性 ⊃ 男性), then duplicates.
  const kept = hits.filter(
    (h) =>
      !hits.some(
        (o) =>
          o !== h &&
          o.code === h.code &&
          o.start <= h.start &&
          o.end >= h.end &&
          (o.end - o.start > h.end - h.start || hits.indexOf(o) < hits.indexOf(h)),
      ),
  );
  return kept.sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
}

/** Flags as stored with a posting: code, the words as written, and where. */
export function detectFlags(fields: CheckFields): StoredFlag[] {
  const out: StoredFlag[] = [];
  const seen = new Set<string>();
  const push = (field: StoredFlag['field'], text: string) => {
    for (const h of scan(text)) {
      const t = text.slice(h.start, h.end);
      const key = `${h.code}\u0000${field}\u0000${t}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ code: h.code, text: t, field });
    }
  };
  push('title', fields.title);
  push('description', fields.description);
  for (const s of fields.skills) push('skills', s);
  return out;
}

const REASONS: Record<FlagCode, Record<Locale, string>> = {
  gender: {
    'zh-CN':
      '可能构成性别歧视：除国家规定的不适合妇女的工种或岗位外，招聘不得以性别为由拒绝录用或提高录用标准，不得限定男性或规定男性优先（《就业促进法》第三条、第二十七条，《妇女权益保障法》第四十三条，《就业服务与就业管理规定》第二十条）。',
    'en-US':
      'May be sex discrimination: except for jobs the state lists as unsuitable for women, an employer may not refuse candidates or raise the bar because of sex, limit a job to men or say men are preferred (Employment Promotion Law arts. 3 and 27; Law on the Protection of Women’s Rights and Interests art. 43; Provisions on Employment Services and Employment Management art. 20).',
  },
  age: {
    'zh-CN':
      '可能构成年龄歧视：劳动者享有平等就业的权利，招聘广告不得包含歧视性内容；确因岗位需要限制年龄的，请在说明中写明理由（《就业促进法》第三条、第二十六条，《就业服务与就业管理规定》第二十条）。法定最低就业年龄（年满16周岁）的要求不在此列。',
    'en-US':
      'May be age discrimination: workers are entitled to equal employment and job ads may not contain discriminatory content; if the job truly requires an age limit, state the reason (Employment Promotion Law arts. 3 and 26; Provisions on Employment Services and Employment Management art. 20). The legal minimum working age of 16 is not affected.',
  },
  ethnicity: {
    'zh-CN':
      '可能构成民族歧视：劳动者就业不因民族不同而受歧视，各民族劳动者享有平等的劳动权利，用人单位应当依法对少数民族劳动者给予适当照顾（《就业促进法》第三条、第二十八条，《就业服务与就业管理规定》第二十条）。',
    'en-US':
      'May be ethnic discrimination: no worker may be discriminated against because of ethnicity; workers of every ethnic group have equal rights and employers must give ethnic-minority workers due consideration (Employment Promotion Law arts. 3 and 28; Provisions on Employment Services and Employment Management art. 20).',
  },
  marital_status: {
    'zh-CN':
      '可能构成婚育歧视：不得将限制结婚、生育或者婚姻、生育状况作为录用条件，不得询问或调查女性求职者的婚育情况（《就业促进法》第二十七条，《妇女权益保障法》第四十三条，《就业服务与就业管理规定》第二十条）。',
    'en-US':
      'May be discrimination by marital or parental status: marriage, childbearing or plans for them may not be a condition of hiring, nor may women applicants be asked about them (Employment Promotion Law art. 27; Law on the Protection of Women’s Rights and Interests art. 43; Provisions on Employment Services and Employment Management art. 20).',
  },
  household_registration: {
    'zh-CN':
      '可能构成户籍或地域歧视：用人单位应当向劳动者提供平等的就业机会和公平的就业条件，不得对农村劳动者进城就业设置歧视性限制，不得以户籍或籍贯为由拒绝录用（《就业促进法》第二十六条、第三十一条，《就业服务与就业管理规定》第二十条）。',
    'en-US':
      'May be discrimination by household registration (hukou) or origin: employers must offer equal opportunities and fair conditions and may not set discriminatory limits on rural workers or refuse people because of where they are registered or come from (Employment Promotion Law arts. 26 and 31; Provisions on Employment Services and Employment Management art. 20).',
  },
  health: {
    'zh-CN':
      '可能构成健康状况或残疾歧视：不得以是传染病病原携带者（如乙肝病毒携带者）为由拒绝录用，除法律法规和国务院卫生行政部门规定禁止从事的工作外，不得将乙肝病毒血清学指标作为体检标准；招用人员不得歧视残疾人（《就业促进法》第二十九条、第三十条，《就业服务与就业管理规定》第十九条、第二十条）。',
    'en-US':
      'May be discrimination by health or disability: an employer may not refuse someone for carrying an infectious-disease pathogen such as hepatitis B, nor use hepatitis B serology as a hiring test except for work that laws and the health authority forbid to carriers, nor discriminate against persons with disabilities (Employment Promotion Law arts. 29 and 30; Provisions on Employment Services and Employment Management arts. 19 and 20).',
  },
};

export function flagReason(code: FlagCode, locale: Locale): string {
  return REASONS[code][locale];
}

/** Stored flags → flags for a reader, with the reason in their language. */
export function renderFlags(flags: readonly StoredFlag[], locale: Locale): DiscriminationFlag[] {
  return flags.map((f) => ({
    code: f.code,
    text: f.text,
    field: f.field,
    reason: flagReason(f.code, locale),
  }));
}

/** The checker as the web form's live hints use it. */
export function checkDiscrimination(fields: CheckFields, locale: Locale): DiscriminationFlag[] {
  return renderFlags(detectFlags(fields), locale);
}
