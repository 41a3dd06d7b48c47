import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CompleteEnrollmentBodySchema,
  CourseSessionParamsSchema,
  CreateTrainingCourseBodySchema,
  CreateTrainingProviderBodySchema,
  EnrollBodySchema,
  IdParamsSchema,
  ListTrainingCoursesQuerySchema,
  ListTrainingEnrollmentsQuerySchema,
  ListTrainingProvidersQuerySchema,
  PutSessionAttendanceBodySchema,
  SessionAttendanceSchema,
  TrainingCourseSchema,
  TrainingEnrollmentSchema,
  TrainingOutcomesSchema,
  TrainingProviderSchema,
  UpdateTrainingCourseBodySchema,
  WithdrawEnrollmentBodySchema,
  pageOf,
} from '@jiuye/shared';
import { AppError } from '../../platform/errors.js';
import { mayUseTraining } from './training.policy.js';
import * as svc from './training.service.js';

/**
 * Routes that seekers (training:enroll) share with providers and staff (training:provide) declare
 * `authenticated` and narrow it here, before the body is validated. The service checks the record.
 */
async function requireTrainingPermission(req: FastifyRequest): Promise<void> {
  if (!mayUseTraining(req.ctx.actor)) throw new AppError('forbidden');
}

export const trainingRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['training'];

  app.post(
    '/training-providers',
    {
      config: { access: 'training:provide', errors: ['already_exists'] },
      schema: {
        operationId: 'createTrainingProvider',
        summary:
          'Register a training provider (a college/agency account its own; staff one without an account)',
        tags,
        body: CreateTrainingProviderBodySchema,
        response: { 201: TrainingProviderSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createProvider(req.ctx, req.body)),
  );

  app.get(
    '/training-providers',
    {
      config: { access: 'training:provide' },
      schema: {
        operationId: 'listTrainingProviders',
        summary: 'Training providers: staff see their districts’, a provider account its own',
        tags,
        querystring: ListTrainingProvidersQuerySchema,
        response: { 200: pageOf(TrainingProviderSchema) },
      },
    },
    async (req) => svc.listProviders(req.ctx, req.query),
  );

  app.post(
    '/training-courses',
    {
      config: { access: 'training:provide' },
      schema: {
        operationId: 'createTrainingCourse',
        summary:
          'Create a vocational training course with its sessions (its provider; staff in their districts)',
        tags,
        body: CreateTrainingCourseBodySchema,
        response: { 201: TrainingCourseSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createCourse(req.ctx, req.body)),
  );

  app.get(
    '/training-courses',
    {
      config: { access: 'authenticated' },
      preValidation: requireTrainingPermission,
      schema: {
        operationId: 'listTrainingCourses',
        summary: 'Training courses: seekers see open ones, providers their own, staff their districts’',
        tags,
        querystring: ListTrainingCoursesQuerySchema,
        response: { 200: pageOf(TrainingCourseSchema) },
      },
    },
    async (req) => svc.listCourses(req.ctx, req.query),
  );

  app.get(
    '/training-courses/:id',
    {
      config: { access: 'authenticated' },
      preValidation: requireTrainingPermission,
      schema: {
        operationId: 'getTrainingCourse',
        summary: 'One training course with its sessions and places left',
        tags,
        params: IdParamsSchema,
        response: { 200: TrainingCourseSchema },
      },
    },
    async (req) => svc.getCourse(req.ctx, req.params.id),
  );

  app.patch(
    '/training-courses/:id',
    {
      config: { access: 'training:provide', errors: ['conflict'] },
      schema: {
        operationId: 'updateTrainingCourse',
        summary: 'Open or close enrolment, finish or cancel a course',
        tags,
        params: IdParamsSchema,
        body: UpdateTrainingCourseBodySchema,
        response: { 200: TrainingCourseSchema },
      },
    },
    async (req) => svc.updateCourse(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/training-courses/:id/enrollments',
    {
      config: {
        access: 'authenticated',
        idempotent: true,
        errors: ['course_full', 'already_exists', 'conflict'],
      },
      preValidation: requireTrainingPermission,
      schema: {
        operationId: 'enrollInTrainingCourse',
        summary:
          'Enrol in a course: a seeker themself ({}); staff or the provider a person on file or a new one',
        description:
          'Send an Idempotency-Key to retry safely. Never more enrolments than capacity (409 course_full); one enrolment per person and course (409 already_exists, errors[0].code already_enrolled); a course not open is 409 conflict (course_not_open).',
        tags,
        params: IdParamsSchema,
        body: EnrollBodySchema,
        response: { 201: TrainingEnrollmentSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.enroll(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/training-courses/:id/enrollments',
    {
      config: { access: 'training:provide' },
      schema: {
        operationId: 'listTrainingEnrollments',
        summary:
          'A course’s trainees with attendance and results (its provider; staff of its district, audited)',
        tags,
        params: IdParamsSchema,
        querystring: ListTrainingEnrollmentsQuerySchema,
        response: { 200: pageOf(TrainingEnrollmentSchema) },
      },
    },
    async (req) => svc.listCourseEnrollments(req.ctx, req.params.id, req.query),
  );

  app.put(
    '/training-courses/:id/sessions/:sessionId/attendance',
    {
      config: { access: 'training:provide' },
      schema: {
        operationId: 'putTrainingAttendance',
        summary: 'Take a session’s attendance (present or absent per enrolment); retaking overwrites',
        tags,
        params: CourseSessionParamsSchema,
        body: PutSessionAttendanceBodySchema,
        response: { 200: SessionAttendanceSchema },
      },
    },
    async (req) => svc.putSessionAttendance(req.ctx, req.params.id, req.params.sessionId, req.body),
  );

  app.get(
    '/training-courses/:id/outcomes',
    {
      config: { access: 'training:provide' },
      schema: {
        operationId: 'getTrainingOutcomes',
        summary: 'Results of a course and employment within 6 months of completion',
        tags,
        params: IdParamsSchema,
        response: { 200: TrainingOutcomesSchema },
      },
    },
    async (req) => svc.getOutcomes(req.ctx, req.params.id),
  );

  app.post(
    '/training-enrollments/:id/withdraw',
    {
      config: { access: 'authenticated', errors: ['conflict'] },
      preValidation: requireTrainingPermission,
      schema: {
        operationId: 'withdrawTrainingEnrollment',
        summary: 'Withdraw from a course (the trainee, the provider, staff): frees the place',
        tags,
        params: IdParamsSchema,
        body: WithdrawEnrollmentBodySchema,
        response: { 200: TrainingEnrollmentSchema },
      },
    },
    async (req) => svc.withdraw(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/training-enrollments/:id/complete',
    {
      config: { access: 'training:provide', errors: ['conflict', 'already_exists'] },
      schema: {
        operationId: 'completeTrainingEnrollment',
        summary: 'Record a trainee’s result: passed with the certificate number, or failed',
        tags,
        params: IdParamsSchema,
        body: CompleteEnrollmentBodySchema,
        response: { 200: TrainingEnrollmentSchema },
      },
    },
    async (req) => svc.complete(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/me/training-enrollments',
    {
      config: { access: 'training:enroll' },
      schema: {
        operationId: 'listMyTrainingEnrollments',
        summary: 'My training enrolments with attendance and results',
        tags,
        querystring: ListTrainingEnrollmentsQuerySchema,
        response: { 200: pageOf(TrainingEnrollmentSchema) },
      },
    },
    async (req) => svc.listMyEnrollments(req.ctx, req.query),
  );
};
