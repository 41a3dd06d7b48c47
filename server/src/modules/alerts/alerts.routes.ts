import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateSavedSearchBodySchema,
  IdParamsSchema,
  ListNotificationsQuerySchema,
  MarkAllReadResultSchema,
  NotificationListSchema,
  NotificationSchema,
  PageQuerySchema,
  SavedSearchSchema,
  UnsubscribeQuerySchema,
  UnsubscribeResultSchema,
  pageOf,
} from '@jiuye/shared';
import * as svc from './alerts.service.js';

export const alertsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  // ——— Saved searches (job alerts) ———
  app.post(
    '/me/saved-searches',
    {
      config: { access: 'alerts:self', errors: ['conflict', 'unknown_code'] },
      schema: {
        operationId: 'createSavedSearch',
        summary: 'Save a job search as an alert (instant or daily; in-app, SMS or e-mail)',
        tags: ['alerts'],
        body: CreateSavedSearchBodySchema,
        response: { 201: SavedSearchSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createSavedSearch(req.ctx, req.body)),
  );

  app.get(
    '/me/saved-searches',
    {
      config: { access: 'alerts:self' },
      schema: {
        operationId: 'listSavedSearches',
        summary: 'My saved searches',
        tags: ['alerts'],
        querystring: PageQuerySchema,
        response: { 200: pageOf(SavedSearchSchema) },
      },
    },
    async (req) => svc.listSavedSearches(req.ctx, req.query),
  );

  app.delete(
    '/me/saved-searches/:id',
    {
      config: { access: 'alerts:self' },
      schema: {
        operationId: 'deleteSavedSearch',
        summary: 'Delete one of my saved searches',
        tags: ['alerts'],
        params: IdParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await svc.deleteSavedSearch(req.ctx, req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/alerts/unsubscribe',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'unsubscribeAlert',
        summary: 'Stop a job alert with the token from its message (no sign-in needed)',
        tags: ['alerts'],
        querystring: UnsubscribeQuerySchema,
        response: { 200: UnsubscribeResultSchema },
      },
    },
    async (req) => svc.unsubscribe(req.ctx, req.query.token),
  );

  // ——— In-app notifications ———
  app.get(
    '/me/notifications',
    {
      config: { access: 'notifications:self' },
      schema: {
        operationId: 'listMyNotifications',
        summary: 'My notifications, newest first, with the unread count',
        tags: ['notifications'],
        querystring: ListNotificationsQuerySchema,
        response: { 200: NotificationListSchema },
      },
    },
    async (req) => svc.listNotifications(req.ctx, req.query),
  );

  app.post(
    '/me/notifications/:id/read',
    {
      config: { access: 'notifications:self' },
      schema: {
        operationId: 'markNotificationRead',
        summary: 'Mark one of my notifications read',
        tags: ['notifications'],
        params: IdParamsSchema,
        response: { 200: NotificationSchema },
      },
    },
    async (req) => svc.markNotificationRead(req.ctx, req.params.id),
  );

  app.post(
    '/me/notifications/read-all',
    {
      config: { access: 'notifications:self' },
      schema: {
        operationId: 'markAllNotificationsRead',
        summary: 'Mark all my notifications read',
        tags: ['notifications'],
        response: { 200: MarkAllReadResultSchema },
      },
    },
    async (req) => svc.markAllNotificationsRead(req.ctx),
  );
};
