/** GB/T 4754-2017 Industrial classification for national economic activities, sections (门类) A–T. */
export type IndustryRow = { code: string; nameZh: string; nameEn: string };

export const INDUSTRIES: readonly IndustryRow[] = [
  { code: 'A', nameZh: '农、林、牧、渔业', nameEn: 'Agriculture, forestry, animal husbandry and fishery' },
  { code: 'B', nameZh: '采矿业', nameEn: 'Mining' },
  { code: 'C', nameZh: '制造业', nameEn: 'Manufacturing' },
  {
    code: 'D',
    nameZh: '电力、热力、燃气及水生产和供应业',
    nameEn: 'Production and supply of electricity, heat, gas and water',
  },
  { code: 'E', nameZh: '建筑业', nameEn: 'Construction' },
  { code: 'F', nameZh: '批发和零售业', nameEn: 'Wholesale and retail trade' },
  { code: 'G', nameZh: '交通运输、仓储和邮政业', nameEn: 'Transport, storage and postal services' },
  { code: 'H', nameZh: '住宿和餐饮业', nameEn: 'Accommodation and catering' },
  {
    code: 'I',
    nameZh: '信息传输、软件和信息技术服务业',
    nameEn: 'Information transmission, software and information technology services',
  },
  { code: 'J', nameZh: '金融业', nameEn: 'Finance' },
  { code: 'K', nameZh: '房地产业', nameEn: 'Real estate' },
  { code: 'L', nameZh: '租赁和商务服务业', nameEn: 'Leasing and business services' },
  { code: 'M', nameZh: '科学研究和技术服务业', nameEn: 'Scientific research and technical services' },
  {
    code: 'N',
    nameZh: '水利、环境和公共设施管理业',
    nameEn: 'Water conservancy, environment and public facilities management',
  },
  { code: 'O', nameZh: '居民服务、修理和其他服务业', nameEn: 'Residential services, repair and other services' },
  { code: 'P', nameZh: '教育', nameEn: 'Education' },
  { code: 'Q', nameZh: '卫生和社会工作', nameEn: 'Health and social work' },
  { code: 'R', nameZh: '文化、体育和娱乐业', nameEn: 'Culture, sports and entertainment' },
  {
    code: 'S',
    nameZh: '公共管理、社会保障和社会组织',
    nameEn: 'Public administration, social security and social organisations',
  },
  { code: 'T', nameZh: '国际组织', nameEn: 'International organisations' },
];
