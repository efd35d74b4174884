import type { Request } from 'express';
import { AppError } from '../../platform/errors.js';
import type { NeedResource } from '../policy/actions.js';
import { idParam } from '../policy/params.js';
import type { NeedAccess } from './needs.access.js';

/**
 * The guards' resource of the need named by the `:id` parameter: null for a missing need (the
 * guard answers 404), while a malformed id is a 400 naming the parameter. For every route under
 * /api/needs/:id, whichever module serves it.
 */
export function needResourceOf(access: NeedAccess): (req: Request) => Promise<NeedResource | null> {
  return async (req) => {
    try {
      return (await access.load(idParam(req, 'id'))).resource;
    } catch (err) {
      if (err instanceof AppError && err.status === 404) return null;
      throw err;
    }
  };
}
