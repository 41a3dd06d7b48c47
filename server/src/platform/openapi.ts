import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

type Doc = {
  paths?: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>
  >;
};

/** Error responses are problem+json (RFC 9457): say so in the document, not application/json. */
function problemContentTypes(doc: Doc): Doc {
  for (const ops of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(ops)) {
      for (const [status, resp] of Object.entries(op.responses ?? {})) {
        if (Number(status) >= 400 && resp.content?.['application/json']) {
          resp.content = { 'application/problem+json': resp.content['application/json'] };
        }
      }
    }
  }
  return doc;
}

export async function installOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Jiuye 就业 API',
        version,
        description:
          'Public employment service platform. Conventions: docs/api.md. Errors are application/problem+json (RFC 9457) in zh-CN or en-US following Accept-Language.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'jiuye_sid' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (documentObject) => {
      const doc = jsonSchemaTransformObject(documentObject);
      problemContentTypes(doc as Doc);
      return doc;
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
}
