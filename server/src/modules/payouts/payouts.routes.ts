import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreatePayoutBatchBodySchema,
  IdParamsSchema,
  ListPayoutBatchesQuerySchema,
  PayeeAccountQuerySchema,
  PayeeAccountSchema,
  PayoutBatchDetailSchema,
  PayoutBatchSchema,
  PayoutReconciliationSchema,
  PayoutResultBodySchema,
  PayoutSchema,
  PutPayeeAccountBodySchema,
  pageOf,
} from '@jiuye/shared';
import { AppError } from '../../platform/errors.js';
import { readSingleFile } from '../enterprises/index.js';
import { mayUsePayeeAccounts } from './payouts.policy.js';
import * as svc from './payouts.service.js';
import { sendDownload } from '../../platform/uploads.js';
import { rateLimitOf } from '../../platform/rate-limits.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Applicants (their own enterprise or themself) and payout staff share the payee-account routes. */
async function requirePayeeAccess(req: FastifyRequest): Promise<void> {
  if (!mayUsePayeeAccounts(req.ctx.actor)) throw new AppError('forbidden');
}

export const payoutsRoutes: FastifyPluginAsync = async (base) => {
  await base.register(multipart, {
    limits: { fileSize: svc.BANK_FILE_MAX_BYTES, files: 1, fields: 10, parts: 20 },
  });
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.put(
    '/payee-accounts',
    {
      config: { access: 'authenticated', reauth: true },
      preValidation: requirePayeeAccess,
      schema: {
        operationId: 'putPayeeAccount',
        summary: 'Set the bank account a subject’s payouts go to (own enterprise, oneself, or payout staff)',
        description:
          'The number is stored encrypted and answered masked. Payouts copy it when batched: a later change does not alter a batch already sent.',
        tags: ['payouts'],
        body: PutPayeeAccountBodySchema,
        response: { 200: PayeeAccountSchema },
      },
    },
    async (req) => svc.putPayeeAccount(req.ctx, req.body),
  );

  app.get(
    '/payee-accounts',
    {
      config: { access: 'authenticated' },
      preValidation: requirePayeeAccess,
      schema: {
        operationId: 'getPayeeAccount',
        summary: 'The payee bank account on file for a subject (masked)',
        tags: ['payouts'],
        querystring: PayeeAccountQuerySchema,
        response: { 200: PayeeAccountSchema },
      },
    },
    async (req) => svc.getPayeeAccount(req.ctx, req.query),
  );

  app.post(
    '/payout-batches',
    {
      config: { access: 'payout:manage', idempotent: true, errors: ['conflict'] },
      schema: {
        operationId: 'createPayoutBatch',
        summary: 'Create a payout batch from approved applications (city-wide officer)',
        description:
          'Give application ids, or a policyCode for every approved application of it not yet in a batch. Applications that cannot be paid are skipped and listed in `skipped`; if none can, 409 conflict names each. One pending-or-paid payout per application and one per subject, policy and period are unique keys in the database. Send an Idempotency-Key.',
        tags: ['payouts'],
        body: CreatePayoutBatchBodySchema,
        response: { 201: PayoutBatchDetailSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createBatch(req.ctx, req.body)),
  );

  app.get(
    '/payout-batches',
    {
      config: { access: 'payout:manage' },
      schema: {
        operationId: 'listPayoutBatches',
        summary: 'Payout batches with totals (district officers: batches with payouts in their districts)',
        tags: ['payouts'],
        querystring: ListPayoutBatchesQuerySchema,
        response: { 200: pageOf(PayoutBatchSchema) },
      },
    },
    async (req) => svc.listBatches(req.ctx, req.query),
  );

  app.get(
    '/payout-batches/:id',
    {
      config: { access: 'payout:manage' },
      schema: {
        operationId: 'getPayoutBatch',
        summary: 'A payout batch with its payouts (payee names and accounts masked)',
        tags: ['payouts'],
        params: IdParamsSchema,
        response: { 200: PayoutBatchDetailSchema },
      },
    },
    async (req) => svc.getBatch(req.ctx, req.params.id),
  );

  app.get(
    '/payout-batches/:id/export',
    {
      config: { access: 'payout:manage', rateLimit: rateLimitOf('export') },
      schema: {
        operationId: 'exportPayoutBatch',
        summary: 'The batch as an .xlsx for the finance system (city-wide officer; audited)',
        description:
          'Sheet 支付明细: batch number, payee, masked ID or credit code, bank, full account number (text), amount in yuan (2 decimals) and in fen, policy, application number, payout id. Failed payouts are left out.',
        tags: ['payouts'],
        params: IdParamsSchema,
        response: {
          200: {
            description: 'An .xlsx workbook',
            content: { [XLSX]: { schema: z.any().meta({ format: 'binary' }) } },
          },
        },
      },
    },
    async (req, reply) => {
      const { batchNo, file } = await svc.exportBatch(req.ctx, req.params.id);
      return sendDownload(reply, {
        content: file,
        mediaType: XLSX,
        filename: `jiuye-payouts-${batchNo}.xlsx`,
      });
    },
  );

  app.get(
    '/payout-batches/:id/reconciliation',
    {
      config: { access: 'payout:manage' },
      schema: {
        operationId: 'getPayoutReconciliation',
        summary: 'Totals expected, paid, failed and pending, and mismatches (city-wide officer)',
        tags: ['payouts'],
        params: IdParamsSchema,
        response: { 200: PayoutReconciliationSchema },
      },
    },
    async (req) => svc.reconciliation(req.ctx, req.params.id),
  );

  app.post(
    '/payout-batches/:id/reconciliation',
    {
      config: {
        access: 'payout:manage',
        errors: ['unsupported_media_type', 'payload_too_large', 'malformed_request'],
      },
      schema: {
        operationId: 'reconcilePayoutBankFile',
        summary: 'Compare the bank’s result file (.xlsx) with the batch (changes nothing)',
        description:
          'multipart/form-data, one `file` part (.xlsx ≤ 5 MB): first sheet, headers 支付流水ID, 金额（分）, 结果 (成功/失败), 银行流水号, 失败原因 — the export’s payout id column comes back.',
        tags: ['payouts'],
        consumes: ['multipart/form-data'],
        params: IdParamsSchema,
        response: { 200: PayoutReconciliationSchema },
      },
    },
    async (req) => {
      const upload = await readSingleFile(req, svc.BANK_FILE_MAX_BYTES);
      return svc.reconciliation(req.ctx, req.params.id, upload);
    },
  );

  app.post(
    '/payouts/:id/result',
    {
      config: { access: 'payout:manage', idempotent: true, errors: ['already_paid', 'conflict'] },
      schema: {
        operationId: 'recordPayoutResult',
        summary: 'Record the bank’s result: paid (bank reference) or failed (reason) (city-wide officer)',
        description:
          'Paid is final and marks the application paid in the same transaction; failed lets the application enter a new batch. Repeating the same result is harmless; a different one for a paid payout is 409 already_paid. Send an Idempotency-Key.',
        tags: ['payouts'],
        params: IdParamsSchema,
        body: PayoutResultBodySchema,
        response: { 200: PayoutSchema },
      },
    },
    async (req) => svc.recordResult(req.ctx, req.params.id, req.body),
  );
};
