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
  'travel_request_required',
  'trip_route_mismatch',
  'already_booked',
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
  // Shortages, shared employment, colleges (issue 6)
  'idle_workers_exhausted',
  'cohort_exhausted',
  'demand_filled',
  // Partner regions, job fairs, agencies (issue 6)
  'fair_not_live',
  'fair_closed',
  'fair_full',
  'already_referred',
  'agency_not_verified',
  'contract_not_active',
  'contract_target_reached',
  // Monitoring and early warning (issue 8)
  'report_closed',
  'alert_resolved',
  'report_font_unavailable',
  // Strong authentication (issue 9)
  'mfa_required',
  'mfa_invalid_code',
  'reauth_required',
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
  travel_request_required: 409,
  trip_route_mismatch: 409,
  already_booked: 409,
  not_eligible: 422,
  separation_of_duties: 403,
  already_paid: 409,
  already_granted: 409,
  policy_not_effective: 409,
  already_registered: 409,
  course_full: 409,
  placement_not_allowed: 409,
  idle_workers_exhausted: 409,
  cohort_exhausted: 409,
  demand_filled: 409,
  fair_not_live: 409,
  fair_closed: 409,
  fair_full: 409,
  already_referred: 409,
  agency_not_verified: 409,
  contract_not_active: 409,
  contract_target_reached: 409,
  report_closed: 409,
  alert_resolved: 409,
  report_font_unavailable: 503,
  mfa_required: 403,
  mfa_invalid_code: 400,
  reauth_required: 403,
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
  travel_request_required: {
    'zh-CN': '请先登记返岗出行需求，再预订座位',
    'en-US': 'Register your return-to-work travel request before booking a seat',
  },
  trip_route_mismatch: {
    'zh-CN': '该班次的出发地或目的地与您的出行登记不符',
    'en-US': 'This bus does not go from your county to your destination',
  },
  already_booked: {
    'zh-CN': '您已预订或候补了座位，请勿重复预订',
    'en-US': 'You already hold a seat or a waitlist place',
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
  idle_workers_exhausted: {
    'zh-CN': '该闲置员工登记剩余可共享人数不足',
    'en-US': 'This idle-workforce declaration has fewer workers left than requested',
  },
  cohort_exhausted: {
    'zh-CN': '该届学生剩余可对接人数不足',
    'en-US': 'This cohort has fewer students left than requested',
  },
  demand_filled: {
    'zh-CN': '该企业需求剩余名额不足',
    'en-US': 'This demand has fewer places left than requested',
  },
  fair_not_live: {
    'zh-CN': '招聘会尚未开始（或未发布），暂不能进场或签到',
    'en-US': 'The job fair has not started (or is not published) yet',
  },
  fair_closed: {
    'zh-CN': '招聘会已结束，展位已关闭，不再受理通过招聘会的申请',
    'en-US': 'The job fair is over: its booths are closed and take no more applications',
  },
  fair_full: {
    'zh-CN': '招聘会展位已满',
    'en-US': 'All booths of this job fair are taken',
  },
  already_referred: {
    'zh-CN': '已向该求职者推荐过这个岗位',
    'en-US': 'This seeker was already referred to this job',
  },
  agency_not_verified: {
    'zh-CN': '人力资源服务机构尚未通过认证',
    'en-US': 'The HR service agency is not verified',
  },
  contract_not_active: {
    'zh-CN': '服务合同不在履行中',
    'en-US': 'The service contract is not active',
  },
  contract_target_reached: {
    'zh-CN': '服务合同约定的数量已全部完成核验',
    'en-US': 'The contract’s target count is already verified in full',
  },
  report_closed: {
    'zh-CN': '该月报告已过更正截止日期，不能再修改',
    'en-US': 'This month’s report is past its correction deadline and can no longer change',
  },
  alert_resolved: {
    'zh-CN': '该预警已办结',
    'en-US': 'This alert is already resolved',
  },
  report_font_unavailable: {
    'zh-CN': '服务器缺少中文字体，暂不能生成 PDF 报告',
    'en-US': 'The server has no Chinese font, so the PDF report cannot be made',
  },
  mfa_required: {
    'zh-CN': '请先完成第二步验证（动态验证码）',
    'en-US': 'Complete the second sign-in step (authenticator code) first',
  },
  mfa_invalid_code: {
    'zh-CN': '验证码不正确或已使用过',
    'en-US': 'The code is wrong or has already been used',
  },
  reauth_required: {
    'zh-CN': '这是敏感操作，请再次验证身份',
    'en-US': 'This is a sensitive change: confirm your identity again',
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
  // Early-warning rule parameters (issue 8)
  must_be_positive: { 'zh-CN': '必须大于 0', 'en-US': 'Must be greater than 0' },
  share_out_of_range: {
    'zh-CN': '比例须大于 0 且不超过 1（0.1 即 10%）',
    'en-US': 'A share must be above 0 and at most 1 (0.1 is 10%)',
  },
  must_be_whole: { 'zh-CN': '必须是整数', 'en-US': 'Must be a whole number' },
  unknown_param: { 'zh-CN': '该类规则没有此参数', 'en-US': 'This kind of rule has no such parameter' },
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
  invalid_code: {
    'zh-CN': '验证码不正确或已使用过，请输入验证器上的最新验证码',
    'en-US': 'Wrong or already used code: enter the latest one from your authenticator',
  },
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
  too_many_files: {
    'zh-CN': '一次只能上传一个文件',
    'en-US': 'Upload one file at a time',
  },
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
  // Chartered buses (issue 4)
  not_a_county: {
    'zh-CN': '请选择到区县一级的地区',
    'en-US': 'Choose a county-level region',
  },
  outside_city: {
    'zh-CN': '目的地须为湛江市辖区县',
    'en-US': 'The destination must be a district of Zhanjiang',
  },
  cost_shares: {
    'zh-CN': '分摊金额之和须等于总费用，并与付费方式一致',
    'en-US': 'The shares must add up to the cost and match the payer',
  },
  seats_below_taken: {
    'zh-CN': '可售座位不能少于已售座位',
    'en-US': 'Seats for sale cannot drop below the seats already taken',
  },
  boarding_code_invalid: {
    'zh-CN': '乘车码无效或不属于本班次',
    'en-US': 'The boarding code is invalid or not for this bus',
  },
  not_hired_by_enterprise: {
    'zh-CN': '该求职申请不属于本企业的录用或录取通知',
    'en-US': 'This application is not an offer or hire of this enterprise',
  },
  staff_not_found: {
    'zh-CN': '该工作人员账号不存在',
    'en-US': 'No such staff account',
  },
  handover_pending: {
    'zh-CN': '还有乘客未确认交接',
    'en-US': 'Some passengers’ handover is not recorded yet',
  },
  already_planned: {
    'zh-CN': '该出行登记已排入其他班次',
    'en-US': 'This request is already planned onto another bus',
  },
  booking_not_confirmed: {
    'zh-CN': '该乘客没有本班次的有效座位',
    'en-US': 'This passenger holds no confirmed seat on this bus',
  },
  ambiguous_region: {
    'zh-CN': '有多个地区叫这个名字，请填写6位地区代码',
    'en-US': 'Several regions have this name; give the six-digit code',
  },
  // Payouts, entrepreneurship, proactive eligibility (issue 5)
  bank_account_format: {
    'zh-CN': '银行账号应为8至32位数字',
    'en-US': 'A bank account number has 8 to 32 digits',
  },
  application_not_found: { 'zh-CN': '申请不存在', 'en-US': 'No such application' },
  application_not_approved: {
    'zh-CN': '该申请尚未审批通过，不能发放',
    'en-US': 'This application is not approved; it cannot be paid',
  },
  payout_exists: {
    'zh-CN': '该申请已在其他支付批次中（待支付或已支付）',
    'en-US': 'This application is already in a payout batch (pending or paid)',
  },
  payee_account_missing: {
    'zh-CN': '尚未登记收款银行账户',
    'en-US': 'No payee bank account on file',
  },
  zero_amount: { 'zh-CN': '核定金额为0，无需发放', 'en-US': 'The approved amount is 0; nothing to pay' },
  payout_already_paid: { 'zh-CN': '已支付，不能更改', 'en-US': 'Already paid; it cannot change' },
  grant_exists: {
    'zh-CN': '同一主体在同一期间已享受过该政策',
    'en-US': 'Already granted to this subject for the same period',
  },
  not_in_city: {
    'zh-CN': '应为湛江市所辖区县（4408开头）',
    'en-US': 'Must be one of Zhanjiang’s districts (4408xx)',
  },
  credit_code_required: {
    'zh-CN': '公司和合作社须填写统一社会信用代码',
    'en-US': 'Companies and cooperatives need a unified social credit code',
  },
  subject_not_found: { 'zh-CN': '对象不存在', 'en-US': 'No such enterprise or person' },
  subject_not_eligible: { 'zh-CN': '不符合该政策条件', 'en-US': 'Not eligible' },
  application_exists: {
    'zh-CN': '已申请或已享受该政策',
    'en-US': 'Already applied for or granted this policy',
  },
  no_account: {
    'zh-CN': '该对象没有平台账号，无法通知',
    'en-US': 'No platform account to notify',
  },
  loan_not_granted: {
    'zh-CN': '只有已发放的贷款可以申请延期还款',
    'en-US': 'Only a granted loan can have its repayments deferred',
  },
  deferral_pending: {
    'zh-CN': '该贷款已有一笔待审核的延期申请',
    'en-US': 'This loan already has a deferral request under review',
  },
  // Support policies (issue 5)
  rule_shape: {
    'zh-CN': '规则应为 all、any、not 或 {fact, op, value} 之一',
    'en-US': 'A rule is exactly one of all, any, not or {fact, op, value}',
  },
  rule_too_deep: {
    'zh-CN': '规则嵌套不能超过8层',
    'en-US': 'Rules may nest at most 8 levels deep',
  },
  rule_too_large: { 'zh-CN': '规则条件过多', 'en-US': 'The rule has too many conditions' },
  unknown_fact: { 'zh-CN': '事实项不存在', 'en-US': 'Unknown fact' },
  fact_subject_mismatch: {
    'zh-CN': '该事实项不适用于此类申请对象',
    'en-US': 'This fact is about another kind of applicant',
  },
  op_not_allowed: {
    'zh-CN': '该事实项不支持此比较方式',
    'en-US': 'This operator does not apply to this fact',
  },
  value_type: {
    'zh-CN': '比较值的类型与事实项不符',
    'en-US': 'The value does not have the fact’s type',
  },
  duplicate: { 'zh-CN': '重复', 'en-US': 'Duplicate' },
  condition_not_met: { 'zh-CN': '不满足该条件', 'en-US': 'This condition is not met' },
  fact_unknown: {
    'zh-CN': '缺少判断该条件所需的信息',
    'en-US': 'The information this condition needs is missing',
  },
  wrong_applicant_type: {
    'zh-CN': '该政策面向其他类型的申请对象',
    'en-US': 'This policy is for another kind of applicant',
  },
  unknown_document: {
    'zh-CN': '文件不存在或不是您上传的',
    'en-US': 'No such file among your uploads',
  },
  unknown_doc_code: {
    'zh-CN': '该政策没有这种申请材料',
    'en-US': 'This policy asks for no such document',
  },
  document_required: {
    'zh-CN': '请上传该申请材料',
    'en-US': 'Upload this document',
  },
  unknown_field: { 'zh-CN': '该政策没有这个表单项', 'en-US': 'This policy has no such form field' },
  objection_closed: {
    'zh-CN': '公示期已结束，不再受理异议',
    'en-US': 'The notice period is over; objections are no longer accepted',
  },
  // Registration and assistance (issue 7, persons, registrations, key groups, cases)
  person_or_worker: {
    'zh-CN': '请选择已登记人员或填写劳动者信息（二选一）',
    'en-US': 'Give either a registered person or the worker’s details, not both',
  },
  id_number_required: {
    'zh-CN': '请先填写身份证号',
    'en-US': 'An identity number is needed first',
  },
  posting_unknown: { 'zh-CN': '岗位不存在', 'en-US': 'No such job posting' },
  person_unknown: { 'zh-CN': '人员不存在', 'en-US': 'No such person' },
  district_required: {
    'zh-CN': '请选择登记地区（湛江市辖区县）',
    'en-US': 'Choose the registration district (a district of Zhanjiang)',
  },
  not_a_clerk: {
    'zh-CN': '您不是该企业的经办人',
    'en-US': 'You are not a clerk of this enterprise',
  },
  hire_in_future: { 'zh-CN': '录用日期不能晚于今天', 'en-US': 'The hire date cannot be in the future' },
  seeker_account_unknown: {
    'zh-CN': '没有使用该手机号注册的求职者账号',
    'en-US': 'No job seeker account uses this mobile number',
  },
  rule_group_mismatch: {
    'zh-CN': '新规则的生效日期须晚于现行规则的生效日期',
    'en-US': 'A new rule version must take effect after the current one',
  },
  // Public-welfare posts, vocational training, rural e-commerce (issue 7)
  person_or_person_id: {
    'zh-CN': '请选择已登记人员或填写人员信息（二选一）',
    'en-US': 'Give either a person on file or the person’s details, not both',
  },
  exceeds_working_days: {
    'zh-CN': '出勤天数不能多于应出勤天数',
    'en-US': 'Days present cannot exceed working days',
  },
  ends_before_start: { 'zh-CN': '结束时间不能早于开始时间', 'en-US': 'The end is before the start' },
  employment_difficulty_required: {
    'zh-CN': '公益性岗位只安置经认定的就业困难人员',
    'en-US': 'Public-welfare posts are only for recognised people with employment difficulties',
  },
  welfare_term_limit: {
    'zh-CN': '公益性岗位累计安置期限已达上限',
    'en-US': 'The cumulative public-welfare placement limit is reached',
  },
  welfare_post_full: { 'zh-CN': '该岗位人数已满', 'en-US': 'All places on this post are taken' },
  already_placed: {
    'zh-CN': '该人员已在公益性岗位上',
    'en-US': 'This person already holds a public-welfare post',
  },
  post_closed: { 'zh-CN': '该岗位已关闭', 'en-US': 'This post is closed' },
  outside_placement: {
    'zh-CN': '该月份不在安置期内或尚未到来',
    'en-US': 'This month is outside the placement or still to come',
  },
  already_enrolled: {
    'zh-CN': '该人员已报名此培训班',
    'en-US': 'This person is already enrolled in this course',
  },
  course_not_open: { 'zh-CN': '该培训班未开放报名', 'en-US': 'This course is not open for enrolment' },
  certificate_exists: {
    'zh-CN': '该证书编号已被使用',
    'en-US': 'This certificate number is already used',
  },
  session_not_started: {
    'zh-CN': '该课次尚未开始，不能考勤',
    'en-US': 'This session has not started; attendance cannot be taken yet',
  },
  not_in_course: {
    'zh-CN': '该学员不在此培训班（或已退出）',
    'en-US': 'Not an active trainee of this course',
  },
  not_in_course_period: {
    'zh-CN': '课次应在培训班起止日期之内',
    'en-US': 'Sessions must fall between the course’s start and end dates',
  },
  provider_exists: {
    'zh-CN': '该账号已登记培训机构，或许可证号已被使用',
    'en-US': 'This account already has a provider, or the licence number is taken',
  },
  already_participating: {
    'zh-CN': '该人员已参加此项目',
    'en-US': 'This person already takes part in this project',
  },
  enterprise_unknown: { 'zh-CN': '单位不存在', 'en-US': 'No such enterprise' },
  provider_unknown: { 'zh-CN': '培训机构不存在', 'en-US': 'No such training provider' },
  provider_required: {
    'zh-CN': '请先登记培训机构信息',
    'en-US': 'Register your training provider first',
  },
  // Shortages, shared employment, colleges, key enterprises (issue 6, items 1–4)
  headcount_below_filled: {
    'zh-CN': '缺口人数不能少于已补充人数',
    'en-US': 'The headcount cannot be below the number already filled',
  },
  filled_above_headcount: {
    'zh-CN': '已补充人数不能多于缺口人数',
    'en-US': 'The number filled cannot exceed the headcount',
  },
  shortage_closed: {
    'zh-CN': '该用工缺口已解决或已撤销',
    'en-US': 'This shortage is resolved or cancelled',
  },
  idle_withdrawn: {
    'zh-CN': '该闲置员工登记已撤回',
    'en-US': 'This idle-workforce declaration is withdrawn',
  },
  same_enterprise: {
    'zh-CN': '出借方与借入方不能是同一企业',
    'en-US': 'The lender and the borrower cannot be the same enterprise',
  },
  outside_idle_period: {
    'zh-CN': '共享期间须在闲置员工的可共享期间之内',
    'en-US': 'The period must lie within the idle workers’ availability',
  },
  too_many_workers: {
    'zh-CN': '列出的员工多于协议人数',
    'en-US': 'More workers listed than the agreement covers',
  },
  worker_already_lent: {
    'zh-CN': '该员工已在另一份有效的共享用工协议中',
    'en-US': 'This worker is already in another open sharing agreement',
  },
  duplicate_worker: { 'zh-CN': '该员工已在本协议中', 'en-US': 'This worker is already on this agreement' },
  not_a_party: {
    'zh-CN': '您不是该方企业的经办人',
    'en-US': 'You are not a clerk of that party',
  },
  already_signed: { 'zh-CN': '该方已签署', 'en-US': 'This party has already signed' },
  not_a_listed_worker: {
    'zh-CN': '该人员不在本协议的员工名单中',
    'en-US': 'This person is not listed on the agreement',
  },
  consent_in_app_required: {
    'zh-CN': '该员工有平台账号，须本人在手机上确认',
    'en-US': 'This worker has an account and must consent in the app',
  },
  consent_already_given: {
    'zh-CN': '该员工已作出答复',
    'en-US': 'This worker has already answered',
  },
  count_below_reserved: {
    'zh-CN': '人数不能少于已纳入协议的人数',
    'en-US': 'The number cannot be below those already in agreements',
  },
  students_above_count: {
    'zh-CN': '登记的学生多于该届学生人数',
    'en-US': 'More students on file than the cohort has',
  },
  cohort_closed: { 'zh-CN': '该届学生信息已关闭', 'en-US': 'This cohort is closed' },
  demand_closed: { 'zh-CN': '该需求已关闭', 'en-US': 'This demand is closed' },
  college_required: {
    'zh-CN': '请先填写学校信息',
    'en-US': 'Fill in your college’s details first',
  },
  officer_outside_district: {
    'zh-CN': '服务专员须为负责该企业所在区县的工作人员',
    'en-US': 'The service officer must be staff covering the enterprise’s district',
  },
  not_key_enterprise: {
    'zh-CN': '该企业不是重点企业',
    'en-US': 'This enterprise is not a key enterprise',
  },
  // Partner regions, job fairs, agencies (issue 6)
  venue_required: { 'zh-CN': '现场招聘会须填写举办地点', 'en-US': 'An on-site fair needs a venue' },
  partner_region_in_city: {
    'zh-CN': '合作地区应为湛江市以外的劳务输出地',
    'en-US': 'A partner region is a labour-source region outside Zhanjiang',
  },
  partner_region_level: {
    'zh-CN': '合作地区应为地级市或区县',
    'en-US': 'A partner region is a prefecture or a county',
  },
  partner_region_exists: {
    'zh-CN': '该地区已登记为合作地区',
    'en-US': 'This region is already a partner region',
  },
  not_partner_officer: {
    'zh-CN': '该账号不是此合作地区的劳务协作专员',
    'en-US': 'This account is not a partner officer of this region',
  },
  partner_region_unknown: { 'zh-CN': '合作地区不存在或已终止', 'en-US': 'No such active partner region' },
  posting_not_targeted: {
    'zh-CN': '该岗位未面向本地区定向发布',
    'en-US': 'This job is not targeted at your region',
  },
  seeker_outside_region: {
    'zh-CN': '该求职者不属于本地区，或未公开简历',
    'en-US': 'This seeker is not from your region or has not made the résumé visible',
  },
  posting_not_of_enterprise: {
    'zh-CN': '岗位不属于该企业或未发布',
    'en-US': 'The job is not a published job of this enterprise',
  },
  posting_not_in_booth: {
    'zh-CN': '该岗位不在此展位',
    'en-US': 'This job is not shown at this booth',
  },
  booth_not_approved: { 'zh-CN': '展位未通过审核', 'en-US': 'The booth is not approved' },
  booth_exists: {
    'zh-CN': '该企业已报名此招聘会',
    'en-US': 'This enterprise already registered a booth at this fair',
  },
  fair_started: {
    'zh-CN': '招聘会已开始，不能再修改时间或内容',
    'en-US': 'The fair has started; its window and details cannot change',
  },
  not_on_site: { 'zh-CN': '网络招聘会无需现场签到', 'en-US': 'An online fair has no on-site check-in' },
  check_in_code_invalid: {
    'zh-CN': '签到码无效或不属于本场招聘会',
    'en-US': 'The check-in code is invalid or not for this fair',
  },
  licence_number_taken: {
    'zh-CN': '该许可证号已被其他机构登记',
    'en-US': 'Another agency registered this licence number',
  },
  agency_exists: {
    'zh-CN': '本账号已登记人力资源服务机构',
    'en-US': 'This account already registered its agency',
  },
  agency_unknown: { 'zh-CN': '人力资源服务机构不存在', 'en-US': 'No such HR service agency' },
  enterprise_not_target: {
    'zh-CN': '该企业不是合同服务对象',
    'en-US': 'This enterprise is not served by the contract',
  },
  hire_unknown: {
    'zh-CN': '录用记录不存在或不属于该企业',
    'en-US': 'No such hire by this enterprise',
  },
  deliverable_exists: {
    'zh-CN': '该人员（或录用记录）已在本合同中申报',
    'en-US': 'This worker (or hire) is already reported under this contract',
  },
  outside_contract_period: {
    'zh-CN': '日期不在合同服务期内',
    'en-US': 'The date is outside the contract period',
  },
  // Monitoring, statistics, early warning (issue 8)
  report_unbalanced: {
    'zh-CN': '期末人数应等于期初人数 + 新增 − 减员',
    'en-US': 'End headcount must equal start + hires − separations',
  },
  start_mismatch: {
    'zh-CN': '期初人数应等于上月报告的期末人数',
    'en-US': 'Start headcount must equal the previous month’s reported end headcount',
  },
  end_mismatch: {
    'zh-CN': '期末人数应等于下月报告的期初人数',
    'en-US': 'End headcount must equal the next month’s reported start headcount',
  },
  month_not_ended: { 'zh-CN': '该月尚未结束，不能报告', 'en-US': 'That month has not ended yet' },
  before_first_month: {
    'zh-CN': '该月早于企业纳入监测的首月',
    'en-US': 'That month is before the enterprise’s first monitored month',
  },
  not_monitored: { 'zh-CN': '该企业不是监测样本企业', 'en-US': 'This enterprise is not a monitoring sample' },
  area_outside_city: {
    'zh-CN': '区域须为本市或本市所辖区县',
    'en-US': 'The area must be the city or one of its districts',
  },
  cursor_invalid: { 'zh-CN': '游标无效', 'en-US': 'Not a valid cursor or time' },
  too_many_months: { 'zh-CN': '一次最多查询36个月', 'en-US': 'At most 36 months per request' },
  // Personal-information rights (issue 9)
  notice_outdated: {
    'zh-CN': '个人信息处理规则已更新，请阅读新版本后再同意',
    'en-US': 'The privacy notice has changed; read the new version before consenting',
  },
  no_person_record: {
    'zh-CN': '您还没有人员档案，无需更正姓名',
    'en-US': 'You have no person record, so there is no name to correct',
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
