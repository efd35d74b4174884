import type { RequestHandler } from 'express';
import { errors } from '../errors.js';

/**
 * Who is making the request, set on `req.auth` by the accounts module's authenticate
 * middleware (session cookie or Bearer token). Memberships are loaded by the policy module.
 */
export interface Principal {
  userId: string;
  sessionId: string;
  email: string;
  emailVerified: boolean;
  isAdmin: boolean;
  language: 'sv' | 'en';
  /** How the request authenticated: browser cookie (needs CSRF on unsafe methods) or Bearer token. */
  via: 'cookie' | 'bearer';
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: Principal;
  }
}

/** Returns the principal or throws 401: for handlers behind `requireUser`. */
export function principalOf(req: { auth?: Principal }): Principal {
  if (!req.auth) throw errors.unauthorized();
  return req.auth;
}

/** Guard: a logged-in user is required (401 otherwise). */
export const requireUser: RequestHandler = (req, _res, next) => {
  if (!req.auth) return next(errors.unauthorized());
  next();
};
