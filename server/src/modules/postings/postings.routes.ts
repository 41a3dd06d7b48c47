import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CheckTextBodySchema,
  CheckTextResultSchema,
  CreatePostingBodySchema,
  EnterprisePostingsQuerySchema,
  IdParamsSchema,
  ImportProblemSchema,
  ImportResultSchema,
  PostingSchema,
  ReviewPostingBodySchema,
  ReviewQueueQuerySchema,
  UpdatePostingBodySchema,
  pageOf,
} from '@jiuye/shared';
import type { AppDeps } from '../../platform/context.js';
import { renderProblem } from '../../platform/errors.js';
import { readSingleFile } from '../enterprises/index.js';
import { checkDiscrimination } from './postings.discrimination.js';
import * as svc from './postings.service.js';
import { sendDownload } from '../../platform/uploads.js';
import { etagMatches } from '../../platform/response-cache.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function postingsRoutes(_deps: AppDeps): FastifyPluginAsync {
  return async (base) => {
    await base.register(multipart, {
      limits: { fileSize: svc.IMPORT_MAX_BYTES, files: 1, fields: 10, parts: 20 },
    });
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/job-postings',
      {
        config: {
          access: 'posting:manage',
          idempotent: true,
          errors: ['unknown_code', 'conflict'],
        },
        schema: {
          operationId: 'createPosting',
          summary: 'Post a job for an enterprise you manage (pending review, or a draft with submit: false)',
          description:
            'The answer carries `flags` from the discrimination checker (gender, age, ethnicity, marital status, household registration, health), each with the words as written and the reason in the reader’s language. `expiresOn` must be from today to 180 days ahead (China time).',
          tags: ['job-postings'],
          body: CreatePostingBodySchema,
          response: { 201: PostingSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await svc.createPosting(req.ctx, req.body)),
    );

    app.post(
      '/job-postings/check-text',
      {
        config: { access: 'posting:manage' },
        schema: {
          operationId: 'checkPostingText',
          summary: 'Run the discrimination checker on draft text (live hints in the posting form)',
          tags: ['job-postings'],
          body: CheckTextBodySchema,
          response: { 200: CheckTextResultSchema },
        },
      },
      async (req) => ({ flags: checkDiscrimination(req.body, req.ctx.locale) }),
    );

    app.get(
      '/job-postings/review-queue',
      {
        config: { access: 'posting:review', errors: ['unknown_code'] },
        schema: {
          operationId: 'listReviewQueue',
          summary: 'Postings awaiting review in your districts, oldest first, with their flags',
          tags: ['job-postings'],
          querystring: ReviewQueueQuerySchema,
          response: { 200: pageOf(PostingSchema) },
        },
      },
      async (req) => svc.reviewQueue(req.ctx, req.query),
    );

    app.get(
      '/job-postings/:id',
      {
        config: { access: 'public' },
        schema: {
          operationId: 'getPosting',
          summary: 'One posting: published ones are public; others only for the enterprise and staff',
          description:
            'Flags and the review reason are shown to the enterprise’s members and staff only; to everyone else an unpublished posting is 404. The public view carries a strong `ETag`: send it back in `If-None-Match` to get 304 Not Modified without the body.',
          tags: ['job-postings'],
          params: IdParamsSchema,
          response: { 200: PostingSchema },
        },
      },
      async (req, reply) => {
        const detail = await svc.getPostingDetail(req.ctx, req.params.id);
        if (detail.kind === 'full') {
          // The enterprise's or the reviewer's view: never for a shared cache.
          void reply.header('cache-control', 'private, no-cache');
          return detail.posting;
        }
        // The public view: the same bytes for everyone in this language (or a member's full view,
        // hence Cookie/Authorization), revalidated each time (a change is visible at once).
        void reply
          .header('etag', detail.etag)
          .header('cache-control', 'no-cache')
          .header('vary', 'accept-language, cookie, authorization');
        // Bytes already serialised through PostingSchema go out as they are (a Buffer skips the
        // serializer), so the typed reply is left for the plain one here.
        const raw: FastifyReply = reply;
        if (etagMatches(req.headers['if-none-match'], detail.etag)) return raw.code(304).send();
        return raw.type('application/json; charset=utf-8').send(detail.body);
      },
    );

    app.patch(
      '/job-postings/:id',
      {
        config: { access: 'posting:manage', errors: ['conflict', 'unknown_code', 'enterprise_not_verified'] },
        schema: {
          operationId: 'updatePosting',
          summary:
            'Edit a posting and/or change its status (submit, withdraw to draft, pause, resume, close)',
          description:
            'A material edit of a published or paused posting (anything but headcount and closing date) sends it back to review; editing a rejected posting resubmits it. Impossible moves are 409 with `invalid_transition` on `status`; send `version` to be refused (409 `stale_version`) if someone changed it since you read it.',
          tags: ['job-postings'],
          params: IdParamsSchema,
          body: UpdatePostingBodySchema,
          response: { 200: PostingSchema },
        },
      },
      async (req) => svc.updatePosting(req.ctx, req.params.id, req.body),
    );

    app.post(
      '/job-postings/:id/review',
      {
        config: { access: 'posting:review', errors: ['conflict', 'enterprise_not_verified'] },
        schema: {
          operationId: 'reviewPosting',
          summary:
            'Approve (publish) or reject with a reason a posting pending review (staff of its district)',
          description:
            'Approving needs a verified enterprise (409 `enterprise_not_verified`). Of two officers deciding at once exactly one succeeds; the other gets 409 `invalid_transition`.',
          tags: ['job-postings'],
          params: IdParamsSchema,
          body: ReviewPostingBodySchema,
          response: { 200: PostingSchema },
        },
      },
      async (req) => svc.reviewPosting(req.ctx, req.params.id, req.body),
    );

    app.get(
      '/enterprises/:id/job-postings',
      {
        config: { access: 'posting:manage' },
        schema: {
          operationId: 'listEnterprisePostings',
          summary:
            'An enterprise’s postings in every status, newest first (members and staff of its district)',
          tags: ['job-postings'],
          params: IdParamsSchema,
          querystring: EnterprisePostingsQuerySchema,
          response: { 200: pageOf(PostingSchema) },
        },
      },
      async (req) => svc.enterprisePostings(req.ctx, req.params.id, req.query),
    );

    app.get(
      '/enterprises/:id/job-postings/import-template',
      {
        config: { access: 'posting:manage' },
        schema: {
          operationId: 'getPostingImportTemplate',
          summary: 'The Excel (.xlsx) template for bulk import, headers in Chinese and English',
          tags: ['job-postings'],
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
        const file = await svc.importTemplate(req.ctx, req.params.id);
        return sendDownload(reply, {
          content: file,
          mediaType: XLSX,
          filename: 'jiuye-postings-template.xlsx',
        });
      },
    );

    app.post(
      '/enterprises/:id/job-postings/import',
      {
        config: {
          access: 'posting:manage',
          errors: [
            'import_failed',
            'unsupported_media_type',
            'payload_too_large',
            'malformed_request',
            'conflict',
          ],
        },
        schema: {
          operationId: 'importPostings',
          summary:
            'Bulk import postings from the Excel template: multipart/form-data, one `file` part (.xlsx ≤ 5 MB)',
          description:
            'At most 2,000 rows. Every row is checked with the same rules as the API; if any row fails nothing is imported and the answer is 400 `import_failed` listing `errors[]` with `row`, `field`, `code` and `message`. Otherwise every row becomes a posting pending review, in one transaction.',
          tags: ['job-postings'],
          consumes: ['multipart/form-data'],
          params: IdParamsSchema,
          response: { 201: ImportResultSchema, 400: ImportProblemSchema },
        },
      },
      async (req, reply) => {
        const upload = await readSingleFile(req, svc.IMPORT_MAX_BYTES);
        const outcome = await svc.importPostings(req.ctx, req.params.id, upload);
        if (outcome.ok) return reply.status(201).send(outcome.result);
        const problem = renderProblem(req, 'import_failed');
        const n = new Set(outcome.errors.map((e) => e.row)).size;
        return reply
          .status(400)
          .header('content-type', 'application/problem+json; charset=utf-8')
          .header('content-language', req.ctx.locale)
          .send({
            ...problem,
            detail:
              req.ctx.locale === 'zh-CN'
                ? `有 ${n} 行需要修改，本次没有导入任何岗位`
                : `${n} row(s) need correcting; nothing was imported`,
            imported: 0,
            errors: outcome.errors.map((e) => ({
              path: e.path,
              code: e.code,
              message: e.message,
              row: e.row,
              field: e.field,
            })),
          });
      },
    );
  };
}
