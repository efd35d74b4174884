import type { CookieOptions, Response } from 'express';
import { CSRF_COOKIE } from '../../platform/http/csrf.js';

export const SESSION_COOKIE = 'bt_session';
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

function base(production: boolean): CookieOptions {
  return { sameSite: 'lax', secure: production, path: '/' };
}

/** The session cookie (httpOnly: scripts cannot read it) and the CSRF cookie the client echoes. */
export function setSessionCookies(
  res: Response,
  {
    token,
    csrfToken,
    expiresAt,
    production,
  }: { token: string; csrfToken: string; expiresAt: Date; production: boolean },
): void {
  const maxAge = Math.max(0, expiresAt.getTime() - Date.now());
  res.cookie(SESSION_COOKIE, token, { ...base(production), httpOnly: true, maxAge });
  res.cookie(CSRF_COOKIE, csrfToken, { ...base(production), httpOnly: false, maxAge });
}

export function clearSessionCookies(res: Response, production: boolean): void {
  res.clearCookie(SESSION_COOKIE, { ...base(production), httpOnly: true });
  res.clearCookie(CSRF_COOKIE, { ...base(production), httpOnly: false });
}
