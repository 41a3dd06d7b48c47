import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateWelfarePostBodySchema,
  EndWelfarePlacementBodySchema,
  IdParamsSchema,
  ListWelfarePlacementsQuerySchema,
  ListWelfarePostsQuerySchema,
  ListWelfareSubsidiesQuerySchema,
  PlaceOnWelfarePostBodySchema,
  PutWelfareAttendanceBodySchema,
  UpdateWelfarePostBodySchema,
  WelfareAttendanceParamsSchema,
  WelfarePlacementSchema,
  WelfarePostSchema,
  WelfareSubsidyRecordSchema,
  pageOf,
} from '@jiuye/shared';
import * as svc from './welfare-posts.service.js';

/** Public-welfare posts (公益性岗位): sponsoring units' clerks and staff, both holding welfare:publish. */
export const welfarePostsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['welfare-posts'];

  app.post(
    '/welfare-posts',
    {
      config: { access: 'welfare:publish', errors: ['enterprise_not_verified'] },
      schema: {
        operationId: 'createWelfarePost',
        summary:
          'Publish a public-welfare post (a sponsoring unit’s clerk for its unit; staff in their districts)',
        tags,
        body: CreateWelfarePostBodySchema,
        response: { 201: WelfarePostSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createPost(req.ctx, req.body)),
  );

  app.get(
    '/welfare-posts',
    {
      config: { access: 'welfare:publish' },
      schema: {
        operationId: 'listWelfarePosts',
        summary: 'Public-welfare posts: staff see their districts’, clerks their units’',
        tags,
        querystring: ListWelfarePostsQuerySchema,
        response: { 200: pageOf(WelfarePostSchema) },
      },
    },
    async (req) => svc.listPosts(req.ctx, req.query),
  );

  app.get(
    '/welfare-posts/:id',
    {
      config: { access: 'welfare:publish' },
      schema: {
        operationId: 'getWelfarePost',
        summary: 'One public-welfare post',
        tags,
        params: IdParamsSchema,
        response: { 200: WelfarePostSchema },
      },
    },
    async (req) => svc.getPost(req.ctx, req.params.id),
  );

  app.patch(
    '/welfare-posts/:id',
    {
      config: { access: 'welfare:publish', errors: ['conflict'] },
      schema: {
        operationId: 'updateWelfarePost',
        summary: 'Close a public-welfare post to new placements, or reopen it',
        tags,
        params: IdParamsSchema,
        body: UpdateWelfarePostBodySchema,
        response: { 200: WelfarePostSchema },
      },
    },
    async (req) => svc.updatePost(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/welfare-posts/:id/placements',
    {
      config: { access: 'welfare:publish', idempotent: true, errors: ['placement_not_allowed'] },
      schema: {
        operationId: 'placeOnWelfarePost',
        summary: 'Place a person with employment difficulties on a post (staff of its district)',
        description:
          'Send an Idempotency-Key to retry safely. 409 placement_not_allowed names the reason in errors[0].code: employment_difficulty_required, already_placed, welfare_term_limit (detail gives the months used and left), welfare_post_full or post_closed.',
        tags,
        params: IdParamsSchema,
        body: PlaceOnWelfarePostBodySchema,
        response: { 201: WelfarePlacementSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.place(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/welfare-posts/:id/placements',
    {
      config: { access: 'welfare:publish' },
      schema: {
        operationId: 'listWelfarePlacements',
        summary: 'The people placed on a post (its unit; staff of its district, audited)',
        tags,
        params: IdParamsSchema,
        querystring: ListWelfarePlacementsQuerySchema,
        response: { 200: pageOf(WelfarePlacementSchema) },
      },
    },
    async (req) => svc.listPlacements(req.ctx, req.params.id, req.query),
  );

  app.post(
    '/welfare-placements/:id/end',
    {
      config: { access: 'welfare:publish', errors: ['conflict'] },
      schema: {
        operationId: 'endWelfarePlacement',
        summary: 'End a placement with a reason: frees the place, counts the months served',
        tags,
        params: IdParamsSchema,
        body: EndWelfarePlacementBodySchema,
        response: { 200: WelfarePlacementSchema },
      },
    },
    async (req) => svc.endPlacement(req.ctx, req.params.id, req.body),
  );

  app.put(
    '/welfare-placements/:id/attendance/:month',
    {
      config: { access: 'welfare:publish', errors: ['already_paid', 'conflict'] },
      schema: {
        operationId: 'putWelfareAttendance',
        summary: 'Report a month’s attendance of a placement; answers the subsidy record it produces',
        description:
          'amountFen = floor(monthlySubsidyFen × daysPresent ÷ workingDays). Reporting the month again replaces it until the subsidy is paid (then 409 already_paid).',
        tags,
        params: WelfareAttendanceParamsSchema,
        body: PutWelfareAttendanceBodySchema,
        response: { 200: WelfareSubsidyRecordSchema },
      },
    },
    async (req) => svc.putAttendance(req.ctx, req.params.id, req.params.month, req.body),
  );

  app.get(
    '/welfare-subsidies',
    {
      config: { access: 'welfare:publish' },
      schema: {
        operationId: 'listWelfareSubsidies',
        summary:
          'Monthly public-welfare post subsidy records (staff: their districts, audited; clerks: their units)',
        tags,
        querystring: ListWelfareSubsidiesQuerySchema,
        response: { 200: pageOf(WelfareSubsidyRecordSchema) },
      },
    },
    async (req) => svc.listSubsidies(req.ctx, req.query),
  );
};
