import type { FastifyServerOptions } from 'fastify';

/**
 * Paths pino must never print. Bodies are not logged at all; headers carry cookies and tokens.
 * Identity numbers only ever leave the database encrypted or masked, but redact them too in case a
 * careless `log.info(obj)` passes one.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.idNumber',
  '*.passwordHash',
  'password',
  'token',
  'idNumber',
];

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  return { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
}
