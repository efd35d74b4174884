import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';

export const CSRF_COOKIE = 'bt_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

declare module 'express-serve-static-core' {
  interface Request {
    /** sha256 (hex) of the CSRF token bound to the cookie session, set by authenticate. */
    csrfHash?: string;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const sha256 = (value: string) => createHash('sha256').update(value).digest();

function same(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export const csrfFailed = () =>
  new AppError(
    'csrf_failed',
    `Missing or wrong ${CSRF_HEADER} header. Send the value of the ${CSRF_COOKIE} cookie in it (log in again if it is gone).`,
    403,
  );

/**
 * CSRF protection for browser sessions: an unsafe request (POST/PUT/PATCH/DELETE) that is
 * authenticated by the session cookie must carry X-CSRF-Token equal to the bt_csrf cookie
 * (double submit), and that token must be the one bound to the session at login (its hash is
 * stored on the session), so a cookie planted by a sibling subdomain is not enough.
 * Bearer-token and anonymous requests need no token: a browser never attaches them by itself.
 * Paths in `tokenAuthenticated` (e.g. one-click unsubscribe) act only on a signed token in the
 * URL, never on the session, so a forged request gains nothing and they are exempt.
 * Mount after authenticate.
 */
export function csrfProtection(options: { tokenAuthenticated?: string[] } = {}): RequestHandler {
  const exempt = new Set(options.tokenAuthenticated ?? []);
  return (req, _res, next) => {
    if (SAFE.has(req.method) || req.auth?.via !== 'cookie' || exempt.has(req.path)) return next();
    const header = req.get(CSRF_HEADER);
    const cookie: unknown = req.cookies?.[CSRF_COOKIE];
    if (!header || typeof cookie !== 'string' || !req.csrfHash) return next(csrfFailed());
    const headerHash = sha256(header);
    if (!same(headerHash, sha256(cookie)) || !same(headerHash, Buffer.from(req.csrfHash, 'hex'))) {
      return next(csrfFailed());
    }
    next();
  };
}
