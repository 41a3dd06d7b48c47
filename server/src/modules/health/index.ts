import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { ProblemSchema } from '@jiuye/shared';
import type { AppDeps } from '../../platform/context.js';
import { VERSION } from '../../version.js';

const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['ok', 'unreachable']),
  version: z.string(),
});

export function healthModule(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/api/health',
      {
        config: { access: 'public', errors: ['service_unavailable'] },
        schema: {
          operationId: 'getHealth',
          summary: 'Liveness and database reachability',
          tags: ['platform'],
          response: { 200: HealthSchema, 503: HealthSchema.or(ProblemSchema) },
        },
      },
      async (_req, reply) => {
        try {
          await sql`SELECT 1`.execute(deps.db);
          return { status: 'ok' as const, db: 'ok' as const, version: VERSION };
        } catch {
          return reply
            .status(503)
            .send({ status: 'degraded' as const, db: 'unreachable' as const, version: VERSION });
        }
      },
    );
  };
}
