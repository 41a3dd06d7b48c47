import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { ecommerceRoutes } from './ecommerce.routes.js';

export { seedDemoEcommerce } from './ecommerce.demo.js';
/** A project's outcomes summary (participants, trained, selling, income reported). */
export { projectOutcomes as ecommerceProjectOutcomes } from './ecommerce.service.js';

/** Rural e-commerce projects: villages or counties, products, organisers, participants and outcomes (issue 7). */
export function ecommerceModule(_deps: AppDeps): FastifyPluginAsync {
  return ecommerceRoutes;
}
