import type { z } from 'zod';
import { ERROR_TITLES, ProblemSchema, type ErrorCode, type Problem } from '@jiuye/shared';
import { currentLocale, i18n } from '../i18n';

/** An API answer other than 2xx, carrying the server's problem+json (or one made up for it). */
export class ApiError extends Error {
  readonly problem: Problem;
  /** Seconds from the Retry-After header (429 login_throttled, rate_limited). */
  readonly retryAfter: number | null;
  /**
   * The answer's JSON as sent, for problems that carry more than the common fields (an Excel
   * import's errors name the row and the column).
   */
  readonly body: unknown;

  constructor(problem: Problem, retryAfter: number | null = null, body: unknown = null) {
    super(problem.title);
    this.name = 'ApiError';
    this.problem = problem;
    this.retryAfter = retryAfter;
    this.body = body;
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

type QueryValue = string | number | boolean | undefined | null;

export type RequestOptions = {
  method?: Method;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart/form-data (file uploads); the browser sets the boundary. */
  form?: FormData;
  /** An array is sent as a repeated parameter (`benefits=board&benefits=lodging`). */
  query?: Record<string, QueryValue | readonly string[]>;
  headers?: Record<string, string>;
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
    if (Array.isArray(value)) {
      for (const item of value as readonly string[]) params.append(key, item);
    } else if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
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
  if (parsed.success) return new ApiError(parsed.data, retryAfter, body);
  const code = codeForStatus(res.status);
  return new ApiError(
    syntheticProblem(code, res.status, ERROR_TITLES[code][currentLocale()]),
    retryAfter,
    body,
  );
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
  const res = await send(path, options, 'application/json, application/problem+json');
  if (!schema || res.status === 204) return undefined;

  let data: unknown;
  try {
    data = await res.json();
  } catch {
    // A weak signal can cut the body short after a 2xx status line.
    throw new ApiError(syntheticProblem('service_unavailable', 0, i18n.t('common.networkError')));
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    console.error(`Unexpected response from ${path}`, parsed.error.issues);
    throw new ApiError(syntheticProblem('internal', res.status, i18n.t('common.unexpectedResponse')));
  }
  return parsed.data;
}

async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: accept,
    'Accept-Language': currentLocale(),
    ...options.headers,
  };
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'include',
    headers,
    signal: options.signal ?? null,
  };
  if (options.form !== undefined) {
    init.body = options.form;
  } else if (options.body !== undefined) {
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
  return res;
}

export type DownloadedFile = { blob: Blob; filename: string | null; mediaType: string };

function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      return star[1];
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}

/** A file from the API (a licence, an Excel template), with the same errors as `apiRequest`. */
export async function apiDownload(path: string, options: RequestOptions = {}): Promise<DownloadedFile> {
  const res = await send(path, options, '*/*');
  let blob: Blob;
  try {
    blob = await res.blob();
  } catch {
    throw new ApiError(syntheticProblem('service_unavailable', 0, i18n.t('common.networkError')));
  }
  return {
    blob,
    filename: filenameOf(res.headers.get('Content-Disposition')),
    mediaType: res.headers.get('Content-Type')?.split(';')[0]?.trim() ?? blob.type,
  };
}

/** Hands a downloaded file to the browser's "save" flow. */
export function saveFile(file: DownloadedFile, fallbackName: string): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename ?? fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
