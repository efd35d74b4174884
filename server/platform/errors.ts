/**
 * The one error type services throw. The error middleware turns it into
 * `{ "error": { "code", "message", "details" } }` with `status`.
 */
export interface FieldProblem {
  /** Where the value came from: body, query, params, or a service-level field. */
  location?: 'body' | 'query' | 'params' | 'headers';
  /** Dotted path of the field, e.g. `demand.0.value.amount`. */
  path: string;
  message: string;
  code?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const errors = {
  validation: (details: FieldProblem[], message = 'The request has invalid fields.') =>
    new AppError('validation_failed', message, 400, details),
  badRequest: (code: string, message: string, details?: unknown) => new AppError(code, message, 400, details),
  unauthorized: (message = 'You need to log in to do this.') => new AppError('unauthorized', message, 401),
  forbidden: (message = 'You are not allowed to do this.') => new AppError('forbidden', message, 403),
  notFound: (what = 'resource') => new AppError('not_found', `The ${what} was not found.`, 404),
  conflict: (code: string, message: string, details?: unknown) => new AppError(code, message, 409, details),
  tooManyRequests: (retryAfterSeconds: number) =>
    new AppError('rate_limited', 'Too many attempts. Try again later.', 429, { retryAfterSeconds }),
  unavailable: (what: string) =>
    new AppError('service_unavailable', `${what} is temporarily unavailable. Try again shortly.`, 503),
};
