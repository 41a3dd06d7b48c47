import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CancelAccountBodySchema,
  DeskConsentBodySchema,
  IdParamsSchema,
  CancelAccountResultSchema,
  DataExportSchema,
  GrantConsentBodySchema,
  MyConsentsSchema,
  PersonalDataSchema,
  PrivacyNoticeSchema,
  PurposeParamsSchema,
  UpdatePersonalDataBodySchema,
} from '@jiuye/shared';
import * as svc from './privacy.service.js';

/** A full export is heavy: a few per hour per session (else per address). */
export const EXPORT_RATE = { max: 5, timeWindow: '1 hour' } as const;

/** Personal-information rights (PIPL arts. 44–47) for every signed-in account. */
export const privacyRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['privacy'];

  app.get(
    '/privacy/notice',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getPrivacyNotice',
        summary: 'The privacy notice in force (versioned text, zh-CN and en-US)',
        tags,
        response: { 200: PrivacyNoticeSchema },
      },
    },
    async (req) => svc.getNotice(req.ctx.db, req.ctx.now()),
  );

  app.get(
    '/me/consents',
    {
      config: { access: 'account:self' },
      schema: {
        operationId: 'listMyConsents',
        summary:
          'The caller’s consents: each purpose with its legal basis and current state, and every grant and withdrawal with its notice version',
        tags,
        response: { 200: MyConsentsSchema },
      },
    },
    async (req) => svc.myConsents(req.ctx),
  );

  app.post(
    '/me/consents',
    {
      config: { access: 'account:self', errors: ['resume_required'] },
      schema: {
        operationId: 'grantMyConsent',
        summary: 'Give a separate consent for one purpose under the notice version read (audited)',
        tags,
        body: GrantConsentBodySchema,
        response: { 200: MyConsentsSchema },
      },
    },
    async (req) => svc.grantConsent(req.ctx, req.body),
  );

  app.post(
    '/me/consents/:purpose/withdraw',
    {
      config: { access: 'account:self' },
      schema: {
        operationId: 'withdrawMyConsent',
        summary:
          'Withdraw a consent; the processing it allowed stops in the same transaction (résumé hidden, key groups ended, identity number erased, unbooked travel requests deleted)',
        tags,
        params: PurposeParamsSchema,
        response: { 200: MyConsentsSchema },
      },
    },
    async (req) => svc.withdrawConsent(req.ctx, req.params.purpose),
  );

  app.get(
    '/persons/:id/consents',
    {
      config: { access: 'person:manage' },
      schema: {
        operationId: 'listPersonConsents',
        summary: 'A person’s consents and their ledger (staff of the serving district; audited)',
        tags,
        params: IdParamsSchema,
        response: { 200: MyConsentsSchema },
      },
    },
    async (req) => svc.personConsents(req.ctx, req.params.id),
  );

  app.post(
    '/persons/:id/consents',
    {
      config: { access: 'person:manage' },
      schema: {
        operationId: 'recordPersonConsent',
        summary:
          'Record a signed paper consent form (grant or withdrawal, channel desk_paper) for a person; a withdrawal stops the processing (audited)',
        tags,
        params: IdParamsSchema,
        body: DeskConsentBodySchema,
        response: { 200: MyConsentsSchema },
      },
    },
    async (req) => svc.recordDeskConsent(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/me/export',
    {
      config: {
        access: 'account:self',
        rateLimit: {
          ...EXPORT_RATE,
          keyGenerator: (req) => req.cookies.jiuye_sid ?? req.headers.authorization ?? req.ip,
        },
      },
      schema: {
        operationId: 'exportMyData',
        summary:
          'All of the caller’s personal information as JSON (identity number masked; audited; rate-limited)',
        tags,
        response: { 200: DataExportSchema },
      },
    },
    async (req, reply) => {
      const data = await svc.exportMyData(req.ctx);
      void reply.header(
        'content-disposition',
        `attachment; filename="jiuye-my-data-${data.generatedAt.slice(0, 10)}.json"`,
      );
      void reply.header('cache-control', 'no-store');
      return data;
    },
  );

  app.get(
    '/me/personal-data',
    {
      config: { access: 'account:self' },
      schema: {
        operationId: 'getMyPersonalData',
        summary: 'The names the platform holds for the caller (account display name, person record name)',
        tags,
        response: { 200: PersonalDataSchema },
      },
    },
    async (req) => svc.getPersonalData(req.ctx),
  );

  app.patch(
    '/me/personal-data',
    {
      config: { access: 'account:self' },
      schema: {
        operationId: 'updateMyPersonalData',
        summary:
          'Correct the display name and the person record’s name (audited; other data: see docs/privacy.md)',
        tags,
        body: UpdatePersonalDataBodySchema,
        response: { 200: PersonalDataSchema },
      },
    },
    async (req) => svc.updatePersonalData(req.ctx, req.body),
  );

  app.post(
    '/me/cancel',
    {
      config: { access: 'account:self' },
      schema: {
        operationId: 'cancelMyAccount',
        summary:
          'Cancel the account (password re-entered): sessions end, consents are withdrawn, data no law requires is deleted or anonymised, legally required records are kept restricted',
        tags,
        body: CancelAccountBodySchema,
        response: { 200: CancelAccountResultSchema },
      },
    },
    async (req, reply) => {
      const result = await svc.cancelAccount(req.ctx, req.body.password);
      void reply.clearCookie('jiuye_sid', { path: '/' });
      return result;
    },
  );
};
