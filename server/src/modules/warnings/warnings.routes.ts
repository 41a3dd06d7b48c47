import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcknowledgeAlertBodySchema,
  CreateWarningRuleBodySchema,
  DisableWarningRuleBodySchema,
  UpdateWarningRuleBodySchema,
  IdParamsSchema,
  ListAlertsQuerySchema,
  ResolveAlertBodySchema,
  WarningAlertSchema,
  WarningRuleSchema,
  pageOf,
} from '@jiuye/shared';
import * as svc from './warnings.service.js';

/**
 * Early-warning alerts for staff. `/alerts/unsubscribe` (a static path) belongs to job alerts
 * (modules/alerts); the router prefers it over `/alerts/:id`, whose id must be a uuid anyway.
 */
export const warningsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['early warning'];

  app.get(
    '/warning-rules',
    {
      config: { access: 'warnings:manage' },
      schema: {
        operationId: 'listWarningRules',
        summary: 'Early-warning rules (data: kind, parameters, severity, effective period)',
        tags,
        response: { 200: z.object({ items: z.array(WarningRuleSchema) }) },
      },
    },
    async (req) => svc.listRules(req.ctx),
  );

  app.post(
    '/warning-rules',
    {
      config: { access: 'warnings:manage', errors: ['already_exists'] },
      schema: {
        operationId: 'createWarningRule',
        summary:
          'Create an early-warning rule (city-wide staff; parameters checked against the kind; audited)',
        tags,
        body: CreateWarningRuleBodySchema,
        response: { 201: WarningRuleSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createRule(req.ctx, req.body)),
  );

  app.patch(
    '/warning-rules/:id',
    {
      config: { access: 'warnings:manage', errors: ['conflict'] },
      schema: {
        operationId: 'updateWarningRule',
        summary:
          'Change a rule’s parameters, severity, names, effective period or active flag as a new version (city-wide staff; `version` must be current, else 409 stale_version; alerts already raised keep their version; audited)',
        tags,
        params: IdParamsSchema,
        body: UpdateWarningRuleBodySchema,
        response: { 200: WarningRuleSchema },
      },
    },
    async (req) => svc.updateRule(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/warning-rules/:id/disable',
    {
      config: { access: 'warnings:manage', errors: ['conflict'] },
      schema: {
        operationId: 'disableWarningRule',
        summary:
          'Disable a rule from the next evaluation on (city-wide staff; a new version; disabling a disabled rule answers it unchanged; audited)',
        tags,
        params: IdParamsSchema,
        body: DisableWarningRuleBodySchema,
        response: { 200: WarningRuleSchema },
      },
    },
    async (req) => svc.disableRule(req.ctx, req.params.id, req.body?.version),
  );

  app.get(
    '/alerts',
    {
      config: { access: 'warnings:manage' },
      schema: {
        operationId: 'listWarningAlerts',
        summary:
          'Early-warning alerts of the caller’s districts (filters: status, severity, kind, district, mine)',
        tags,
        querystring: ListAlertsQuerySchema,
        response: { 200: pageOf(WarningAlertSchema) },
      },
    },
    async (req) => svc.listAlerts(req.ctx, req.query),
  );

  app.get(
    '/alerts/:id',
    {
      config: { access: 'warnings:manage' },
      schema: {
        operationId: 'getWarningAlert',
        summary: 'One early-warning alert',
        tags,
        params: IdParamsSchema,
        response: { 200: WarningAlertSchema },
      },
    },
    async (req) => svc.getAlert(req.ctx, req.params.id),
  );

  app.post(
    '/alerts/:id/acknowledge',
    {
      config: { access: 'warnings:manage', errors: ['alert_resolved'] },
      schema: {
        operationId: 'acknowledgeWarningAlert',
        summary: 'Acknowledge an alert (staff of its district; audited)',
        tags,
        params: IdParamsSchema,
        body: AcknowledgeAlertBodySchema,
        response: { 200: WarningAlertSchema },
      },
    },
    async (req) => svc.acknowledgeAlert(req.ctx, req.params.id, req.body?.note),
  );

  app.post(
    '/alerts/:id/resolve',
    {
      config: { access: 'warnings:manage', errors: ['alert_resolved'] },
      schema: {
        operationId: 'resolveWarningAlert',
        summary: 'Resolve an alert with a note (staff of its district; audited)',
        tags,
        params: IdParamsSchema,
        body: ResolveAlertBodySchema,
        response: { 200: WarningAlertSchema },
      },
    },
    async (req) => svc.resolveAlert(req.ctx, req.params.id, req.body.note),
  );
};
