import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { databaseUnavailable } from './service-unavailable.js';
import { zodProblems } from './validation.js';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId?: string };
}

/** body-parser marks its errors with `type`; map the ones a client can cause to 4xx. */
const bodyParserErrors: Record<string, { status: number; code: string; message: string }> = {
  'entity.parse.failed': {
    status: 400,
    code: 'invalid_json',
    message: 'The request body is not valid JSON.',
  },
  'entity.too.large': {
    status: 413,
    code: 'payload_too_large',
    message: 'The request body is too large.',
  },
  'encoding.unsupported': {
    status: 415,
    code: 'unsupported_encoding',
    message: 'The request body encoding is not supported.',
  },
  'charset.unsupported': {
    status: 415,
    code: 'unsupported_charset',
    message: 'The request body charset is not supported.',
  },
  'request.aborted': { status: 400, code: 'request_aborted', message: 'The request was aborted.' },
  'request.size.invalid': {
    status: 400,
    code: 'invalid_content_length',
    message: 'The request body does not match its Content-Length.',
  },
};

export const notFoundHandler: RequestHandler = (req, res) => {
  const body: ErrorBody = {
    error: { code: 'not_found', message: `No route for ${req.method} ${req.originalUrl.split('?')[0]}.` },
  };
  res.status(404).json(body);
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (thrown, req, res, _next) => {
    const err = databaseUnavailable(thrown) ?? thrown;
    const requestId = String(req.id ?? '');
    let status = 500;
    let body: ErrorBody;
    const parserError = typeof err?.type === 'string' ? bodyParserErrors[err.type] : undefined;
    if (err instanceof AppError) {
      status = err.status;
      body = { error: { code: err.code, message: err.message, details: err.details } };
    } else if (err instanceof ZodError) {
      status = 400;
      body = {
        error: {
          code: 'validation_failed',
          message: 'The request has invalid fields.',
          details: zodProblems(err),
        },
      };
    } else if (parserError) {
      status = parserError.status;
      body = { error: { code: parserError.code, message: parserError.message } };
    } else {
      body = {
        error: {
          code: 'internal',
          message: `Something went wrong on our side. Quote request id ${requestId} if you contact support.`,
          requestId,
        },
      };
    }
    if (status >= 500) (req.log ?? logger).error({ err }, 'request failed');
    else (req.log ?? logger).info({ code: body.error.code, status }, 'request rejected');
    if (res.headersSent) return res.end();
    if (status === 429 && err instanceof AppError) {
      const retry = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (retry) res.setHeader('Retry-After', String(retry));
    }
    res.status(status).json(body);
  };
}
