import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const base64Key = z
  .string()
  .refine((s) => Buffer.from(s, 'base64').length === 32, 'must be 32 bytes, base64-encoded');

/**
 * Every setting Jiuye reads from the environment. Nothing else reads process.env.
 * A bad value stops the start with the list of every bad key (Epic Stack's fail-fast config).
 */
export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Issue 10 (docs/scaling.md): a streaming replica for search and statistics; unset = DATABASE_URL. */
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  JIUYE_DATA_DIR: z.string().min(1).default('./data'),
  JIUYE_ADMIN_PHONE: z
    .string()
    .regex(/^1[3-9]\d{9}$/, 'must be an 11-digit mobile number')
    .optional(),
  JIUYE_ADMIN_PASSWORD: z.string().min(8, 'must have at least 8 characters').optional(),
  JIUYE_AUTH_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(30),
  /** Per-route limits (issue 9; platform/rate-limits.ts): per signed-in user, else per address. */
  JIUYE_REGISTER_RATE_PER_HOUR: z.coerce.number().int().min(1).max(10_000_000).default(60),
  JIUYE_SEARCH_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(300),
  JIUYE_BOOKING_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(30),
  JIUYE_EXPORT_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(20),
  /** AES-256-GCM key for sensitive fields; without it a key file is created under the data dir. */
  JIUYE_ENCRYPTION_KEY: base64Key.optional(),
  /** HMAC-SHA256 key for exact-lookup columns of encrypted values. */
  JIUYE_HMAC_KEY: base64Key.optional(),
  JIUYE_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  JIUYE_SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  JIUYE_DEMO_DATA: bool.default(true),
  JIUYE_TRUST_PROXY: bool.default(false),
  JIUYE_WEB_DIST: z.string().default('web/dist'),
  JIUYE_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** An Idempotency-Key left unfinished this long (its process crashed) may be retried. */
  JIUYE_IDEMPOTENCY_STALE_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
  /** A CJK font for PDF reports (`/path/font.ttf`, or `/path/fonts.ttc#PostScriptName`); see decision 0011. */
  JIUYE_PDF_FONT: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type Config = z.infer<typeof ConfigSchema> & { dataDir: string; webDist: string };

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, as shells and .env files often leave them.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const c = parsed.data;
  const problems: string[] = [];
  if ((c.JIUYE_ADMIN_PHONE === undefined) !== (c.JIUYE_ADMIN_PASSWORD === undefined)) {
    problems.push('JIUYE_ADMIN_PHONE and JIUYE_ADMIN_PASSWORD: set both or neither');
  }
  if ((c.JIUYE_ENCRYPTION_KEY === undefined) !== (c.JIUYE_HMAC_KEY === undefined)) {
    problems.push('JIUYE_ENCRYPTION_KEY and JIUYE_HMAC_KEY: set both or neither');
  }
  if (c.DATABASE_READ_URL !== undefined && c.DATABASE_URL === undefined) {
    problems.push('DATABASE_READ_URL: needs DATABASE_URL (no replica of the embedded database)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...c, dataDir: path.resolve(c.JIUYE_DATA_DIR), webDist: path.resolve(c.JIUYE_WEB_DIST) };
}
