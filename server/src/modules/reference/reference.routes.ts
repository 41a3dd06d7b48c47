import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  EducationLevelItemSchema,
  NamedCodeSchema,
  OccupationSchema,
  OccupationsQuerySchema,
  ReferenceVersionSchema,
  RegionSchema,
  RegionsQuerySchema,
  pageOf,
} from '@jiuye/shared';
import * as svc from './reference.service.js';

const items = <T extends z.ZodType>(s: T) => z.object({ items: z.array(s) });

// Reference data is public information (forms need it before sign-in), cached by browsers for an hour.
const CACHE = 'public, max-age=3600';

export const referenceRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/regions',
    {
      config: { access: 'public', errors: ['unknown_code'] },
      schema: {
        operationId: 'listRegions',
        summary: 'GB/T 2260 regions: the children of `parent`, or the provinces',
        tags: ['reference'],
        querystring: RegionsQuerySchema,
        response: { 200: items(RegionSchema) },
      },
    },
    async (req, reply) => {
      void reply.header('cache-control', CACHE);
      return svc.regions(req.ctx, req.query.parent);
    },
  );
  app.get(
    '/occupations',
    {
      config: { access: 'public', errors: ['unknown_code'] },
      schema: {
        operationId: 'listOccupations',
        summary: 'GB/T 6565 occupations with ISCO-08 codes; search by words, synonyms or code',
        tags: ['reference'],
        querystring: OccupationsQuerySchema,
        response: { 200: pageOf(OccupationSchema) },
      },
    },
    async (req, reply) => {
      void reply.header('cache-control', CACHE);
      return svc.occupations(req.ctx, req.query);
    },
  );
  app.get(
    '/industries',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listIndustries',
        summary: 'GB/T 4754-2017 industry sections A–T',
        tags: ['reference'],
        response: { 200: items(NamedCodeSchema) },
      },
    },
    async (req, reply) => {
      void reply.header('cache-control', CACHE);
      return svc.industries(req.ctx);
    },
  );
  app.get(
    '/education-levels',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listEducationLevels',
        summary: 'Education levels, highest first',
        tags: ['reference'],
        response: { 200: items(EducationLevelItemSchema) },
      },
    },
    async (req, reply) => {
      void reply.header('cache-control', CACHE);
      return svc.educationLevels(req.ctx);
    },
  );
  app.get(
    '/versions',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listReferenceVersions',
        summary: 'Which version of each reference dataset is loaded',
        tags: ['reference'],
        response: { 200: items(ReferenceVersionSchema) },
      },
    },
    async (req) => svc.versions(req.ctx),
  );
};
