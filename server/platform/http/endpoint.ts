import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { z, ZodType } from 'zod';
import { errors, type FieldProblem } from '../errors.js';
import { zodProblems } from './validation.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResponseSpec {
  description: string;
  schema?: ZodType;
  /** Defaults to application/json when a schema is given. */
  contentType?: string;
}

export interface EndpointSpec<P extends ZodType, Q extends ZodType, B extends ZodType> {
  method: Method;
  /** Express-style path, e.g. `/api/needs/:id`. */
  path: string;
  summary: string;
  tags: string[];
  description?: string;
  request?: { params?: P; query?: Q; body?: B };
  /** Status sent when the handler returns a value (default 200). */
  status?: number;
  responses: Record<number, ResponseSpec>;
  /** Runs before validation, e.g. authentication guards. */
  before?: RequestHandler[];
  /** OpenAPI security requirement names, e.g. ['session']. */
  security?: string[];
  /** Hide from the OpenAPI document (only for non-API pages such as redirects). */
  hidden?: boolean;
}

export interface Input<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

type Out<T> = T extends ZodType ? z.output<T> : undefined;

export type Handler<P extends ZodType, Q extends ZodType, B extends ZodType> = (
  input: Input<Out<P>, Out<Q>, Out<B>>,
  req: Request,
  res: Response,
) => unknown;

export interface Endpoint {
  spec: EndpointSpec<ZodType, ZodType, ZodType>;
  handlers: RequestHandler[];
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Input after zod validation (Express 5 makes req.query read-only, so it lives here). */
    validated?: Input<unknown, unknown, unknown>;
  }
}

// C0 controls except tab, line feed and carriage return, plus DEL: never meaningful in our text.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Control characters (NUL and friends) in any string of the input, found at the edge for every
 * route, so no schema can forget them and none reaches the database, an email or an export.
 */
export function controlCharacterProblems(
  value: unknown,
  location: 'params' | 'query' | 'body',
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const visit = (v: unknown, path: string[], depth: number) => {
    if (problems.length >= 20 || depth > 32) return;
    if (typeof v === 'string') {
      if (CONTROL_CHARACTERS.test(v)) {
        problems.push({
          location,
          path: path.join('.') || '(root)',
          message: 'Must not contain control characters.',
          code: 'control_character',
        });
      }
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, [...path, String(i)], depth + 1));
    } else if (typeof v === 'object' && v !== null) {
      for (const [key, item] of Object.entries(v)) {
        if (CONTROL_CHARACTERS.test(key)) {
          problems.push({
            location,
            path: [...path, key.replace(CONTROL_CHARACTERS, '?')].join('.'),
            message: 'Must not contain control characters.',
            code: 'control_character',
          });
        }
        visit(item, [...path, key], depth + 1);
      }
    }
  };
  visit(value, [], 0);
  return problems;
}

function parsePart(schema: ZodType | undefined, value: unknown, location: 'params' | 'query' | 'body') {
  if (!schema) return { ok: true as const, data: undefined };
  const result = schema.safeParse(value ?? (location === 'body' ? undefined : {}));
  if (result.success) return { ok: true as const, data: result.data };
  return { ok: false as const, problems: zodProblems(result.error, location) };
}

/**
 * Declares a route once: the same spec drives validation, the express handler and the
 * OpenAPI document, so a route cannot exist without being documented.
 */
export function endpoint<
  P extends ZodType = ZodType,
  Q extends ZodType = ZodType,
  B extends ZodType = ZodType,
>(spec: EndpointSpec<P, Q, B>, handler: Handler<P, Q, B>): Endpoint {
  const validate: RequestHandler = (req, _res, next: NextFunction) => {
    const problems: FieldProblem[] = [
      ...controlCharacterProblems(req.params, 'params'),
      ...controlCharacterProblems(req.query, 'query'),
      ...controlCharacterProblems(req.body, 'body'),
    ];
    if (problems.length > 0) return next(errors.validation(problems));
    const params = parsePart(spec.request?.params, req.params, 'params');
    const query = parsePart(spec.request?.query, req.query, 'query');
    const body = parsePart(spec.request?.body, req.body, 'body');
    for (const part of [params, query, body]) if (!part.ok) problems.push(...part.problems);
    if (problems.length > 0) return next(errors.validation(problems));
    req.validated = { params: params.data, query: query.data, body: body.data };
    next();
  };
  const run: RequestHandler = async (req, res) => {
    const input = req.validated as Input<Out<P>, Out<Q>, Out<B>>;
    const result = await handler(input, req, res);
    if (res.headersSent) return;
    if (result === undefined) res.status(spec.status ?? 204).end();
    else res.status(spec.status ?? 200).json(result);
  };
  return {
    spec: spec as unknown as EndpointSpec<ZodType, ZodType, ZodType>,
    handlers: [...(spec.before ?? []), validate, run],
  };
}

/** The OpenAPI path for an express path: `/api/needs/:id` -> `/api/needs/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

export function toRouteConfig(spec: EndpointSpec<ZodType, ZodType, ZodType>): RouteConfig {
  const responses: RouteConfig['responses'] = {};
  for (const [status, r] of Object.entries(spec.responses)) {
    responses[status] = r.schema
      ? {
          description: r.description,
          content: { [r.contentType ?? 'application/json']: { schema: r.schema } },
        }
      : { description: r.description };
  }
  const request: RouteConfig['request'] = {};
  if (spec.request?.params) request.params = spec.request.params as never;
  if (spec.request?.query) request.query = spec.request.query as never;
  if (spec.request?.body)
    request.body = { content: { 'application/json': { schema: spec.request.body } }, required: true };
  return {
    method: spec.method,
    path: openApiPath(spec.path),
    summary: spec.summary,
    description: spec.description,
    tags: spec.tags,
    request,
    responses,
    ...(spec.security ? { security: spec.security.map((name) => ({ [name]: [] })) } : {}),
  };
}
