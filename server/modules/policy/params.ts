import { z } from 'zod';
import { errors } from '../../platform/errors.js';

const OBJECT_ID_RE = /^[0-9a-f]{24}$/;

/** A MongoDB ObjectId in its 24-hex string form, as every id in the API is. */
export const objectIdSchema = z
  .string()
  .regex(OBJECT_ID_RE, 'must be a 24-character hexadecimal id')
  .meta({ example: '665f1c2b9d3e4a0012345678' });

/** `{ id }` params, for OpenAPI and validation. */
export const idParams = z.object({ id: objectIdSchema });

/**
 * Reads an id path parameter inside a guard (guards run before the endpoint's own validation):
 * a malformed id is a 400 naming the parameter, never a CastError.
 */
export function idParam(req: { params: Record<string, string | string[] | undefined> }, name = 'id'): string {
  const value = req.params[name];
  if (typeof value !== 'string' || !OBJECT_ID_RE.test(value)) {
    throw errors.validation([
      {
        location: 'params',
        path: name,
        message: 'must be a 24-character hexadecimal id',
        code: 'invalid_format',
      },
    ]);
  }
  return value;
}

/** `?page=&pageSize=`: pages start at 1; at most 100 items a page. */
export const paginationQuery = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

/** The shape of every list response. */
export const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      items: z.array(item),
      page: z.number().int(),
      pageSize: z.number().int(),
      total: z.number().int(),
    })
    .meta({ id });
