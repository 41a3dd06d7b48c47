import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { sendProblem } from './errors.js';

/**
 * Serves the built web app (web/dist) with an SPA fallback: any GET outside /api that accepts HTML
 * gets index.html so client-side routes survive a reload. Hashed assets are cached for a year.
 */
export async function installWeb(app: FastifyInstance, webDist: string): Promise<void> {
  const hasBuild = existsSync(path.join(webDist, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      setHeaders: (res, file) => {
        void res.header(
          'cache-control',
          file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    if ((request.method === 'GET' || request.method === 'HEAD') && !url.startsWith('/api') && wantsHtml) {
      if (!hasBuild) {
        return reply
          .type('text/plain; charset=utf-8')
          .status(503)
          .send('The web app is not built: run `npm run build -w web` (npm start does this).');
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html', webDist);
    }
    return sendProblem(request, reply, 'route_not_found');
  });
}
