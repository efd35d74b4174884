import { randomUUID } from 'node:crypto';
import type supertest from 'supertest';
import { createAccountsService } from '../../server/modules/accounts/accounts.service.js';
import { hashPassword } from '../../server/modules/accounts/passwords.js';
import { createUsersRepository, type Language } from '../../server/modules/accounts/users.repository.js';
import type { TestContext } from './context.js';

/**
 * Users and sessions for API tests. Users are created through the accounts repository (with a
 * real argon2id hash, cached per password); sessions through the accounts service.
 *
 *   const anna = await createUser(ctx, { verified: true });
 *   const { agent, bearer } = await loginAs(ctx, anna);
 *   await agent.post('/api/organisations').send({...});          // cookie + X-CSRF-Token preset
 *   await bearer(ctx.http().get('/api/me'));                       // Authorization: Bearer …
 */
export interface TestUser {
  id: string;
  email: string;
  password: string;
}

export interface CreateUserOptions {
  email?: string;
  password?: string;
  /** Email verified (default true: most tests need a normal, usable account). */
  verified?: boolean;
  /** Platform admin (default false). */
  admin?: boolean;
  language?: Language;
  name?: string;
}

export const DEFAULT_PASSWORD = 'Lingonsylt-och-kanelbulle-7';

/** A unique, valid email address, e.g. `uniqueEmail('owner')` → `owner-1a2b3c4d@test.behovstorget.se`. */
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@test.behovstorget.se`.toLowerCase();
}

// argon2 is slow on purpose; tests reuse one hash per password.
const hashes = new Map<string, Promise<string>>();
function cachedHash(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  return hash;
}

export async function createUser(ctx: TestContext, overrides: CreateUserOptions = {}): Promise<TestUser> {
  const email = (overrides.email ?? uniqueEmail()).toLowerCase();
  const password = overrides.password ?? DEFAULT_PASSWORD;
  const user = await createUsersRepository(ctx.deps.mongo).create({
    email,
    passwordHash: await cachedHash(password),
    language: overrides.language ?? 'sv',
    name: overrides.name,
    isAdmin: overrides.admin ?? false,
    emailVerifiedAt: overrides.verified === false ? undefined : new Date(),
  });
  return { id: user.id, email, password };
}

export interface LoggedIn {
  /** The Bearer token of an API-client session. */
  token: string;
  /** A supertest agent holding a browser session: cookies plus the X-CSRF-Token header preset. */
  agent: supertest.Agent;
  /** Adds `Authorization: Bearer <token>` to a request: `await bearer(ctx.http().get('/api/me'))`. */
  bearer: <T extends supertest.Test>(req: T) => T;
  /** The CSRF token of the browser session (already set on `agent`). */
  csrfToken: string;
}

/**
 * Gives the user two sessions: a browser one (an agent with the bt_session and bt_csrf cookies
 * and the X-CSRF-Token header) and an API one (a Bearer token). The sessions are opened by the
 * accounts service exactly as `POST /api/auth/login` opens them, minus the argon2 check (which
 * costs ~0.2 s a login); the login endpoint itself is covered by test/api/accounts-login.test.ts.
 * The user must exist and not be deleted.
 */
export async function loginAs(ctx: TestContext, user: Pick<TestUser, 'id'>): Promise<LoggedIn> {
  const accounts = createAccountsService(ctx.deps);
  const origin = { ip: '127.0.0.1', userAgent: 'jest (loginAs)' };
  const browser = await accounts.openSession(user.id, 'cookie', origin);
  const api = await accounts.openSession(user.id, 'bearer', origin);
  const agent = ctx.http();
  // supertest talks to the app on 127.0.0.1; put the cookies where the agent's jar looks for them.
  agent.jar.setCookies(
    [`bt_session=${browser.token}; Path=/`, `bt_csrf=${browser.csrfToken}; Path=/`],
    '127.0.0.1',
    '/',
  );
  agent.set('X-CSRF-Token', browser.csrfToken!);
  return {
    token: api.token,
    agent,
    csrfToken: browser.csrfToken!,
    bearer: (req) => req.set('Authorization', `Bearer ${api.token}`),
  };
}

/** Forgets every rate-limit counter of this test file (they live in Redis under the queue prefix). */
export async function resetRateLimits(ctx: TestContext): Promise<void> {
  const keys = await ctx.deps.redis.keys(`${ctx.config.QUEUE_PREFIX}:rl:*`);
  if (keys.length > 0) await ctx.deps.redis.del(...keys);
}
