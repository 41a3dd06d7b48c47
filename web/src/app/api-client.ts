import type { z } from 'zod';
import { ERROR_TITLES, ProblemSchema, type ErrorCode, type Problem } from '@jiuye/shared';
import { currentLocale, i18n } from '../i18n';

/** An API answer other than 2xx, carrying the server's problem+json (or one made up for it). */
export class ApiError extends Error {
  readonly problem: Problem;
  /** Seconds from the Retry-After header (429 login_throttled, rate_limited). */
  readonly retryAfter: number | null;

  constructor(problem: Problem, retryAfter: number | null = null) {
    super(problem.title);
    this.name = 'ApiError';
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): ErrorCode {
    return this.problem.code;
  }
}

export function isApiError(error: unknown, code?: ErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.problem.code === code);
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type RequestOptions = {
  method?: Method;
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
};

function syntheticProblem(code: ErrorCode, status: number, title: string): Problem {
  return { type: 'about:blank', title, status, code };
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status === 503 || status === 502 || status === 504) return 'service_unavailable';
  if (status >= 500) return 'internal';
  return 'malformed_request';
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function buildUrl(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function toApiError(res: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(res.headers.get('Retry-After'));
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // A proxy's HTML error page or an empty body: fall through to a made-up problem.
  }
  const parsed = ProblemSchema.safeParse(body);
  if (parsed.success) return new ApiError(parsed.data, retryAfter);
  const code = codeForStatus(res.status);
  return new ApiError(syntheticProblem(code, res.status, ERROR_TITLES[code][currentLocale()]), retryAfter);
}

/**
 * Calls the same-origin API. The session is an HttpOnly cookie, so every call sends credentials;
 * Accept-Language follows the UI language so problem+json titles and field messages match it.
 * With a schema the answer is validated: a contract drift fails loudly here rather than as an
 * `undefined` deep inside a page.
 */
export async function apiRequest<S extends z.ZodType>(
  path: string,
  options: RequestOptions,
  schema: S,
): Promise<z.infer<S>>;
export async function apiRequest(path: string, options?: RequestOptions): Promise<void>;
export async function apiRequest(
  path: string,
  options: RequestOptions = {},
  schema?: z.ZodType,
): Promise<unknown> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': currentLocale(),
  };
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'include',
    headers,
    signal: options.signal ?? null,
  };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(syntheticProblem('service_unavailable', 0, i18n.t('common.networkError')));
  }

  if (!res.ok) throw await toApiError(res);
  if (!schema || res.status === 204) return undefined;

  const data: unknown = await res.json();
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    console.error(`Unexpected response from ${path}`, parsed.error.issues);
    throw new ApiError(syntheticProblem('internal', res.status, i18n.t('common.unexpectedResponse')));
  }
  return parsed.data;
}
