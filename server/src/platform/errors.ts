import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  ERROR_STATUS,
  ERROR_TITLES,
  fieldMessage,
  pickLocale,
  type ErrorCode,
  type FieldError,
  type Locale,
  type Problem,
} from '@jiuye/shared';

export type FieldIssue = { path: string; code: string };

/** The one error domain code throws. The handler renders it as problem+json. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldIssue[];
  readonly detail: { 'zh-CN': string; 'en-US': string } | undefined;
  readonly headers: Record<string, string>;
  constructor(
    code: ErrorCode,
    opts: {
      fields?: FieldIssue[];
      detail?: { 'zh-CN': string; 'en-US': string };
      headers?: Record<string, string>;
      cause?: unknown;
    } = {},
  ) {
    super(code, { cause: opts.cause });
    this.code = code;
    this.fields = opts.fields ?? [];
    this.detail = opts.detail;
    this.headers = opts.headers ?? {};
  }
}

/** A 400 naming one field. */
export function fieldError(path: string, code: string): AppError {
  return new AppError('validation_failed', { fields: [{ path, code }] });
}

type ZodLikeIssue = {
  code?: string;
  path?: PropertyKey[];
  message?: string;
  params?: { code?: string };
  keys?: string[];
  expected?: string;
  input?: unknown;
  format?: string;
};

/** Maps a zod issue to our field error code: custom issues carry their own `params.code`. */
function issueCode(issue: ZodLikeIssue): string {
  if (issue.params?.code) return issue.params.code;
  if (issue.code === 'custom' && issue.message && /^[a-z_]+$/.test(issue.message)) return issue.message;
  // zod does not carry the input unless asked to; its message says what was received.
  if (issue.code === 'invalid_type' && (issue.message?.endsWith('received undefined') ?? false))
    return 'required';
  switch (issue.code) {
    case 'invalid_type':
    case 'too_small':
    case 'too_big':
    case 'unrecognized_keys':
    case 'invalid_value':
    case 'invalid_format':
      return issue.code;
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'not_multiple_of':
    case undefined:
    default:
      return 'invalid';
  }
}

function issuePath(prefix: string | undefined, issue: ZodLikeIssue): string {
  const parts = (issue.path ?? []).map((p) => String(p));
  if (issue.code === 'unrecognized_keys' && issue.keys?.length) parts.push(issue.keys.join(','));
  const joined = parts.join('.');
  // Body fields are named as they are; query/params/headers are prefixed so an integrator can tell.
  if (!prefix || prefix === 'body') return joined || '(body)';
  return joined ? joined : prefix;
}

export function zodIssuesToFields(issues: readonly ZodLikeIssue[], prefix?: string): FieldIssue[] {
  return issues.map((i) => ({ path: issuePath(prefix, i), code: issueCode(i) }));
}

export function renderProblem(
  request: FastifyRequest,
  code: ErrorCode,
  fields: FieldIssue[] = [],
  detail?: { 'zh-CN': string; 'en-US': string },
): Problem {
  const locale: Locale = pickLocale(request.headers['accept-language']);
  const errors: FieldError[] = fields.map((f) => ({
    path: f.path,
    code: f.code,
    message: fieldMessage(f.code, locale),
  }));
  const problem: Problem = {
    type: `https://jiuye.example.gov.cn/problems/${code.replace(/_/g, '-')}`,
    title: ERROR_TITLES[code][locale],
    status: ERROR_STATUS[code],
    code,
    instance: request.id,
  };
  if (detail) problem.detail = detail[locale];
  else if (errors.length > 0) problem.detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
  if (errors.length > 0) problem.errors = errors;
  return problem;
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  fields: FieldIssue[] = [],
  detail?: { 'zh-CN': string; 'en-US': string },
): FastifyReply {
  const body = renderProblem(request, code, fields, detail);
  return reply
    .status(body.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('content-language', pickLocale(request.headers['accept-language']))
    .send(body);
}

/** Fastify's own error codes (body parsing, content types) → ours. Never a 500 for a client's mistake. */
function fromFastifyError(err: FastifyError): ErrorCode | null {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type' : 'malformed_request';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'payload_too_large' : 'malformed_request';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_TYPE':
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_ASYNC_CONSTRAINT':
      return 'malformed_request';
    case 'FST_ERR_NOT_FOUND':
      return 'route_not_found';
    default:
      break;
  }
  if (err.statusCode === 429) return 'rate_limited';
  if (err.statusCode === 413) return 'payload_too_large';
  if (err.statusCode === 415) return 'unsupported_media_type';
  // JSON.parse failures and other 4xx from parsers.
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return 'malformed_request';
  return null;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (err instanceof AppError) {
      for (const [k, v] of Object.entries(err.headers)) void reply.header(k, v);
      return sendProblem(request, reply, err.code, err.fields, err.detail);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      // fastify-type-provider-zod flattens each zod issue: keyword = code, instancePath = path,
      // params = the rest of the issue (our custom `params.code` among it).
      const fields = err.validation.flatMap((v) => {
        const rest = v.params as Omit<ZodLikeIssue, 'code' | 'path' | 'message'>;
        const path = v.instancePath.split('/').filter((p) => p !== '');
        const issue: ZodLikeIssue = { ...rest, code: v.keyword, path, message: v.message };
        return zodIssuesToFields([issue], err.validationContext);
      });
      const unknownCode =
        fields.some((f) => f.code.startsWith('unknown_')) &&
        fields.every((f) => f.code.startsWith('unknown_'));
      return sendProblem(request, reply, unknownCode ? 'unknown_code' : 'validation_failed', fields);
    }
    const fe = err as FastifyError;
    // Ajv-style validation (schemas not built from zod, e.g. plugin routes).
    if (fe.validation) {
      return sendProblem(
        request,
        reply,
        'validation_failed',
        fe.validation.map((v) => ({
          path: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || fe.validationContext || '(request)',
          code: 'invalid',
        })),
      );
    }
    const mapped = fromFastifyError(fe);
    if (mapped) {
      if (mapped === 'rate_limited' && reply.getHeader('retry-after') === undefined)
        void reply.header('retry-after', '60');
      return sendProblem(request, reply, mapped);
    }
    const pgCode = (err as { code?: unknown }).code;
    // Constraint violations that a service did not translate: the database had the last word.
    if (pgCode === '23505') {
      request.log.warn({ err }, 'untranslated unique violation');
      return sendProblem(request, reply, 'already_exists');
    }
    if (
      pgCode === '23503' ||
      pgCode === '23514' ||
      pgCode === '23P01' ||
      pgCode === '40001' ||
      pgCode === '40P01'
    ) {
      request.log.warn({ err }, 'untranslated constraint violation or serialization failure');
      return sendProblem(request, reply, 'conflict');
    }
    if (
      pgCode === '22P02' ||
      pgCode === '22001' ||
      pgCode === '22003' ||
      pgCode === '22007' ||
      pgCode === '22008'
    ) {
      request.log.warn({ err }, 'untranslated data exception');
      return sendProblem(request, reply, 'validation_failed');
    }
    if (pgCode === '57P01' || pgCode === 'ECONNREFUSED' || pgCode === '08006' || pgCode === '53300') {
      request.log.error({ err }, 'database unavailable');
      return sendProblem(request, reply, 'service_unavailable');
    }
    request.log.error({ err }, 'unexpected error');
    return sendProblem(request, reply, 'internal');
  });
}
