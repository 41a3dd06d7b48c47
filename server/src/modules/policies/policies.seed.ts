import { CreatePolicyBodySchema, type CreatePolicyBody, type PolicyRule } from '@jiuye/shared';
import type { Db } from '../../db/database.js';
import { CITY_DISTRICT_CODES } from '../enterprises/index.js';
import * as repo from './policies.repository.js';

/**
 * The starting catalogue: one realistic example of each kind, modelled on the support measures
 * Guangdong and Zhanjiang ran in spring 2020. The amounts, caps and conditions follow the usual
 * shape of those measures but are ILLUSTRATIVE: the bureau enters the real figures and document
 * numbers of its own notices by editing (which adds a version). Document references name the kind
 * of document only; no document number is claimed.
 *
 * The catalogue is kept open-ended (effectiveTo null) so that the demo can be tried today; the
 * bureau closes a policy by editing its end date.
 *
 * Facts read here that another module provides: person.returnedWorker (boolean) and
 * person.startup.startDate (date), registered by the entrepreneurship module. Where no provider
 * registered them they are unknown and the start-up subsidy's rule fails with that reason.
 */

const IN_ZHANJIANG: PolicyRule = {
  fact: 'enterprise.districtCode',
  op: 'in',
  value: [...CITY_DISTRICT_CODES],
};
const VERIFIED: PolicyRule = { fact: 'enterprise.verified', op: 'eq', value: true };
const SME: PolicyRule = { fact: 'enterprise.size', op: 'in', value: ['micro', 'small', 'medium'] };

const LICENCE = { code: 'business_licence', nameZh: '营业执照', nameEn: 'Business licence', required: true };
const ID_CARD = { code: 'id_card', nameZh: '居民身份证', nameEn: 'Resident identity card', required: true };

export const SEED_POLICIES: CreatePolicyBody[] = [
  {
    // Provincial human resources and social security notice on the phased reduction, exemption and
    // deferral of enterprise social insurance contributions during the epidemic (2020), illustrative.
    code: 'ZJ2020-SI-RELIEF',
    kind: 'social_insurance_relief',
    applicantType: 'enterprise',
    nameZh: '中小微企业阶段性减免、缓缴社会保险费',
    nameEn: 'Phased relief and deferral of social insurance contributions for SMEs',
    summaryZh:
      '疫情期间，中小微企业免征基本养老、失业、工伤保险单位缴费部分；已缴纳的单位缴费部分予以退还。生产经营困难的企业可申请缓缴，缓缴期间免收滞纳金。',
    summaryEn:
      'During the epidemic, SMEs are exempt from the employer share of pension, unemployment and work-injury insurance; employer contributions already paid are refunded. Enterprises in difficulty may defer payment without late fees.',
    basisZh: '广东省人力资源和社会保障厅等部门关于阶段性减免企业社会保险费的通知（2020年，示例）',
    basisEn:
      'Guangdong HRSS notice on phased relief of enterprise social insurance contributions (2020; illustrative)',
    effectiveFrom: '2020-02-01',
    effectiveTo: null,
    eligibility: { all: [VERIFIED, SME, IN_ZHANJIANG] },
    requiredDocuments: [
      LICENCE,
      {
        code: 'contribution_statement',
        nameZh: '社会保险费缴费明细',
        nameEn: 'Statement of social insurance contributions',
        required: true,
      },
    ],
    formFields: [
      {
        key: 'employerContributionsFen',
        labelZh: '已缴纳的单位缴费部分（分）',
        labelEn: 'Employer contributions already paid (fen)',
        type: 'number',
        required: true,
        min: 1,
      },
      {
        key: 'insuredEmployees',
        labelZh: '参保职工人数',
        labelEn: 'Insured employees',
        type: 'number',
        required: true,
        min: 1,
      },
    ],
    // The refund is the employer share already paid (100 %), capped per enterprise (illustrative).
    amount: {
      kind: 'percent',
      basisPoints: 10_000,
      baseFact: 'form.employerContributionsFen',
      capFen: 20_000_000,
    },
    amountCapFen: null,
    period: 'year',
    reviewChain: 'district_then_bureau',
    noticeDays: 5,
    dualApprovalThresholdFen: null,
  },
  {
    // Notice on supporting entrepreneurship guarantee loans during the epidemic: borrowers hit by the
    // epidemic may extend repayment, with the interest subsidy continuing (2020), illustrative.
    code: 'ZJ2020-LOAN-DEFERRAL',
    kind: 'guarantee_loan_deferral',
    applicantType: 'person',
    nameZh: '创业担保贷款延期还款',
    nameEn: 'Deferred repayment of entrepreneurship guarantee loans',
    summaryZh:
      '受疫情影响暂时失去收入来源的创业担保贷款借款人，可申请展期还款，展期期限原则上不超过1年，继续享受贴息。',
    summaryEn:
      'Borrowers of entrepreneurship guarantee loans who lost income in the epidemic may extend repayment by up to one year; the interest subsidy continues.',
    basisZh: '关于做好疫情期间创业担保贷款贴息及展期工作的通知（2020年，示例）',
    basisEn:
      'Notice on guarantee-loan interest subsidies and extensions during the epidemic (2020; illustrative)',
    effectiveFrom: '2020-02-01',
    effectiveTo: null,
    eligibility: {
      all: [
        { fact: 'form.loanDueOn', op: 'gte', value: '2020-01-01' },
        { fact: 'form.outstandingFen', op: 'gt', value: 0 },
      ],
    },
    requiredDocuments: [
      ID_CARD,
      {
        code: 'loan_contract',
        nameZh: '创业担保贷款合同',
        nameEn: 'Guarantee loan contract',
        required: true,
      },
    ],
    formFields: [
      {
        key: 'lender',
        labelZh: '贷款银行',
        labelEn: 'Lending bank',
        type: 'text',
        required: true,
        maxLength: 60,
      },
      { key: 'loanDueOn', labelZh: '原到期日', labelEn: 'Original due date', type: 'date', required: true },
      {
        key: 'outstandingFen',
        labelZh: '未还本金（分）',
        labelEn: 'Outstanding principal (fen)',
        type: 'number',
        required: true,
        min: 1,
      },
    ],
    amount: null,
    amountCapFen: null,
    period: 'once',
    reviewChain: 'district_then_bureau',
    noticeDays: 0,
    dualApprovalThresholdFen: null,
  },
  {
    // Unemployment insurance job-stabilisation refund (稳岗返还): enterprises that lay off no one or
    // few (layoff rate not above the national surveyed urban unemployment target) get back part of
    // last year's unemployment insurance contributions; 2020 raised the share for SMEs. Illustrative.
    code: 'ZJ2020-STABILISE-REFUND',
    kind: 'job_stabilisation_refund',
    applicantType: 'enterprise',
    nameZh: '失业保险稳岗返还',
    nameEn: 'Unemployment insurance job-stabilisation refund',
    summaryZh: '不裁员或少裁员的参保企业，返还其上年度实际缴纳失业保险费的50%。',
    summaryEn:
      'Insured enterprises that lay off no one or few get back 50 % of the unemployment insurance contributions they paid last year.',
    basisZh: '关于失业保险支持企业稳定岗位的通知（示例）',
    basisEn: 'Notice on unemployment insurance support for stabilising jobs (illustrative)',
    effectiveFrom: '2020-02-01',
    effectiveTo: null,
    eligibility: {
      all: [
        VERIFIED,
        IN_ZHANJIANG,
        { fact: 'form.layoffRatePercent', op: 'lte', value: 5.5 },
        { fact: 'form.unemploymentInsurancePaidFen', op: 'gt', value: 0 },
      ],
    },
    requiredDocuments: [
      LICENCE,
      {
        code: 'contribution_statement',
        nameZh: '上年度失业保险缴费明细',
        nameEn: 'Last year’s unemployment insurance statement',
        required: true,
      },
    ],
    formFields: [
      {
        key: 'unemploymentInsurancePaidFen',
        labelZh: '上年度实际缴纳失业保险费（分）',
        labelEn: 'Unemployment insurance paid last year (fen)',
        type: 'number',
        required: true,
        min: 0,
      },
      {
        key: 'layoffRatePercent',
        labelZh: '上年度裁员率（%）',
        labelEn: 'Layoff rate last year (%)',
        type: 'number',
        required: true,
        min: 0,
        max: 100,
      },
    ],
    amount: { kind: 'percent', basisPoints: 5_000, baseFact: 'form.unemploymentInsurancePaidFen' },
    amountCapFen: 50_000_000,
    period: 'year',
    reviewChain: 'district_then_bureau',
    noticeDays: 5,
    dualApprovalThresholdFen: null,
  },
  {
    // Financing support: the bureau refers SMEs hit by the epidemic to banks for loans and the
    // guarantee scheme (no money paid by the bureau). Illustrative.
    code: 'ZJ2020-FINANCING',
    kind: 'financing_referral',
    applicantType: 'enterprise',
    nameZh: '中小微企业融资支持对接',
    nameEn: 'Financing support referral for SMEs',
    summaryZh: '为受疫情影响、资金周转困难的中小微企业对接合作银行信贷和政府性融资担保。',
    summaryEn:
      'Refers SMEs short of cash in the epidemic to partner banks’ credit and government-backed guarantees.',
    basisZh: '关于支持中小微企业应对疫情共渡难关的若干措施（2020年，示例）',
    basisEn: 'Measures supporting SMEs through the epidemic (2020; illustrative)',
    effectiveFrom: '2020-02-01',
    effectiveTo: null,
    eligibility: { all: [VERIFIED, SME] },
    requiredDocuments: [LICENCE],
    formFields: [
      {
        key: 'loanNeedFen',
        labelZh: '融资需求金额（分）',
        labelEn: 'Financing needed (fen)',
        type: 'number',
        required: true,
        min: 1,
      },
      {
        key: 'purpose',
        labelZh: '资金用途',
        labelEn: 'Purpose',
        type: 'text',
        required: true,
        maxLength: 500,
      },
    ],
    amount: null,
    amountCapFen: null,
    period: 'quarter',
    reviewChain: 'district_then_bureau',
    noticeDays: 0,
    dualApprovalThresholdFen: null,
  },
  {
    // One-off start-up subsidy for workers returning home to start a business (返乡入乡创业一次性创业
    // 资助): first small business or individual business, operating normally for six months, within
    // three years of starting. Amount illustrative (10,000 yuan).
    code: 'ZJ2020-STARTUP-GRANT',
    kind: 'startup_subsidy',
    applicantType: 'person',
    nameZh: '返乡入乡创业一次性创业资助',
    nameEn: 'One-off start-up subsidy for returned workers',
    summaryZh: '返乡入乡人员首次创办小微企业或从事个体经营，正常经营6个月以上的，给予一次性创业资助1万元。',
    summaryEn:
      'People who return home and start their first small business or individual business, operating normally for six months or more, receive a one-off 10,000 yuan.',
    basisZh: '关于进一步支持返乡入乡创业的实施意见（示例）',
    basisEn: 'Opinions on supporting returning entrepreneurs (illustrative)',
    effectiveFrom: '2020-02-01',
    effectiveTo: null,
    eligibility: {
      all: [
        { fact: 'person.returnedWorker', op: 'eq', value: true },
        { fact: 'person.startup.startDate', op: 'within_days', value: 1095 },
        { not: { fact: 'person.startup.startDate', op: 'within_days', value: 180 } },
      ],
    },
    requiredDocuments: [ID_CARD, { ...LICENCE, nameZh: '营业执照（企业或个体工商户）' }],
    formFields: [],
    amount: { kind: 'fixed', amountFen: 1_000_000 },
    amountCapFen: null,
    period: 'once',
    reviewChain: 'district_then_bureau',
    noticeDays: 5,
    dualApprovalThresholdFen: null,
  },
  {
    // One-off hiring subsidy for SMEs taking on key-group people (graduates, poor households, people
    // with employment difficulties…) on contracts with social insurance. Amounts illustrative.
    code: 'ZJ2020-KEYGROUP-HIRING',
    kind: 'key_group_hiring_subsidy',
    applicantType: 'enterprise',
    nameZh: '吸纳重点群体就业补贴',
    nameEn: 'Hiring subsidy for key groups',
    summaryZh:
      '中小微企业吸纳重点群体人员就业、签订劳动合同并缴纳社会保险的，按每人1000元给予一次性补贴，每户最高5万元。',
    summaryEn:
      'SMEs that hire key-group people on contracts with social insurance receive 1,000 yuan per person, at most 50,000 yuan.',
    basisZh: '关于做好重点群体就业工作的通知（2020年，示例）',
    basisEn: 'Notice on employment of key groups (2020; illustrative)',
    effectiveFrom: '2020-02-01',
    effectiveTo: null,
    eligibility: {
      all: [VERIFIED, SME, { fact: 'enterprise.keyGroupHires.last365Days', op: 'gte', value: 1 }],
    },
    requiredDocuments: [
      LICENCE,
      { code: 'labour_contracts', nameZh: '劳动合同', nameEn: 'Labour contracts', required: true },
    ],
    formFields: [],
    amount: {
      kind: 'per_head',
      perHeadFen: 100_000,
      headcountFact: 'enterprise.keyGroupHires.last365Days',
      capFen: 5_000_000,
    },
    amountCapFen: null,
    period: 'year',
    reviewChain: 'district_then_bureau',
    noticeDays: 5,
    dualApprovalThresholdFen: null,
  },
  {
    // Training subsidy for enterprises training their own workers on the job (以工代训, 2020): per
    // trainee and month; illustrative 500 yuan.
    code: 'ZJ2020-TRAINING',
    kind: 'training_subsidy',
    applicantType: 'enterprise',
    nameZh: '企业以工代训职业培训补贴',
    nameEn: 'On-the-job training subsidy for enterprises',
    summaryZh: '企业吸纳就业并开展以工代训的，按每人每月500元给予职业培训补贴。',
    summaryEn: 'Enterprises that train new workers on the job receive 500 yuan per trainee and month.',
    basisZh: '关于开展以工代训工作的通知（2020年，示例）',
    basisEn: 'Notice on on-the-job training (2020; illustrative)',
    effectiveFrom: '2020-03-01',
    effectiveTo: null,
    eligibility: {
      all: [VERIFIED, IN_ZHANJIANG, { fact: 'form.traineeCount', op: 'between', value: [1, 500] }],
    },
    requiredDocuments: [
      LICENCE,
      { code: 'training_roster', nameZh: '以工代训人员花名册', nameEn: 'Roster of trainees', required: true },
    ],
    formFields: [
      {
        key: 'traineeCount',
        labelZh: '本月以工代训人数',
        labelEn: 'Trainees this month',
        type: 'number',
        required: true,
        min: 1,
      },
    ],
    amount: { kind: 'per_head', perHeadFen: 50_000, headcountFact: 'form.traineeCount' },
    amountCapFen: 10_000_000,
    period: 'month',
    reviewChain: 'district_then_bureau',
    noticeDays: 5,
    dualApprovalThresholdFen: null,
  },
  {
    // Public-welfare post subsidy (公益性岗位补贴) for people with employment difficulties and from
    // poor households placed on public-welfare posts: monthly, at the local minimum wage (Zhanjiang's
    // band, illustrative 1,410 yuan).
    code: 'ZJ2020-WELFARE-POST',
    kind: 'public_welfare_post_subsidy',
    applicantType: 'person',
    nameZh: '公益性岗位补贴',
    nameEn: 'Public-welfare post subsidy',
    summaryZh: '就业困难人员和建档立卡贫困劳动力在公益性岗位就业的，按当地最低工资标准给予岗位补贴。',
    summaryEn:
      'People with employment difficulties or from registered poor households working on public-welfare posts receive a post subsidy at the local minimum wage.',
    basisZh: '关于公益性岗位开发管理的办法（示例）',
    basisEn: 'Rules on public-welfare posts (illustrative)',
    effectiveFrom: '2020-02-01',
    effectiveTo: null,
    eligibility: {
      all: [
        { fact: 'person.keyGroups', op: 'in', value: ['employment_difficulty', 'poor_household'] },
        { fact: 'person.isLocalHousehold', op: 'eq', value: true },
        { fact: 'person.age', op: 'between', value: [16, 60] },
      ],
    },
    requiredDocuments: [
      ID_CARD,
      {
        code: 'post_agreement',
        nameZh: '公益性岗位协议',
        nameEn: 'Public-welfare post agreement',
        required: true,
      },
    ],
    formFields: [
      { key: 'postName', labelZh: '岗位名称', labelEn: 'Post', type: 'text', required: true, maxLength: 60 },
      {
        key: 'employerName',
        labelZh: '用人单位',
        labelEn: 'Employer',
        type: 'text',
        required: true,
        maxLength: 100,
      },
    ],
    amount: { kind: 'fixed', amountFen: 141_000 },
    amountCapFen: null,
    period: 'month',
    reviewChain: 'district_then_bureau',
    noticeDays: 5,
    dualApprovalThresholdFen: null,
  },
  {
    // Transport subsidy for enterprises that brought workers back on chartered buses (点对点包车返岗,
    // spring 2020): per worker, capped per enterprise. Amounts illustrative.
    code: 'ZJ2020-CHARTER-TRANSPORT',
    kind: 'transport_subsidy',
    applicantType: 'enterprise',
    nameZh: '包车返岗交通补贴',
    nameEn: 'Transport subsidy for chartered-bus returns',
    summaryZh: '企业组织包车“点对点”接回外地员工返岗的，按每人200元给予交通补贴，每户最高5万元。',
    summaryEn:
      'Enterprises that brought workers back on point-to-point chartered buses receive 200 yuan per worker, at most 50,000 yuan.',
    basisZh: '关于做好农民工返岗复工“点对点”服务保障的通知（2020年，示例）',
    basisEn: 'Notice on point-to-point return-to-work transport for migrant workers (2020; illustrative)',
    effectiveFrom: '2020-02-01',
    effectiveTo: null,
    eligibility: {
      all: [VERIFIED, IN_ZHANJIANG, { fact: 'form.returnedWorkers', op: 'gte', value: 1 }],
    },
    requiredDocuments: [
      LICENCE,
      { code: 'bus_manifest', nameZh: '包车乘车人员名单', nameEn: 'Bus passenger manifest', required: true },
    ],
    formFields: [
      {
        key: 'returnedWorkers',
        labelZh: '包车接回员工人数',
        labelEn: 'Workers brought back by chartered bus',
        type: 'number',
        required: true,
        min: 1,
      },
    ],
    amount: {
      kind: 'per_head',
      perHeadFen: 20_000,
      headcountFact: 'form.returnedWorkers',
      capFen: 5_000_000,
    },
    amountCapFen: null,
    period: 'year',
    reviewChain: 'district_then_bureau',
    noticeDays: 5,
    dualApprovalThresholdFen: null,
  },
];

/**
 * Inserts the starting catalogue's first versions where their codes are new: idempotent, safe at
 * every start and under concurrent starts. Answers how many were inserted.
 */
export async function seedPolicyCatalogue(db: Db): Promise<number> {
  let n = 0;
  for (const raw of SEED_POLICIES) {
    const p = CreatePolicyBodySchema.parse(raw);
    const inserted = await repo.insertFirstVersionIfAbsent(db, {
      code: p.code,
      version: 1,
      kind: p.kind,
      applicantType: p.applicantType,
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      summaryZh: p.summaryZh,
      summaryEn: p.summaryEn,
      basisZh: p.basisZh,
      basisEn: p.basisEn,
      effectiveFrom: p.effectiveFrom,
      effectiveTo: p.effectiveTo,
      eligibility: p.eligibility,
      requiredDocuments: p.requiredDocuments,
      formFields: p.formFields,
      amount: p.amount,
      amountCapFen: p.amountCapFen,
      period: p.period,
      reviewChain: p.reviewChain,
      noticeDays: p.noticeDays,
      dualApprovalThresholdFen: p.dualApprovalThresholdFen,
      createdBy: null,
    });
    if (inserted) n++;
  }
  return n;
}
