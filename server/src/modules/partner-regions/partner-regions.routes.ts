import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AttachPartnerOfficerBodySchema,
  CreatePartnerRegionBodySchema,
  CreateReferralBodySchema,
  IdParamsSchema,
  ListPartnerRegionsQuerySchema,
  ListReferralsQuerySchema,
  ListRegionSeekersQuerySchema,
  ListTargetedPostingsQuerySchema,
  PageQuerySchema,
  PartnerRegionOfficerParamsSchema,
  PartnerRegionSchema,
  PostingTargetsSchema,
  ReferralSchema,
  RegionSeekerSchema,
  RegionStatsQuerySchema,
  RegionStatsSchema,
  SetPostingTargetsBodySchema,
  TargetedPostingSchema,
  UpdatePartnerRegionBodySchema,
  pageOf,
} from '@jiuye/shared';
import { AppError } from '../../platform/errors.js';
import { mayViewPartnerRegions, mayWorkRegions } from './partner-regions.policy.js';
import * as svc from './partner-regions.service.js';

/**
 * Routes that staff, partner officers and clerks share declare `authenticated` and narrow it here,
 * before the query or body is validated; the service then checks the region (partner-regions.policy.ts).
 */
async function requireRegionViewer(req: FastifyRequest): Promise<void> {
  if (!mayViewPartnerRegions(req.ctx.actor)) throw new AppError('forbidden');
}
async function requireRegionWorker(req: FastifyRequest): Promise<void> {
  if (!mayWorkRegions(req.ctx.actor)) throw new AppError('forbidden');
}

export const partnerRegionsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['partner-regions'];

  app.post(
    '/partner-regions',
    {
      config: { access: 'labour:coordinate' },
      schema: {
        operationId: 'createPartnerRegion',
        summary: 'Record a partner labour-source region and its cooperation agreement (city-wide staff)',
        description:
          'A prefecture (450200 柳州) or county outside Zhanjiang, once per code (400 regionCode partner_region_exists). Audited.',
        tags,
        body: CreatePartnerRegionBodySchema,
        response: { 201: PartnerRegionSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createRegion(req.ctx, req.body)),
  );

  app.get(
    '/partner-regions',
    {
      config: { access: 'authenticated' },
      preValidation: requireRegionViewer,
      schema: {
        operationId: 'listPartnerRegions',
        summary: 'Partner regions: all for staff, their own for partner officers, active ones for clerks',
        tags,
        querystring: ListPartnerRegionsQuerySchema,
        response: { 200: pageOf(PartnerRegionSchema) },
      },
    },
    async (req) => svc.listRegions(req.ctx, req.query),
  );

  app.get(
    '/partner-regions/:id',
    {
      config: { access: 'authenticated' },
      preValidation: requireRegionViewer,
      schema: {
        operationId: 'getPartnerRegion',
        summary: 'One partner region with its officers and contacts (clerks: without them)',
        tags,
        params: IdParamsSchema,
        response: { 200: PartnerRegionSchema },
      },
    },
    async (req) => svc.getRegion(req.ctx, req.params.id),
  );

  app.patch(
    '/partner-regions/:id',
    {
      config: { access: 'labour:coordinate', errors: ['not_found'] },
      schema: {
        operationId: 'updatePartnerRegion',
        summary: 'Edit a partner region’s agreement, contacts or status (city-wide staff)',
        tags,
        params: IdParamsSchema,
        body: UpdatePartnerRegionBodySchema,
        response: { 200: PartnerRegionSchema },
      },
    },
    async (req) => svc.updateRegion(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/partner-regions/:id/officers',
    {
      config: { access: 'labour:coordinate', errors: ['not_found'] },
      schema: {
        operationId: 'attachPartnerOfficer',
        summary: 'Attach a partner officer (role partner, account naming the region) to the region',
        tags,
        params: IdParamsSchema,
        body: AttachPartnerOfficerBodySchema,
        response: { 200: PartnerRegionSchema },
      },
    },
    async (req) => svc.attachOfficer(req.ctx, req.params.id, req.body.userId),
  );

  app.delete(
    '/partner-regions/:id/officers/:userId',
    {
      config: { access: 'labour:coordinate', errors: ['not_found'] },
      schema: {
        operationId: 'detachPartnerOfficer',
        summary: 'Detach a partner officer from the region',
        tags,
        params: PartnerRegionOfficerParamsSchema,
        response: { 200: PartnerRegionSchema },
      },
    },
    async (req) => svc.detachOfficer(req.ctx, req.params.id, req.params.userId),
  );

  app.get(
    '/job-postings/:id/partner-regions',
    {
      config: { access: 'posting:manage', errors: ['not_found'] },
      schema: {
        operationId: 'getPostingPartnerRegions',
        summary: 'The partner regions a posting is promoted in (its clerks, staff)',
        tags,
        params: IdParamsSchema,
        response: { 200: PostingTargetsSchema },
      },
    },
    async (req) => svc.getPostingTargets(req.ctx, req.params.id),
  );

  app.put(
    '/job-postings/:id/partner-regions',
    {
      config: { access: 'posting:manage', errors: ['not_found', 'posting_not_open'] },
      schema: {
        operationId: 'setPostingPartnerRegions',
        summary: 'Target a posting at partner regions (the whole list; its clerks, staff of its district)',
        description:
          'Officers of a newly targeted region are notified when the posting is published. Audited.',
        tags,
        params: IdParamsSchema,
        body: SetPostingTargetsBodySchema,
        response: { 200: PostingTargetsSchema },
      },
    },
    async (req) => svc.setPostingTargets(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/partner-regions/:id/postings',
    {
      config: { access: 'authenticated', errors: ['not_found'] },
      preValidation: requireRegionWorker,
      schema: {
        operationId: 'listTargetedPostings',
        summary: 'Postings targeted at the region (officers: published and open only)',
        tags,
        params: IdParamsSchema,
        querystring: ListTargetedPostingsQuerySchema,
        response: { 200: pageOf(TargetedPostingSchema) },
      },
    },
    async (req) => svc.listTargetedPostings(req.ctx, req.params.id, req.query),
  );

  app.get(
    '/partner-regions/:id/seekers',
    {
      config: { access: 'partner:refer', errors: ['not_found'] },
      schema: {
        operationId: 'listRegionSeekers',
        summary: 'The region’s seekers (household or current region in it, résumé visible) for its officers',
        description: 'Phones masked; no identity number, gender or age. Each read is audited.',
        tags,
        params: IdParamsSchema,
        querystring: ListRegionSeekersQuerySchema,
        response: { 200: pageOf(RegionSeekerSchema) },
      },
    },
    async (req) => svc.listSeekers(req.ctx, req.params.id, req.query),
  );

  app.post(
    '/partner-regions/:id/referrals',
    {
      config: {
        access: 'partner:refer',
        errors: ['not_found', 'already_referred', 'posting_not_open', 'posting_filled', 'conflict'],
      },
      schema: {
        operationId: 'createReferral',
        summary: 'Refer one of the region’s seekers to a targeted posting (the seeker is notified)',
        tags,
        params: IdParamsSchema,
        body: CreateReferralBodySchema,
        response: { 201: ReferralSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.refer(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/partner-regions/:id/referrals',
    {
      config: { access: 'authenticated', errors: ['not_found'] },
      preValidation: requireRegionWorker,
      schema: {
        operationId: 'listRegionReferrals',
        summary: 'Referrals of the region with their outcome (referred, applied, hired)',
        tags,
        params: IdParamsSchema,
        querystring: ListReferralsQuerySchema,
        response: { 200: pageOf(ReferralSchema) },
      },
    },
    async (req) => svc.listReferrals(req.ctx, req.params.id, req.query),
  );

  app.get(
    '/partner-regions/:id/stats',
    {
      config: { access: 'authenticated', errors: ['not_found'] },
      preValidation: requireRegionWorker,
      schema: {
        operationId: 'getPartnerRegionStats',
        summary: 'Applications, hires and referrals counted by region of origin',
        tags,
        params: IdParamsSchema,
        querystring: RegionStatsQuerySchema,
        response: { 200: RegionStatsSchema },
      },
    },
    async (req) => svc.getRegionStats(req.ctx, req.params.id, req.query),
  );

  app.get(
    '/me/partner-referrals',
    {
      config: { access: 'application:apply' },
      schema: {
        operationId: 'listMyPartnerReferrals',
        summary: 'Jobs my home region’s labour office recommended to me',
        tags,
        querystring: PageQuerySchema.strict(),
        response: { 200: pageOf(ReferralSchema) },
      },
    },
    async (req) => svc.listMyReferrals(req.ctx, req.query),
  );
};
