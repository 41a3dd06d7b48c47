/**
 * What makes the synthetic data look like Zhanjiang's labour market: its nine county-level
 * districts weighted roughly by where the jobs are (the port and old town in 霞山/赤坎, steel and
 * petrochemicals on 东海岛 in 麻章, seafood and feed around 遂溪/雷州, appliances in 廉江), other
 * Guangdong cities where people also look, and the labour-source areas postings recruit from
 * (western Guangdong, Guangxi, Hunan, Hainan). Every code must exist in GB/T 2260 (checked at start).
 */
export type District = { code: string; name: string; town: string[]; streets: string[] };

export const ZHANJIANG_CITY = '440800';
export const GUANGDONG = '440000';

export const ZHANJIANG_DISTRICTS: readonly District[] = [
  {
    code: '440802',
    name: '赤坎区',
    town: ['中华街道', '寸金街道', '民主街道', '北桥街道', '调顺街道'],
    streets: ['中山一路', '寸金路', '北桥路', '康宁路', '南方路'],
  },
  {
    code: '440803',
    name: '霞山区',
    town: ['解放街道', '爱国街道', '工农街道', '友谊街道', '海头街道', '新兴街道'],
    streets: ['人民大道南', '海滨大道南', '解放西路', '椹川大道', '友谊路', '港口路'],
  },
  {
    code: '440804',
    name: '坡头区',
    town: ['南调街道', '麻斜街道', '乾塘镇', '官渡镇'],
    streets: ['坡头大道', '海湾大道', '南调路'],
  },
  {
    code: '440811',
    name: '麻章区',
    town: ['麻章镇', '湖光镇', '东山街道', '东简街道', '民安街道'],
    streets: ['瑞云北路', '东海大道', '宝钢大道', '湖光路', '金康路'],
  },
  {
    code: '440823',
    name: '遂溪县',
    town: ['遂城镇', '黄略镇', '岭北镇', '城月镇', '杨柑镇'],
    streets: ['遂海路', '人民路', '城月大道'],
  },
  {
    code: '440825',
    name: '徐闻县',
    town: ['徐城街道', '海安镇', '下桥镇', '前山镇'],
    streets: ['徐海路', '海安港路', '东方一路'],
  },
  {
    code: '440881',
    name: '廉江市',
    town: ['罗州街道', '城南街道', '安铺镇', '良垌镇', '横山镇'],
    streets: ['人民大道', '九洲江大道', '南华路', '廉江大道北'],
  },
  {
    code: '440882',
    name: '雷州市',
    town: ['雷城街道', '新城街道', '企水镇', '乌石镇', '英利镇'],
    streets: ['雷州大道', '曲街', '新城大道'],
  },
  {
    code: '440883',
    name: '吴川市',
    town: ['梅菉街道', '博铺街道', '黄坡镇', '覃巴镇', '王村港镇'],
    streets: ['海港大道', '梅菉大道', '沿江路'],
  },
];

/** Share of postings and employers per district (sums to 1). */
export const ZHANJIANG_WEIGHTS = [0.15, 0.21, 0.06, 0.14, 0.09, 0.05, 0.12, 0.08, 0.1] as const;

/** Other Guangdong districts where a Zhanjiang platform's employers also post (the Pearl River Delta). */
export const GUANGDONG_OTHER: readonly { code: string; name: string }[] = [
  { code: '440902', name: '茂名市茂南区' },
  { code: '440904', name: '茂名市电白区' },
  { code: '441702', name: '阳江市江城区' },
  { code: '440106', name: '广州市天河区' },
  { code: '440113', name: '广州市番禺区' },
  { code: '440306', name: '深圳市宝安区' },
  { code: '440307', name: '深圳市龙岗区' },
  { code: '440606', name: '佛山市顺德区' },
];

/** Where migrant workers come from and postings recruit: county codes and whole cities. */
export const LABOUR_SOURCE_DISTRICTS: readonly string[] = [
  '440981', // 高州
  '440982', // 化州
  '440983', // 信宜
  '441781', // 阳春
  '450902', // 玉林玉州
  '450922', // 陆川
  '450923', // 博白
  '450881', // 桂平
  '450521', // 合浦
  '431102', // 永州零陵
  '431126', // 宁远
  '431002', // 郴州北湖
  '460107', // 海口琼山
  '411525', // 固始
];
export const LABOUR_SOURCE_CITIES: readonly string[] = [
  '440900',
  '441700',
  '450900',
  '450800',
  '450500',
  '431100',
];

const SURNAMES = [
  '陈',
  '李',
  '黄',
  '林',
  '梁',
  '吴',
  '张',
  '王',
  '刘',
  '杨',
  '何',
  '周',
  '郑',
  '许',
  '谢',
  '邓',
  '冯',
  '罗',
  '庞',
  '莫',
  '柯',
  '钟',
  '詹',
  '揭',
  '麦',
  '全',
  '符',
  '洪',
  '蔡',
  '唐',
  '龙',
  '韦',
  '覃',
];
const GIVEN = [
  '志',
  '强',
  '伟',
  '明',
  '俊',
  '杰',
  '海',
  '涛',
  '斌',
  '华',
  '辉',
  '军',
  '勇',
  '健',
  '文',
  '春',
  '丽',
  '梅',
  '芳',
  '燕',
  '婷',
  '玲',
  '娟',
  '霞',
  '红',
  '敏',
  '静',
  '秀',
  '兰',
  '英',
  '慧',
  '琳',
  '锦',
  '荣',
  '桂',
  '彬',
  '新',
  '立',
  '家',
  '永',
  '德',
  '嘉',
  '子',
  '宇',
  '浩',
  '思',
  '雨',
  '欣',
];

/** A Chinese personal name (surname + one or two characters). */
export function personName(r: { pick<T>(x: readonly T[]): T; chance(p: number): boolean }): string {
  return r.pick(SURNAMES) + r.pick(GIVEN) + (r.chance(0.7) ? r.pick(GIVEN) : '');
}

/** Enterprise name parts: 湛江 + brand + trade + suffix, e.g. 湛江海鸿水产食品有限公司. */
export const NAME_PREFIX = ['湛江', '湛江市', '广东', '粤西', '湛江经济技术开发区', '南方', '港城'] as const;
export const BRAND_CHARS = [
  '海',
  '港',
  '鸿',
  '盛',
  '恒',
  '联',
  '达',
  '华',
  '鑫',
  '宝',
  '湾',
  '蓝',
  '粤',
  '南',
  '兴',
  '信',
  '泰',
  '丰',
  '源',
  '通',
  '利',
  '隆',
  '昌',
  '新',
  '顺',
  '金',
  '安',
  '民',
  '东',
  '宏',
  '骏',
  '嘉',
  '富',
  '润',
] as const;
export const NAME_SUFFIX = ['有限公司', '有限公司', '有限公司', '股份有限公司', '有限责任公司'] as const;

/** A phone number from an index in a reserved block: `prefix` is the first three digits. */
export function phoneFor(prefix: string, index: number): string {
  return prefix + String(index).padStart(8, '0');
}
