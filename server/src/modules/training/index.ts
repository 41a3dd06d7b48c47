import type { FastifyPluginAsync } from 'fastify';
import type { TrainingOutcomes } from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import type { AppDeps } from '../../platform/context.js';
import { registerFactProvider } from '../policies/index.js';
import { trainingFactProvider } from './training.facts.js';
import { trainingRoutes } from './training.routes.js';
import { outcomesOf } from './training.service.js';

// person.training.* for support-policy rules (training subsidies).
registerFactProvider(trainingFactProvider);

export { seedDemoTraining } from './training.demo.js';
/**
 * A course's results and its employment outcome: completed trainees with an employment registration
 * or a platform hire within 6 months after completion (computed in one query). 404 AppError when
 * the course does not exist. `now` decides which trainees are still inside their 6-month window.
 */
export async function trainingOutcomes(
  db: Executor,
  courseId: string,
  now: Date = new Date(),
): Promise<TrainingOutcomes> {
  return outcomesOf(db, courseId, now);
}

/** Vocational training providers, courses, capacity-safe enrolment, completion and outcomes (issue 7). */
export function trainingModule(_deps: AppDeps): FastifyPluginAsync {
  return trainingRoutes;
}
