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
  'parameters.too.many': {
    status: 413,
    code: 'too_many_parameters',
    message: 'The form body has too many fields.',
  },
  'querystring.parse.rangeError': {
    status: 400,
    code: 'invalid_form',
    message: 'The form body is nested too deeply.',
  },
};

/**
 * Express's own layers (the router decoding path parameters, body-parser inflating a body)
 * throw http-errors with a 4xx `status` and sometimes no `type`: those are the client's fault
 * and must stay 4xx, never fall through to a 500.
 */
function clientErrorOf(err: unknown): { status: number; code: string; message: string } | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { status?: unknown; statusCode?: unknown; type?: unknown };
  const status = typeof e.status === 'number' ? e.status : e.statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  const known = typeof e.type === 'string' ? bodyParserErrors[e.type] : undefined;
  if (known) return known;
  if (err instanceof URIError) {
    return { status: 400, code: 'invalid_path', message: 'The request path has a malformed percent-escape.' };
  }
  if (status === 400) {
    // body-parser wraps a failed inflate (a gzip/deflate/br body that does not decompress) this way.
    return { status, code: 'bad_request', message: 'The request could not be read.' };
  }
  if (status === 413) return bodyParserErrors['entity.too.large'];
  if (status === 415) return bodyParserErrors['encoding.unsupported'];
  return { status, code: 'bad_request', message: 'The request could not be processed.' };
}

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
    const parserError = clientErrorOf(err);
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
