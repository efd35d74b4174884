import type { RequestHandler } from 'express';
import type { Connection } from 'mongoose';
import type { Principal } from '../../platform/auth/principal.js';
import { SESSION_COOKIE } from './cookies.js';
import { hashToken } from './secrets.js';
import { createSessionsRepository } from './sessions.repository.js';
import { createUsersRepository } from './users.repository.js';

/** lastSeenAt is written at most this often per session (one write a minute, not one per request). */
const TOUCH_INTERVAL_MS = 60_000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Reads the token: the Authorization header wins, so a Bearer client never falls back to a cookie. */
function credentials(
  authorization: string | undefined,
  cookie: unknown,
): { token: string; via: Principal['via'] } | undefined {
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1] ? { token: match[1], via: 'bearer' } : undefined;
  }
  return typeof cookie === 'string' && cookie ? { token: cookie, via: 'cookie' } : undefined;
}

/**
 * Sets `req.auth` from the `bt_session` cookie or an `Authorization: Bearer` token. An unknown,
 * expired or revoked token leaves the request anonymous (guards answer 401 where it matters).
 * Needs cookie-parser before it.
 */
export function authenticate(deps: { mongo: Connection }): RequestHandler {
  const sessions = createSessionsRepository(deps.mongo);
  const users = createUsersRepository(deps.mongo);
  return async (req, _res, next) => {
    const found = credentials(req.get('authorization'), req.cookies?.[SESSION_COOKIE]);
    if (!found || !TOKEN.test(found.token)) return next();
    const now = new Date();
    const session = await sessions.findActiveByTokenHash(hashToken(found.token), now);
    // A token only works the way it was issued: browser sessions by cookie, API tokens by header.
    if (!session || session.kind !== found.via) return next();
    const user = await users.findById(session.userId);
    if (!user) return next();
    req.auth = {
      userId: user.id,
      sessionId: session.id,
      email: user.email,
      emailVerified: Boolean(user.emailVerifiedAt),
      isAdmin: user.isAdmin,
      language: user.language,
      via: found.via,
    };
    if (session.csrfHash) req.csrfHash = session.csrfHash;
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      await sessions.touch(session.id, now, TOUCH_INTERVAL_MS);
    }
    next();
  };
}
