/**
 * The one way the client talks to the API: same origin, cookies included, JSON in and out, and every
 * failure turned into an ApiError that carries the server's error contract
 * `{ error: { code, message, details } }`.
 */

export interface FieldProblem {
  /** Dotted path of the field, e.g. `demand.0.value.amount`. */
  path: string;
  message: string;
  code?: string;
  location?: string;
}

/** Codes the client knows how to explain; the server may send others (then `unknown` wording is used). */
export type KnownErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'invalid_transition'
  | 'internal'
  | 'service_unavailable'
  | 'payload_too_large'
  /** No answer at all: offline, DNS, connection refused, CORS. */
  | 'network'
  /** An answer that is not the JSON we expect (e.g. a proxy's HTML error page). */
  | 'bad_response';

export class ApiError extends Error {
  constructor(
    readonly code: KnownErrorCode | (string & {}),
    message: string,
    readonly status: number,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** `details` as field problems when the server sent them (validation_failed), else []. */
  get fieldProblems(): FieldProblem[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldProblem =>
        typeof d === 'object' && d !== null && typeof d.path === 'string' && typeof d.message === 'string',
    );
  }

  /** Seconds to wait, when the server said (rate_limited). */
  get retryAfterSeconds(): number | undefined {
    const details = this.details as { retryAfterSeconds?: unknown } | undefined;
    return typeof details?.retryAfterSeconds === 'number' ? details.retryAfterSeconds : undefined;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

const csrfCookie = 'bt_csrf';
const csrfHeader = 'X-CSRF-Token';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function readCookie(name: string, cookies: string = document.cookie): string | undefined {
  for (const part of cookies.split(';')) {
    const index = part.indexOf('=');
    if (index === -1) continue;
    if (part.slice(0, index).trim() === name) {
      const raw = part.slice(index + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return undefined;
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** `/api/needs` + `{ q: 'x', page: 2, cpv: ['1', '2'] }` -> `/api/needs?q=x&page=2&cpv=1&cpv=2`; empty values are left out. */
export function withQuery(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.append(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown };
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: ErrorBody | undefined;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    body = undefined;
  }
  const error = body?.error;
  if (error && typeof error.code === 'string') {
    return new ApiError(
      error.code,
      typeof error.message === 'string' ? error.message : response.statusText,
      response.status,
      error.details,
      typeof error.requestId === 'string'
        ? error.requestId
        : (response.headers.get('x-request-id') ?? undefined),
    );
  }
  // No contract body: a proxy or the dev server answered. Classify by status so the words still fit.
  const code =
    response.status === 404
      ? 'not_found'
      : response.status === 429
        ? 'rate_limited'
        : response.status === 502 || response.status === 503 || response.status === 504
          ? 'service_unavailable'
          : response.status >= 500
            ? 'internal'
            : 'bad_response';
  return new ApiError(code, `HTTP ${response.status} ${response.statusText}`, response.status);
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (!safeMethods.has(method)) {
    const token = readCookie(csrfCookie);
    if (token) headers[csrfHeader] = token;
  }

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body,
      credentials: 'include',
      signal: options.signal,
    });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError('network', error instanceof Error ? error.message : 'Network error', 0);
  }

  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError('bad_response', 'The response was not JSON.', response.status);
  }
}

export const http = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...options, method: 'GET' }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...options, method: 'POST', body }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...options, method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...options, method: 'PATCH', body }),
  /** DELETE may carry a body (e.g. the password that confirms deleting an account). */
  delete: <T>(path: string, options?: Omit<RequestOptions, 'method'>) =>
    request<T>(path, { ...options, method: 'DELETE' }),
};
