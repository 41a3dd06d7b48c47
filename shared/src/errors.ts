import { z } from 'zod';

/**
 * The closed list of machine error codes the API can answer with.
 * Adding a code means adding its status and both messages below: the tables are exhaustive
 * (`Record<ErrorCode, …>`), so the compiler refuses a code without them.
 */
export const ERROR_CODES = [
  'validation_failed',
  'unknown_code',
  'malformed_request',
  'unsupported_media_type',
  'payload_too_large',
  'unauthenticated',
  'invalid_credentials',
  'login_throttled',
  'account_locked',
  'account_disabled',
  'password_change_required',
  'password_policy',
  'forbidden',
  'not_found',
  'route_not_found',
  'method_not_allowed',
  'conflict',
  'already_exists',
  'idempotency_conflict',
  'idempotency_in_progress',
  'enterprise_not_verified',
  'import_failed',
  // Applications (issue 3)
  'already_applied',
  'resume_required',
  'posting_not_open',
  'posting_filled',
  // Chartered buses (issue 4)
  'trip_full',
  'trip_not_open',
  'booking_overlap',
  'travel_request_exists',
  // Support policies (issue 5)
  'not_eligible',
  'separation_of_duties',
  'already_paid',
  'already_granted',
  'policy_not_effective',
  // Registration and assistance (issue 7)
  'already_registered',
  'course_full',
  'placement_not_allowed',
  'rate_limited',
  'service_unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ERROR_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unknown_code: 400,
  malformed_request: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthenticated: 401,
  invalid_credentials: 401,
  login_throttled: 429,
  account_locked: 423,
  account_disabled: 403,
  password_change_required: 403,
  password_policy: 400,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  already_exists: 409,
  idempotency_conflict: 409,
  idempotency_in_progress: 409,
  enterprise_not_verified: 409,
  import_failed: 400,
  already_applied: 409,
  resume_required: 409,
  posting_not_open: 409,
  posting_filled: 409,
  trip_full: 409,
  trip_not_open: 409,
  booking_overlap: 409,
  travel_request_exists: 409,
  not_eligible: 422,
  separation_of_duties: 403,
  already_paid: 409,
  already_granted: 409,
  policy_not_effective: 409,
  already_registered: 409,
  course_full: 409,
  placement_not_allowed: 409,
  rate_limited: 429,
  service_unavailable: 503,
  internal: 500,
};

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];

type Bilingual = Record<Locale, string>;

export const ERROR_TITLES: Record<ErrorCode, Bilingual> = {
  validation_failed: { 'zh-CN': '提交的内容有误，请按提示修改', 'en-US': 'Some fields are invalid' },
  unknown_code: { 'zh-CN': '代码不存在', 'en-US': 'Unknown code' },
  malformed_request: { 'zh-CN': '请求格式不正确', 'en-US': 'The request is malformed' },
  unsupported_media_type: {
    'zh-CN': '不支持的内容类型',
    'en-US': 'Unsupported content type',
  },
  payload_too_large: { 'zh-CN': '提交的内容过大', 'en-US': 'The request body is too large' },
  unauthenticated: { 'zh-CN': '请先登录', 'en-US': 'Please sign in' },
  invalid_credentials: {
    'zh-CN': '手机号或密码不正确',
    'en-US': 'Wrong phone number or password',
  },
  login_throttled: {
    'zh-CN': '密码错误次数过多，请稍后再试',
    'en-US': 'Too many wrong passwords; please wait and try again',
  },
  account_locked: {
    'zh-CN': '账号因多次密码错误被临时锁定',
    'en-US': 'The account is temporarily locked after repeated wrong passwords',
  },
  account_disabled: { 'zh-CN': '账号已停用', 'en-US': 'The account is disabled' },
  password_change_required: {
    'zh-CN': '请先修改初始密码',
    'en-US': 'Please change your initial password first',
  },
  password_policy: {
    'zh-CN': '密码不符合安全要求',
    'en-US': 'The password does not meet the policy',
  },
  forbidden: { 'zh-CN': '无权进行此操作', 'en-US': 'You are not allowed to do this' },
  not_found: { 'zh-CN': '记录不存在', 'en-US': 'Not found' },
  route_not_found: { 'zh-CN': '接口不存在', 'en-US': 'No such API route' },
  method_not_allowed: { 'zh-CN': '不支持的请求方法', 'en-US': 'Method not allowed' },
  conflict: { 'zh-CN': '与当前状态冲突', 'en-US': 'Conflicts with the current state' },
  already_exists: { 'zh-CN': '记录已存在', 'en-US': 'Already exists' },
  idempotency_conflict: {
    'zh-CN': '同一幂等键已用于不同的请求',
    'en-US': 'This Idempotency-Key was already used with a different request',
  },
  idempotency_in_progress: {
    'zh-CN': '相同请求正在处理中',
    'en-US': 'The same request is still being processed',
  },
  enterprise_not_verified: {
    'zh-CN': '企业尚未通过认证，岗位暂不能发布',
    'en-US': 'The enterprise is not verified yet; its postings cannot be published',
  },
  import_failed: {
    'zh-CN': '导入未完成：有数据行需要修改，本次没有导入任何岗位',
    'en-US': 'Nothing was imported: some rows need correcting',
  },
  already_applied: {
    'zh-CN': '您已申请过该岗位，请勿重复申请',
    'en-US': 'You have already applied for this job',
  },
  resume_required: {
    'zh-CN': '请先填写求职简历再申请岗位',
    'en-US': 'Please fill in your résumé before applying',
  },
  posting_not_open: {
    'zh-CN': '该岗位目前不接受申请',
    'en-US': 'This job is not open for applications',
  },
  posting_filled: {
    'zh-CN': '该岗位招聘人数已满',
    'en-US': 'All positions of this job have been filled',
  },
  trip_full: {
    'zh-CN': '该班次座位已满，可以登记候补',
    'en-US': 'This bus is full; you can join the waitlist',
  },
  trip_not_open: {
    'zh-CN': '该班次当前不接受订座',
    'en-US': 'This bus is not taking bookings now',
  },
  booking_overlap: {
    'zh-CN': '您已预订了时间重叠的另一班次',
    'en-US': 'You already hold a seat on a bus at an overlapping time',
  },
  travel_request_exists: {
    'zh-CN': '您已有一条未完成的返岗出行登记',
    'en-US': 'You already have an open return-to-work travel request',
  },
  not_eligible: {
    'zh-CN': '不符合该政策的申请条件',
    'en-US': 'Not eligible for this policy',
  },
  separation_of_duties: {
    'zh-CN': '不能审批自己经办或审核过的申请',
    'en-US': 'You cannot approve an application you prepared or reviewed',
  },
  already_paid: {
    'zh-CN': '该申请已发放，不会重复支付',
    'en-US': 'This application has already been paid; it will not be paid twice',
  },
  already_granted: {
    'zh-CN': '同一主体在同一期间已享受过该政策',
    'en-US': 'This subject already received this policy for the same period',
  },
  policy_not_effective: {
    'zh-CN': '该政策不在有效期内',
    'en-US': 'This policy is not in effect',
  },
  already_registered: {
    'zh-CN': '该人员已有有效的同类登记',
    'en-US': 'This person already has an active registration of this kind',
  },
  course_full: {
    'zh-CN': '该培训班名额已满',
    'en-US': 'This course is full',
  },
  placement_not_allowed: {
    'zh-CN': '该人员不符合公益性岗位安置条件',
    'en-US': 'This person cannot be placed on a public-welfare post',
  },
  rate_limited: { 'zh-CN': '请求过于频繁，请稍后再试', 'en-US': 'Too many requests; slow down' },
  service_unavailable: {
    'zh-CN': '服务暂时不可用',
    'en-US': 'The service is temporarily unavailable',
  },
  internal: {
    'zh-CN': '服务器内部错误，请稍后再试',
    'en-US': 'Internal error; please try again later',
  },
};

/** Field-level error codes, shown next to the field (web) and in `errors[]` (API). */
export const FIELD_ERROR_MESSAGES = {
  required: { 'zh-CN': '必填', 'en-US': 'Required' },
  invalid_type: { 'zh-CN': '类型不正确', 'en-US': 'Wrong type' },
  invalid_format: { 'zh-CN': '格式不正确', 'en-US': 'Invalid format' },
  invalid_value: { 'zh-CN': '取值不在允许范围内', 'en-US': 'Not one of the allowed values' },
  too_small: { 'zh-CN': '过短或过小', 'en-US': 'Too short or too small' },
  too_big: { 'zh-CN': '过长或过大', 'en-US': 'Too long or too large' },
  unrecognized_keys: { 'zh-CN': '包含不认识的字段', 'en-US': 'Contains unknown fields' },
  invalid: { 'zh-CN': '内容无效', 'en-US': 'Invalid' },
  phone_format: {
    'zh-CN': '请输入11位中国大陆手机号',
    'en-US': 'Enter an 11-digit mainland China mobile number',
  },
  id_format: {
    'zh-CN': '身份证号应为18位，最后一位可为X',
    'en-US': 'An identity number has 18 characters; the last may be X',
  },
  id_checksum: {
    'zh-CN': '身份证号校验位不正确',
    'en-US': 'The identity number check character is wrong',
  },
  id_birth_date: {
    'zh-CN': '身份证号中的出生日期无效',
    'en-US': 'The birth date in the identity number is invalid',
  },
  id_region: {
    'zh-CN': '身份证号中的地区代码无效',
    'en-US': 'The region code in the identity number is invalid',
  },
  id_too_young: {
    'zh-CN': '未满16周岁不能登记求职',
    'en-US': 'Job seekers must be at least 16 years old',
  },
  // Résumés (issue 3)
  birth_date_mismatch: {
    'zh-CN': '出生日期与身份证号不一致',
    'en-US': 'The birth date does not match the identity number',
  },
  id_number_taken: {
    'zh-CN': '该身份证号已登记在另一个账号下，请联系工作人员',
    'en-US': 'This identity number is registered to another account; please contact staff',
  },
  date_order: {
    'zh-CN': '结束时间不能早于开始时间',
    'en-US': 'The end cannot be before the start',
  },
  date_in_future: { 'zh-CN': '日期不能晚于今天', 'en-US': 'The date cannot be in the future' },
  credit_code_format: {
    'zh-CN': '统一社会信用代码应为18位数字或大写字母',
    'en-US': 'A unified social credit code has 18 digits or capital letters',
  },
  credit_code_checksum: {
    'zh-CN': '统一社会信用代码校验位不符，需工作人员核实',
    'en-US': 'The credit code check character does not match; staff must confirm it',
  },
  region_format: { 'zh-CN': '地区代码应为6位数字', 'en-US': 'A region code has 6 digits' },
  unknown_region: { 'zh-CN': '地区代码不存在', 'en-US': 'Unknown region code' },
  occupation_format: {
    'zh-CN': '职业代码格式不正确（如 6-18-02-04）',
    'en-US': 'Invalid occupation code (e.g. 6-18-02-04)',
  },
  unknown_occupation: { 'zh-CN': '职业代码不存在', 'en-US': 'Unknown occupation code' },
  unknown_industry: { 'zh-CN': '行业代码不存在', 'en-US': 'Unknown industry code' },
  unknown_education_level: {
    'zh-CN': '学历代码不存在',
    'en-US': 'Unknown education level',
  },
  password_too_short: {
    'zh-CN': '密码至少8位',
    'en-US': 'The password needs at least 8 characters',
  },
  password_too_weak: {
    'zh-CN': '密码需同时包含字母和数字',
    'en-US': 'The password needs both letters and digits',
  },
  password_common: {
    'zh-CN': '密码过于常见，请换一个',
    'en-US': 'This password is too common',
  },
  password_contains_phone: {
    'zh-CN': '密码不能包含手机号',
    'en-US': 'The password must not contain the phone number',
  },
  phone_taken: {
    'zh-CN': '该手机号已注册',
    'en-US': 'This phone number is already registered',
  },
  wrong_password: { 'zh-CN': '当前密码不正确', 'en-US': 'The current password is wrong' },
  unknown_scope: { 'zh-CN': '权限范围不存在', 'en-US': 'Unknown scope' },
  salary_range: {
    'zh-CN': '最高薪资不能低于最低薪资',
    'en-US': 'The maximum salary cannot be below the minimum',
  },
  date_in_past: { 'zh-CN': '日期不能早于今天', 'en-US': 'The date cannot be in the past' },
  date_too_far: { 'zh-CN': '日期过远', 'en-US': 'The date is too far ahead' },
  consent_required: {
    'zh-CN': '需要您单独同意后才能提交此项',
    'en-US': 'This needs your separate consent',
  },
  id_or_birth_date: {
    'zh-CN': '请填写身份证号或出生日期',
    'en-US': 'Give an identity number or a birth date',
  },
  file_type: {
    'zh-CN': '只接受 PDF、JPG 或 PNG 文件',
    'en-US': 'Only PDF, JPG or PNG files are accepted',
  },
  file_too_large: { 'zh-CN': '文件不能超过5MB', 'en-US': 'The file must not exceed 5 MB' },
  invalid_transition: {
    'zh-CN': '当前状态下不能进行此操作',
    'en-US': 'Not possible in the current status',
  },
  credit_code_taken: {
    'zh-CN': '该统一社会信用代码已有企业登记',
    'en-US': 'An enterprise with this credit code is already registered',
  },
  checksum_confirmation_required: {
    'zh-CN': '信用代码校验位不符：请核对营业执照原件后勾选确认',
    'en-US': 'The credit code fails its check: compare it with the licence, then confirm',
  },
  already_member: { 'zh-CN': '该手机号已是本企业成员', 'en-US': 'This phone is already a member' },
  owner_cannot_be_removed: {
    'zh-CN': '不能移除企业负责人',
    'en-US': 'The owner cannot be removed',
  },
  outside_district: {
    'zh-CN': '不在您负责的地区',
    'en-US': 'Outside the districts you are responsible for',
  },
  stale_version: {
    'zh-CN': '记录已被他人修改，请刷新后重试',
    'en-US': 'Someone else changed this record; reload and try again',
  },
  headcount_below_hired: {
    'zh-CN': '招聘人数不能少于已录用人数',
    'en-US': 'The headcount cannot be below the number already hired',
  },
  file_required: { 'zh-CN': '请选择要上传的文件', 'en-US': 'Choose a file to upload' },
  xlsx_required: {
    'zh-CN': '请上传 .xlsx 格式的 Excel 文件（可先下载模板）',
    'en-US': 'Upload an .xlsx Excel workbook (download the template first)',
  },
  too_many_rows: { 'zh-CN': '一次最多导入2000行', 'en-US': 'At most 2,000 rows per import' },
  missing_column: {
    'zh-CN': '缺少必需的列，请使用导入模板',
    'en-US': 'A required column is missing; use the import template',
  },
  empty_import: { 'zh-CN': '表格中没有岗位数据', 'en-US': 'The workbook has no posting rows' },
  ambiguous_region: {
    'zh-CN': '有多个地区叫这个名字，请填写6位地区代码',
    'en-US': 'Several regions have this name; give the six-digit code',
  },
} as const satisfies Record<string, Bilingual>;
export type FieldErrorCode = keyof typeof FIELD_ERROR_MESSAGES;

export function isFieldErrorCode(code: string): code is FieldErrorCode {
  return Object.prototype.hasOwnProperty.call(FIELD_ERROR_MESSAGES, code);
}

export const FieldErrorSchema = z.object({
  path: z.string().meta({ description: 'Dotted path of the field, e.g. `idNumber` or `items.0.code`' }),
  code: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** RFC 9457 problem details, as every error of the API is answered. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional().meta({ description: 'The request id' }),
    code: z.enum(ERROR_CODES),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;

export function pickLocale(acceptLanguage: string | undefined | null): Locale {
  if (!acceptLanguage) return 'zh-CN';
  // The first language the client names decides; anything English → en-US, else Chinese.
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en-US' : 'zh-CN';
}

export function fieldMessage(code: string, locale: Locale): string {
  return isFieldErrorCode(code) ? FIELD_ERROR_MESSAGES[code][locale] : FIELD_ERROR_MESSAGES.invalid[locale];
}
