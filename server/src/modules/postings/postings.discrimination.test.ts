import { describe, expect, it } from 'vitest';
import type { FlagCode } from '@jiuye/shared';
import { checkDiscrimination, detectFlags } from './postings.discrimination.js';

/** [text, expected flags as `code:words`] — the words exactly as written in the text. */
const CASES: readonly (readonly [string, readonly string[]])[] = [
  // ——— gender ———
  ['招聘电焊工，限男性，35岁以下', ['gender:限男性', 'age:35岁以下']],
  ['仅限女性', ['gender:仅限女性']],
  ['男士优先', ['gender:男士优先']],
  ['适合女性，工作轻松', ['gender:女性']],
  ['只招女工', ['gender:只招女工']],
  ['性别：男', ['gender:性别：男']],
  ['招聘普工男5名', ['gender:男5名']],
  ['宝妈优先，时间灵活', ['gender:宝妈优先']],
  ['Male only, night shift', ['gender:Male only']],
  ['Female workers preferred', ['gender:Female workers']],
  ['Ladies only', ['gender:Ladies only']],
  ['ＭＡＬＥ ＯＮＬＹ', ['gender:ＭＡＬＥ ＯＮＬＹ']],
  // ——— age ———
  ['年龄18-35周岁', ['age:年龄18-35周岁']],
  ['18-35周岁，身体健康', ['age:18-35周岁']],
  ['年龄限18-35', ['age:年龄限18-35']],
  ['年龄要求：45岁以下', ['age:年龄要求：45岁以下']],
  ['不超过40岁', ['age:不超过40岁']],
  ['25岁以上', ['age:25岁以上']],
  ['１８～４０岁', ['age:１８～４０岁']],
  ['90后优先', ['age:90后优先']],
  ['Applicants under 35 years old', ['age:under 35 years old']],
  ['aged 20-40', ['age:aged 20-40']],
  ['There is an age limit', ['age:age limit']],
  // ——— ethnicity ———
  ['限汉族', ['ethnicity:限汉族']],
  ['少数民族除外', ['ethnicity:少数民族除外']],
  ['不招维族', ['ethnicity:不招维族']],
  ['Han Chinese only', ['ethnicity:Han Chinese only']],
  // ——— marital status and childbearing ———
  ['已婚已育优先', ['marital_status:已婚已育优先']],
  ['要求未婚', ['marital_status:要求未婚']],
  ['近期无生育计划', ['marital_status:近期无生育计划']],
  ['孕妇勿扰', ['marital_status:孕妇勿扰']],
  ['Must be married', ['marital_status:married']],
  ['no plans for children', ['marital_status:no plans for children']],
  // ——— household registration and origin ———
  ['限本地户口', ['household_registration:限本地户口']],
  ['本地人优先', ['household_registration:本地人优先']],
  ['限湛江户籍', ['household_registration:限湛江户籍']],
  ['非农户口', ['household_registration:非农户口']],
  ['河南人勿扰', ['household_registration:河南人勿扰']],
  ['某省人勿扰', ['household_registration:某省人勿扰']],
  ['不招外地人', ['household_registration:不招外地人']],
  ['Local hukou required', ['household_registration:hukou']],
  ['locals only', ['household_registration:locals only']],
  // ——— health ———
  ['乙肝', ['health:乙肝']],
  ['无乙肝', ['health:无乙肝']],
  ['乙肝病毒携带者除外', ['health:乙肝病毒携带者除外']],
  ['大三阳勿扰', ['health:大三阳']],
  ['No HBV carriers', ['health:HBV']],
  ['残疾人勿扰', ['health:残疾人勿扰']],
  // ——— neutral: nothing to flag ———
  ['男女不限', []],
  ['不限男女，年龄不限', []],
  ['性别不限', []],
  ['年龄不限，身体健康', []],
  ['身体健康，持健康证', []],
  ['年满18周岁', []],
  ['16周岁以上', []],
  ['民族不限，少数民族优先', []],
  ['婚否不限', []],
  ['提供单身宿舍', []],
  ['户籍不限，欢迎外地朋友', []],
  ['本地人才市场推荐', []],
  ['接受乙肝携带者', []],
  ['Men and women welcome, any age', []],
  ['email your CV to hr@example.com', []],
  ['负责钢结构焊接，持焊工证优先，包吃住，五险一金', []],
  ['招聘服务员3名，月薪4000-5000元', []],
];

function flagsOf(text: string): string[] {
  return detectFlags({ title: text, description: '', skills: [] }).map((f) => `${f.code}:${f.text}`);
}

describe('discrimination checker', () => {
  it('has a table of at least 40 phrases, positive and negative', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(CASES.filter(([, f]) => f.length === 0).length).toBeGreaterThanOrEqual(10);
  });

  it.each(CASES)('%s → %j', (text, expected) => {
    expect(flagsOf(text)).toEqual(expected);
  });

  it('covers every flag code', () => {
    const codes = new Set(CASES.flatMap(([, f]) => f.map((x) => x.split(':')[0] as FlagCode)));
    expect([...codes].sort()).toEqual(
      ['age', 'ethnicity', 'gender', 'health', 'household_registration', 'marital_status'].sort(),
    );
  });

  it('names the field and gives the reason, citing the law, in the reader’s language', () => {
    const zh = checkDiscrimination(
      { title: '电焊工', description: '限男性，35岁以下', skills: ['二保焊', '无乙肝'] },
      'zh-CN',
    );
    expect(zh.map((f) => [f.code, f.field, f.text])).toEqual([
      ['gender', 'description', '限男性'],
      ['age', 'description', '35岁以下'],
      ['health', 'skills', '无乙肝'],
    ]);
    expect(zh[0]?.reason).toContain('《就业促进法》第三条、第二十七条');
    expect(zh[0]?.reason).toContain('《妇女权益保障法》第四十三条');
    expect(zh[2]?.reason).toContain('第三十条');
    const en = checkDiscrimination({ title: 'Welder, male only', description: '', skills: [] }, 'en-US');
    expect(en[0]?.reason).toMatch(/Employment Promotion Law arts\. 3 and 27/);
  });

  it('reports a repeated phrase once per field', () => {
    const flags = detectFlags({ title: '限男性', description: '限男性。再说一遍：限男性', skills: [] });
    expect(flags.map((f) => `${f.field}:${f.text}`)).toEqual(['title:限男性', 'description:限男性']);
  });
});
