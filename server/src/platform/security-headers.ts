import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import type { FastifyHelmetOptions } from '@fastify/helmet';

type HeaderSink = { setHeader(name: string, value: string): void; removeHeader(name: string): void };
type HelmetMiddleware = (req: unknown, res: HeaderSink, next: (err?: unknown) => void) => void;
export type SecurityHeaderOptions = Omit<FastifyHelmetOptions, 'global' | 'enableCSPNonces'>;

/**
 * The headers helmet sets for these options, computed once. Our options are static (no CSP nonces,
 * no per-request directives), so every response gets the same headers; `@fastify/helmet` instead
 * runs `helmet(options)` for every request, re-parsing the CSP directives each time (issue 10:
 * about a tenth of the CPU of a cached posting detail). helmet itself stays the single source of
 * the header values: it is the dependency `@fastify/helmet` brings, resolved from there.
 */
export function securityHeaders(options: SecurityHeaderOptions): readonly (readonly [string, string])[] {
  const fromHere = createRequire(import.meta.url);
  const helmet = createRequire(fromHere.resolve('@fastify/helmet'))('helmet') as (
    o: SecurityHeaderOptions,
  ) => HelmetMiddleware;
  const headers = new Map<string, string>();
  helmet(options)(
    {},
    {
      setHeader: (name, value) => headers.set(name, String(value)),
      removeHeader: (name) => headers.delete(name),
    },
    (err) => {
      if (err) throw err instanceof Error ? err : new Error('helmet refused its options');
    },
  );
  return [...headers];
}

/** Sets the security headers on every response, as `@fastify/helmet` did (on the raw response). */
export function installSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): void {
  const headers = securityHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}
