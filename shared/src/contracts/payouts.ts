import { z } from 'zod';
import { CreditCodeSchema } from '../validators/credit-code.js';
import { IdNumberSchema } from '../validators/id-number.js';
import { IndustryCodeSchema, PhoneSchema, RegionCodeSchema } from './common.js';

/**
 * Issue 5, items 3–5: payouts that never pay twice, entrepreneurship records of returned workers,
 * and proactive eligibility (免申即享). Money is integer fen (分); dates are YYYY-MM-DD in China
 * time; times ISO 8601 with offset.
 */

const IsoTime = z.iso.datetime({ offset: true });
const IsoDate = z.iso.date().meta({ description: 'Calendar date YYYY-MM-DD (China time)' });
const Fen = z.number().int();

/** Who a policy benefits: an enterprise (enterprises.id) or a person (persons.id). */
export const PAYOUT_SUBJECT_TYPES = ['enterprise', 'person'] as const;
export type PayoutSubjectType = (typeof PAYOUT_SUBJECT_TYPES)[number];

/**
 * A policy code as the catalogue names it (e.g. `startup-subsidy-2020`); an unknown code is a 404.
 * Kept loose here so that the catalogue module stays the one authority on its format.
 */
const PolicyCodeParam = z.string().trim().min(1).max(64);

// ——— Payee bank accounts ———

/**
 * Bank account numbers: Chinese personal cards have 16–19 digits, corporate settlement accounts
 * up to about 25; spaces and dashes (as printed on cards and account-opening slips) are removed.
 */
export const BankAccountNumberSchema = z
  .string()
  .max(40)
  .transform((s) => s.replace(/[\s-]/g, ''))
  .refine((s) => /^\d{8,32}$/.test(s), {
    params: { code: 'bank_account_format' },
    message: 'bank_account_format',
  })
  .meta({
    description: 'Bank account number, 8–32 digits (spaces and dashes ignored)',
    example: '6222 0201 0000 1234 567',
  });

/**
 * Sets the bank account a subject's payouts go to (the applicant for their own enterprise or
 * themself, or a city-wide payout officer from a paper form). The number is stored encrypted and
 * only ever answered masked. Each payout copies the account at batching time, so a later change
 * does not alter a batch already sent to the finance system.
 */
export const PutPayeeAccountBodySchema = z
  .object({
    subjectType: z.enum(PAYOUT_SUBJECT_TYPES),
    subjectId: z.uuid().optional().meta({
      description: 'The enterprise or person. A seeker may leave it out for themself',
    }),
    accountName: z.string().trim().min(2).max(100).meta({
      description: 'Account holder as the bank knows it (the enterprise’s or person’s name)',
    }),
    bankName: z
      .string()
      .trim()
      .min(2)
      .max(100)
      .meta({ description: 'Bank and branch, e.g. 中国工商银行湛江霞山支行' }),
    accountNumber: BankAccountNumberSchema,
  })
  .strict();
export type PutPayeeAccountBody = z.infer<typeof PutPayeeAccountBodySchema>;

export const PayeeAccountQuerySchema = z
  .object({
    subjectType: z.enum(PAYOUT_SUBJECT_TYPES),
    subjectId: z.uuid().optional().meta({ description: 'A seeker may leave it out for themself' }),
  })
  .strict();
export type PayeeAccountQuery = z.infer<typeof PayeeAccountQuerySchema>;

export const PayeeAccountSchema = z
  .object({
    subjectType: z.enum(PAYOUT_SUBJECT_TYPES),
    subjectId: z.uuid(),
    accountName: z.string(),
    bankName: z.string(),
    accountNumberMasked: z.string().meta({ description: 'Only the last four digits: **** **** 1234' }),
    updatedAt: IsoTime,
  })
  .meta({ id: 'PayeeAccount' });
export type PayeeAccount = z.infer<typeof PayeeAccountSchema>;

// ——— Payout batches and payouts ———

/**
 * pending: sent to the finance system, no bank result yet; paid: the bank confirmed (final, never
 * changes); failed: the bank refused (wrong account…): the application may enter a later batch.
 */
export const PAYOUT_STATUSES = ['pending', 'paid', 'failed'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** open: some payouts still pending; settled: every payout is paid or failed. */
export const PAYOUT_BATCH_STATUSES = ['open', 'settled'] as const;
export type PayoutBatchStatus = (typeof PAYOUT_BATCH_STATUSES)[number];

/**
 * Why an application did not enter a batch (the batch is still created with the others). Each is
 * also a field error code:
 * - application_not_found: no such application;
 * - application_not_approved: not in the `approved` state (still in notice, rejected, paid…);
 * - payout_exists: a pending or paid payout already holds it (e.g. a concurrent batch took it);
 * - grant_exists: the subject already received this policy for the same period;
 * - payee_account_missing: no bank account on file for the subject (PUT /payee-accounts);
 * - zero_amount: the approved amount is 0 (a deferral, not a cash benefit);
 * - duplicate: listed twice in the request.
 */
export const PAYOUT_SKIP_REASONS = [
  'application_not_found',
  'application_not_approved',
  'payout_exists',
  'grant_exists',
  'payee_account_missing',
  'zero_amount',
  'duplicate',
] as const;
export type PayoutSkipReason = (typeof PAYOUT_SKIP_REASONS)[number];

/**
 * Either explicit application ids, or `policyCode` alone for "every approved application of this
 * policy not yet in a batch", or both (ids, all of this policy). When nothing can be batched the
 * answer is 409 `conflict` naming each application (`errors[].path = applicationIds.N`, code = the
 * skip reason). Send an `Idempotency-Key`.
 */
export const CreatePayoutBatchBodySchema = z
  .object({
    applicationIds: z.array(z.uuid()).min(1).max(2000).optional(),
    policyCode: PolicyCodeParam.optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (!b.applicationIds && !b.policyCode) {
      ctx.addIssue({
        code: 'custom',
        path: ['applicationIds'],
        message: 'required',
        params: { code: 'required' },
      });
    }
  });
export type CreatePayoutBatchBody = z.infer<typeof CreatePayoutBatchBodySchema>;

export const PayoutTotalsSchema = z.object({ count: z.number().int(), amountFen: Fen });
export type PayoutTotals = z.infer<typeof PayoutTotalsSchema>;

export const PayoutBatchSchema = z
  .object({
    id: z.uuid(),
    batchNo: z
      .string()
      .meta({ description: 'Human-readable number for the finance system, e.g. PB20200315-0001' }),
    status: z.enum(PAYOUT_BATCH_STATUSES),
    note: z.string().nullable(),
    policyCodes: z.array(z.string()).meta({ description: 'Policies of the payouts in this batch' }),
    createdAt: IsoTime,
    createdByName: z.string(),
    total: PayoutTotalsSchema,
    paid: PayoutTotalsSchema,
    failed: PayoutTotalsSchema,
    pending: PayoutTotalsSchema,
  })
  .meta({ id: 'PayoutBatch' });
export type PayoutBatch = z.infer<typeof PayoutBatchSchema>;

export const PayoutSchema = z
  .object({
    id: z.uuid(),
    batchId: z.uuid(),
    batchNo: z.string(),
    applicationId: z.uuid(),
    applicationNumber: z
      .string()
      .meta({ description: 'The policy application’s number, or its id when it has none' }),
    policyCode: z.string(),
    policyName: z.string(),
    period: z
      .string()
      .meta({ description: 'The grant period of the application (e.g. 2020, 2020-03, once)' }),
    subjectType: z.enum(PAYOUT_SUBJECT_TYPES),
    subjectId: z.uuid(),
    districtCode: z.string().nullable(),
    payeeName: z.string().meta({ description: 'Masked for persons (张*明); enterprises in full' }),
    payeeIdMasked: z.string().nullable().meta({ description: 'Masked identity number or credit code' }),
    bankName: z.string(),
    accountNumberMasked: z.string(),
    amountFen: Fen,
    status: z.enum(PAYOUT_STATUSES),
    bankReference: z.string().nullable(),
    failureReason: z.string().nullable(),
    paidAt: IsoTime.nullable(),
    failedAt: IsoTime.nullable(),
    retryOfPayoutId: z.uuid().nullable().meta({ description: 'The failed payout this one retries' }),
    createdAt: IsoTime,
  })
  .meta({ id: 'Payout' });
export type Payout = z.infer<typeof PayoutSchema>;

export const PayoutSkipSchema = z.object({
  applicationId: z.uuid(),
  reason: z.enum(PAYOUT_SKIP_REASONS),
});
export type PayoutSkip = z.infer<typeof PayoutSkipSchema>;

export const PayoutBatchDetailSchema = PayoutBatchSchema.extend({
  payouts: z.array(PayoutSchema),
  skipped: z
    .array(PayoutSkipSchema)
    .meta({ description: 'Only in the answer that created the batch: applications left out and why' }),
}).meta({ id: 'PayoutBatchDetail' });
export type PayoutBatchDetail = z.infer<typeof PayoutBatchDetailSchema>;

export const ListPayoutBatchesQuerySchema = z
  .object({
    status: z.enum(PAYOUT_BATCH_STATUSES).optional(),
    policyCode: PolicyCodeParam.optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListPayoutBatchesQuery = z.infer<typeof ListPayoutBatchesQuerySchema>;

/**
 * The bank's answer for one payout: paid (with the bank's reference; final) or failed (with the
 * reason; the application may be batched again). Send an `Idempotency-Key`; repeating the same
 * result is harmless, a different result for a settled payout is 409 `already_paid` (paid) or `conflict`.
 */
export const PayoutResultBodySchema = z
  .object({
    status: z.enum(['paid', 'failed']),
    bankReference: z.string().trim().min(1).max(64).optional().meta({ description: 'Required when paid' }),
    paidAt: IsoTime.optional().meta({ description: 'When the bank paid; defaults to now' }),
    reason: z.string().trim().min(1).max(500).optional().meta({ description: 'Required when failed' }),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.status === 'paid' && !b.bankReference) {
      ctx.addIssue({
        code: 'custom',
        path: ['bankReference'],
        message: 'required',
        params: { code: 'required' },
      });
    }
    if (b.status === 'failed' && !b.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required', params: { code: 'required' } });
    }
  });
export type PayoutResultBody = z.infer<typeof PayoutResultBodySchema>;

/**
 * amount_mismatch: the bank file's amount differs; status_mismatch: the bank file says paid/failed
 * but the platform says otherwise; missing_in_bank_file: a payout of the batch the file does not
 * mention; unknown_in_bank_file: a row of the file matching no payout of the batch;
 * application_not_paid: a paid payout whose application is not marked paid (should never happen).
 */
export const RECONCILIATION_MISMATCH_KINDS = [
  'amount_mismatch',
  'status_mismatch',
  'missing_in_bank_file',
  'unknown_in_bank_file',
  'application_not_paid',
] as const;

export const ReconciliationMismatchSchema = z.object({
  kind: z.enum(RECONCILIATION_MISMATCH_KINDS),
  payoutId: z.uuid().nullable(),
  applicationNumber: z.string().nullable(),
  expectedFen: Fen.nullable(),
  bankFen: Fen.nullable(),
  detail: z.string(),
});

export const PayoutReconciliationSchema = z
  .object({
    batchId: z.uuid(),
    batchNo: z.string(),
    expected: PayoutTotalsSchema,
    paid: PayoutTotalsSchema,
    failed: PayoutTotalsSchema,
    pending: PayoutTotalsSchema,
    balanced: z.boolean().meta({
      description: 'expected = paid + failed + pending, and no mismatches',
    }),
    bankFile: z
      .object({ rows: z.number().int(), paid: PayoutTotalsSchema, failed: PayoutTotalsSchema })
      .nullable()
      .meta({ description: 'Totals of the uploaded bank result file, when one was uploaded' }),
    mismatches: z.array(ReconciliationMismatchSchema),
  })
  .meta({ id: 'PayoutReconciliation' });
export type PayoutReconciliation = z.infer<typeof PayoutReconciliationSchema>;

/** Column headers of the finance export and of the bank result file (first sheet, row 1). */
export const PAYOUT_EXPORT_COLUMNS = [
  { key: 'batchNo', zh: '批次号' },
  { key: 'seq', zh: '序号' },
  { key: 'payeeName', zh: '收款人' },
  { key: 'payeeId', zh: '证件号/信用代码' },
  { key: 'bankName', zh: '开户银行' },
  { key: 'accountNumber', zh: '银行账号' },
  { key: 'amountYuan', zh: '金额（元）' },
  { key: 'amountFen', zh: '金额（分）' },
  { key: 'policy', zh: '政策' },
  { key: 'applicationNumber', zh: '申请编号' },
  { key: 'payoutId', zh: '支付流水ID' },
] as const;

/** The bank result file: the export's payoutId column plus these (status 成功/失败 or paid/failed). */
export const BANK_RESULT_COLUMNS = [
  { key: 'payoutId', zh: '支付流水ID' },
  { key: 'amountFen', zh: '金额（分）' },
  { key: 'status', zh: '结果' },
  { key: 'bankReference', zh: '银行流水号' },
  { key: 'reason', zh: '失败原因' },
] as const;

// ——— Entrepreneurship (item 5) ———

/**
 * Zhanjiang's nine county-level districts (GB/T 2260): a start-up recorded here is in the city.
 * (The enterprises module's CITY_DISTRICT_CODES is the server-side twin.)
 */
export const STARTUP_DISTRICT_CODES = [
  '440802',
  '440803',
  '440804',
  '440811',
  '440823',
  '440825',
  '440881',
  '440882',
  '440883',
] as const;

const CityDistrictSchema = RegionCodeSchema.refine(
  (c) => (STARTUP_DISTRICT_CODES as readonly string[]).includes(c),
  { params: { code: 'not_in_city' }, message: 'not_in_city' },
).meta({ description: 'One of Zhanjiang’s nine districts (4408xx)', example: '440803' });

/** company: a registered company (credit code required); individual: 个体工商户 (code optional); cooperative: 农民专业合作社. */
export const STARTUP_BUSINESS_TYPES = ['company', 'individual', 'cooperative'] as const;
export type StartupBusinessType = (typeof STARTUP_BUSINESS_TYPES)[number];

/**
 * Evidence that the founder is a returned worker (返乡创业):
 * - outside_work: household registration in Zhanjiang (4408xx, from the identity number) and
 *   previous work outside the city (a region code not starting 4408);
 * - chartered_bus: they came back on one of the bureau's chartered buses (a booking id).
 */
export const ReturnEvidenceSchema = z
  .object({
    kind: z.enum(['outside_work', 'chartered_bus']),
    previousWorkRegionCode: RegionCodeSchema.optional().meta({
      description: 'outside_work: where they worked',
    }),
    previousEmployer: z.string().trim().max(100).optional(),
    returnedOn: IsoDate.optional(),
    busBookingId: z.uuid().optional().meta({ description: 'chartered_bus: the booking they travelled on' }),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.kind === 'outside_work' && !e.previousWorkRegionCode) {
      ctx.addIssue({
        code: 'custom',
        path: ['previousWorkRegionCode'],
        message: 'required',
        params: { code: 'required' },
      });
    }
  });
export type ReturnEvidence = z.infer<typeof ReturnEvidenceSchema>;

/**
 * A start-up record. A seeker records their own (the person is theirs); staff record one for a
 * person of their districts, naming `personId` or the person's details (found or created by
 * identity number / phone).
 */
export const CreateStartupBodySchema = z
  .object({
    personId: z.uuid().optional().meta({ description: 'Staff: an existing person' }),
    person: z
      .object({
        fullName: z.string().trim().min(1).max(60),
        phone: PhoneSchema,
        idNumber: IdNumberSchema.optional(),
      })
      .strict()
      .optional()
      .meta({ description: 'Staff: a person not yet known (found by identity number or created)' }),
    businessName: z.string().trim().min(2).max(100),
    businessType: z.enum(STARTUP_BUSINESS_TYPES),
    creditCode: CreditCodeSchema.optional().meta({
      description: 'Required for companies and cooperatives; an individual business may have none',
    }),
    districtCode: CityDistrictSchema,
    address: z.string().trim().max(200).optional(),
    industryCode: IndustryCodeSchema,
    startDate: IsoDate,
    jobsCreated: z
      .number()
      .int()
      .min(0)
      .max(10000)
      .meta({ description: 'People employed, the founder included' }),
    returnEvidence: ReturnEvidenceSchema.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.businessType !== 'individual' && !b.creditCode) {
      ctx.addIssue({
        code: 'custom',
        path: ['creditCode'],
        message: 'required',
        params: { code: 'credit_code_required' },
      });
    }
  });
export type CreateStartupBody = z.infer<typeof CreateStartupBodySchema>;

export const UpdateStartupBodySchema = z
  .object({
    businessName: z.string().trim().min(2).max(100).optional(),
    address: z.string().trim().max(200).optional(),
    jobsCreated: z.number().int().min(0).max(10000).optional(),
    status: z.enum(['active', 'closed']).optional().meta({ description: 'closed: the business stopped' }),
    returnEvidence: ReturnEvidenceSchema.optional(),
  })
  .strict();
export type UpdateStartupBody = z.infer<typeof UpdateStartupBodySchema>;

export const STARTUP_STATUSES = ['active', 'closed'] as const;

export const StartupSchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    personName: z.string().meta({ description: 'Full name for the founder and staff' }),
    personIdNumberMasked: z.string().nullable(),
    householdRegionCode: z.string().nullable(),
    businessName: z.string(),
    businessType: z.enum(STARTUP_BUSINESS_TYPES),
    creditCode: z.string().nullable(),
    creditCodeChecksumValid: z.boolean().nullable().meta({
      description: 'false: the check character fails; staff confirm against the licence',
    }),
    districtCode: z.string(),
    address: z.string().nullable(),
    industryCode: z.string(),
    startDate: IsoDate,
    jobsCreated: z.number().int(),
    status: z.enum(STARTUP_STATUSES),
    returnedWorker: z.boolean().meta({ description: 'Whether the evidence shows a returned worker' }),
    returnEvidence: ReturnEvidenceSchema.nullable(),
    returnedWorkerReasons: z
      .array(z.string())
      .meta({ description: 'Why (or why not), in the reader’s language' }),
    createdAt: IsoTime,
    updatedAt: IsoTime,
  })
  .meta({ id: 'Startup' });
export type Startup = z.infer<typeof StartupSchema>;

export const ListStartupsQuerySchema = z
  .object({
    districtCode: RegionCodeSchema.optional().meta({ description: 'Staff: one of their districts' }),
    returnedWorker: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    personId: z.uuid().optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListStartupsQuery = z.infer<typeof ListStartupsQuerySchema>;

/**
 * Entrepreneurship guarantee loan (创业担保贷款) referrals: requested (by the founder or staff) →
 * referred (staff sent it to the bank) → granted (the bank lent, with the amount) or declined;
 * granted → repaid; the founder may withdraw a request not yet granted.
 */
export const GUARANTEE_LOAN_STATUSES = [
  'requested',
  'referred',
  'granted',
  'declined',
  'repaid',
  'withdrawn',
] as const;
export type GuaranteeLoanStatus = (typeof GUARANTEE_LOAN_STATUSES)[number];

export const CreateGuaranteeLoanBodySchema = z
  .object({
    amountRequestedFen: z.number().int().min(100_000).max(300_000_000).meta({
      description:
        'Fen, 1,000 to 3,000,000 yuan (the small-enterprise ceiling); the lower caps for individual borrowers change by year and are checked by staff and the bank',
    }),
    bankName: z.string().trim().min(2).max(100),
    termMonths: z.number().int().min(1).max(60).default(36),
    purpose: z.string().trim().max(500).optional(),
  })
  .strict();
export type CreateGuaranteeLoanBody = z.input<typeof CreateGuaranteeLoanBodySchema>;

export const UpdateGuaranteeLoanBodySchema = z
  .object({
    status: z.enum(['referred', 'granted', 'declined', 'repaid', 'withdrawn']),
    amountGrantedFen: z
      .number()
      .int()
      .min(1)
      .max(300_000_000)
      .optional()
      .meta({ description: 'Required when granted' }),
    grantedOn: IsoDate.optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.status === 'granted' && !b.amountGrantedFen) {
      ctx.addIssue({
        code: 'custom',
        path: ['amountGrantedFen'],
        message: 'required',
        params: { code: 'required' },
      });
    }
    if (b.status === 'declined' && !b.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'required', params: { code: 'required' } });
    }
  });
export type UpdateGuaranteeLoanBody = z.infer<typeof UpdateGuaranteeLoanBodySchema>;

export const GuaranteeLoanSchema = z
  .object({
    id: z.uuid(),
    startupId: z.uuid(),
    businessName: z.string(),
    personId: z.uuid(),
    personName: z.string(),
    districtCode: z.string(),
    amountRequestedFen: Fen,
    amountGrantedFen: Fen.nullable(),
    bankName: z.string(),
    termMonths: z.number().int(),
    purpose: z.string().nullable(),
    status: z.enum(GUARANTEE_LOAN_STATUSES),
    note: z.string().nullable(),
    grantedOn: IsoDate.nullable(),
    createdAt: IsoTime,
    updatedAt: IsoTime,
  })
  .meta({ id: 'GuaranteeLoan' });
export type GuaranteeLoan = z.infer<typeof GuaranteeLoanSchema>;

export const ListGuaranteeLoansQuerySchema = z
  .object({
    status: z.enum(GUARANTEE_LOAN_STATUSES).optional(),
    startupId: z.uuid().optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListGuaranteeLoansQuery = z.infer<typeof ListGuaranteeLoansQuerySchema>;

/** A request to defer repayments of a granted loan: submitted → approved or rejected (staff, with a note). */
export const LOAN_DEFERRAL_STATUSES = ['submitted', 'approved', 'rejected', 'withdrawn'] as const;
export type LoanDeferralStatus = (typeof LOAN_DEFERRAL_STATUSES)[number];

export const CreateLoanDeferralBodySchema = z
  .object({
    months: z.number().int().min(1).max(12).meta({ description: 'How many months of repayments to defer' }),
    reason: z.string().trim().min(2).max(1000),
  })
  .strict();
export type CreateLoanDeferralBody = z.infer<typeof CreateLoanDeferralBodySchema>;

export const DecideLoanDeferralBodySchema = z
  .object({
    decision: z
      .enum(['approve', 'reject', 'withdraw'])
      .meta({ description: 'withdraw: the founder themself' }),
    note: z.string().trim().max(500).optional().meta({ description: 'Required to reject' }),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.decision === 'reject' && !b.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'required', params: { code: 'required' } });
    }
  });
export type DecideLoanDeferralBody = z.infer<typeof DecideLoanDeferralBodySchema>;

export const LoanDeferralSchema = z
  .object({
    id: z.uuid(),
    loanId: z.uuid(),
    startupId: z.uuid(),
    businessName: z.string(),
    personName: z.string(),
    districtCode: z.string(),
    months: z.number().int(),
    reason: z.string(),
    status: z.enum(LOAN_DEFERRAL_STATUSES),
    reviewNote: z.string().nullable(),
    reviewedAt: IsoTime.nullable(),
    createdAt: IsoTime,
  })
  .meta({ id: 'LoanDeferral' });
export type LoanDeferral = z.infer<typeof LoanDeferralSchema>;

export const ListLoanDeferralsQuerySchema = z
  .object({
    status: z.enum(LOAN_DEFERRAL_STATUSES).optional(),
    loanId: z.uuid().optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListLoanDeferralsQuery = z.infer<typeof ListLoanDeferralsQuerySchema>;

// ——— Proactive eligibility (item 4, 免申即享) ———

/** Where the platform learnt about a candidate subject. */
export const ELIGIBLE_SOURCES = ['enterprise', 'startup', 'resume', 'key_group_hire'] as const;

/**
 * Scan the subjects the platform knows for a policy. Staff limited to districts see only subjects
 * of their districts; city-wide staff may narrow with `districtCodes`. Subjects who already applied
 * or were granted for the period are left out. `period` defaults to the policy's current period.
 */
export const FindEligibleBodySchema = z
  .object({
    districtCodes: z.array(CityDistrictSchema).max(9).optional(),
    asOf: IsoDate.optional().meta({ description: 'Evaluate the rules as of this day (default today)' }),
    page: z.number().int().min(1).max(100000).default(1),
    pageSize: z.number().int().min(1).max(100).default(20),
  })
  .strict();
export type FindEligibleBody = z.input<typeof FindEligibleBodySchema>;

export const EligibleReasonSchema = z.object({
  fact: z.string().nullable().meta({ description: 'The fact a rule read, e.g. person.returnedWorker' }),
  passed: z.boolean().meta({
    description:
      'Whether the condition itself holds (before an enclosing not/any, as the policies module reports it)',
  }),
  message: z.string().meta({ description: 'In the reader’s language' }),
});
export type EligibleReason = z.infer<typeof EligibleReasonSchema>;

export const EligibleSubjectSchema = z
  .object({
    subjectType: z.enum(PAYOUT_SUBJECT_TYPES),
    subjectId: z.uuid(),
    name: z.string().meta({ description: 'Enterprise name; a person’s name masked (张*明)' }),
    districtCode: z.string().nullable(),
    sources: z.array(z.enum(ELIGIBLE_SOURCES)),
    amountFen: Fen.nullable().meta({ description: 'The amount the policy’s formula computes' }),
    reasons: z.array(EligibleReasonSchema),
    reachable: z.boolean().meta({ description: 'Has an account that can be notified or confirm' }),
  })
  .meta({ id: 'EligibleSubject' });
export type EligibleSubject = z.infer<typeof EligibleSubjectSchema>;

export const FindEligibleResultSchema = z
  .object({
    policyCode: z.string(),
    period: z.string().nullable(),
    asOf: IsoDate,
    scanned: z.number().int().meta({ description: 'Candidates evaluated after the SQL narrowing' }),
    excluded: z.number().int().meta({
      description: 'Candidates left out because they already applied or were granted for the period',
    }),
    items: z.array(EligibleSubjectSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'FindEligibleResult' });
export type FindEligibleResult = z.infer<typeof FindEligibleResultSchema>;

export const OUTREACH_MODES = ['notify', 'prepare'] as const;
export type OutreachMode = (typeof OUTREACH_MODES)[number];

/**
 * notify: an in-app notification inviting the subject to apply; prepare: a draft application
 * prepared for the subject (and a notification) that the beneficiary only confirms. Every subject is
 * re-checked; the result lists what happened to each. Send an `Idempotency-Key`.
 */
export const OutreachBodySchema = z
  .object({
    subjectIds: z.array(z.uuid()).min(1).max(500),
    mode: z.enum(OUTREACH_MODES),
    asOf: IsoDate.optional(),
    message: z.string().trim().max(500).optional().meta({ description: 'Added to the notification' }),
  })
  .strict();
export type OutreachBody = z.infer<typeof OutreachBodySchema>;

export const OUTREACH_OUTCOMES = ['notified', 'prepared', 'skipped'] as const;
/** Why a subject was skipped in an outreach run (each also a field error code). */
export const OUTREACH_SKIP_REASONS = [
  'subject_not_found',
  'subject_not_eligible',
  'application_exists',
  'no_account',
  'outside_district',
  'duplicate',
] as const;

export const OutreachResultSchema = z.object({
  subjectId: z.uuid(),
  outcome: z.enum(OUTREACH_OUTCOMES),
  applicationId: z.uuid().nullable().meta({ description: 'prepare: the draft application' }),
  reason: z.enum(OUTREACH_SKIP_REASONS).nullable(),
});

export const OutreachRunSchema = z
  .object({
    id: z.uuid(),
    policyCode: z.string(),
    mode: z.enum(OUTREACH_MODES),
    createdAt: IsoTime,
    createdByName: z.string(),
    requested: z.number().int(),
    notified: z.number().int(),
    prepared: z.number().int(),
    skipped: z.number().int(),
    results: z.array(OutreachResultSchema),
  })
  .meta({ id: 'OutreachRun' });
export type OutreachRun = z.infer<typeof OutreachRunSchema>;

export const ListOutreachRunsQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListOutreachRunsQuery = z.infer<typeof ListOutreachRunsQuerySchema>;

/** `/policies/{code}/…` routes of the proactive module. */
export const ProactivePolicyParamsSchema = z.object({ code: PolicyCodeParam });

/**
 * A person's name as lists and notices show it: the surname and, for three characters or more, the
 * last character (张*明, 欧**明, 李*); Latin names keep their first letter (J***).
 */
export function maskPayeeName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
