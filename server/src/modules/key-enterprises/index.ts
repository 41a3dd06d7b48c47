import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { keyEnterprisesRoutes } from './key-enterprises.routes.js';

export { seedDemoKeyEnterprises } from './key-enterprises.demo.js';

/** Key enterprises, service officers and the service log of visits and problems with deadlines (issue 6). */
export function keyEnterprisesModule(_deps: AppDeps): FastifyPluginAsync {
  return keyEnterprisesRoutes;
}
