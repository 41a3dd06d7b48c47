import { z } from 'zod';
import { FIELD_ERROR_MESSAGES } from '../errors.js';
import { checkPassword } from '../validators/password.js';
import { isValidPhone, normalizePhone } from '../validators/phone.js';
import { codeExists, OCCUPATION_CODE_RE, REGION_CODE_RE, type CodeKind } from '../validators/codes.js';

export const UuidSchema = z.uuid();
export const IdParamsSchema = z.object({ id: z.uuid() });

export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** Accepts +86/spaces/dashes, answers the normalised 11 digits. */
export const PhoneSchema = z
  .string()
  .max(32)
  .transform((s) => normalizePhone(s))
  .refine((s) => isValidPhone(s), { params: { code: 'phone_format' }, message: 'phone_format' });

export const PasswordSchema = z
  .string()
  .min(1)
  .max(128)
  .superRefine((pw, ctx) => {
    const code = checkPassword(pw);
    if (code) ctx.addIssue({ code: 'custom', message: code, params: { code } });
  });

export const DisplayNameSchema = z.string().trim().min(1).max(60);

function codeSchema(
  kind: CodeKind,
  re: RegExp | null,
  formatCode: keyof typeof FIELD_ERROR_MESSAGES,
  unknownCode: keyof typeof FIELD_ERROR_MESSAGES,
) {
  const base = z.string().max(32);
  return base
    .refine((c) => (re ? re.test(c) : c.length > 0), {
      params: { code: formatCode },
      message: formatCode,
      abort: true,
    })
    .refine((c) => codeExists(kind, c), { params: { code: unknownCode }, message: unknownCode });
}

/** GB/T 2260 six-digit region code that must exist in the reference data. */
export const RegionCodeSchema = codeSchema('region', REGION_CODE_RE, 'region_format', 'unknown_region').meta({
  description: 'GB/T 2260 six-digit region code, e.g. 440803',
  example: '440803',
});
/** GB/T 6565 occupation code (any level) that must exist in the reference data. */
export const OccupationCodeSchema = codeSchema(
  'occupation',
  OCCUPATION_CODE_RE,
  'occupation_format',
  'unknown_occupation',
).meta({
  description: 'GB/T 6565 occupation code, e.g. 6-18-02-04',
  example: '6-18-02-04',
});
export const IndustryCodeSchema = codeSchema(
  'industry',
  /^[A-T]$/,
  'invalid_format',
  'unknown_industry',
).meta({
  description: 'GB/T 4754-2017 section letter A–T',
  example: 'C',
});
export const EducationLevelSchema = codeSchema(
  'education_level',
  /^[a-z_]+$/,
  'invalid_format',
  'unknown_education_level',
).meta({
  description: 'Education level code, see /api/v1/reference/education-levels',
  example: 'college',
});

export const OkSchema = z.object({ ok: z.literal(true) });
