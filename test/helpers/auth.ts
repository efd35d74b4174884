import { randomUUID } from 'node:crypto';
import type supertest from 'supertest';
import { hashPassword } from '../../server/modules/accounts/passwords.js';
import { createUsersRepository, type Language } from '../../server/modules/accounts/users.repository.js';
import type { TestContext } from './context.js';

/**
 * Users and logins for API tests. Users are created through the accounts repository (with a
 * real argon2id hash); logins go through the real `POST /api/auth/login`.
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

/** Logs the user in twice through the API: once as a browser (agent), once as an API client (token). */
export async function loginAs(
  ctx: TestContext,
  user: Pick<TestUser, 'email' | 'password'>,
): Promise<LoggedIn> {
  const agent = ctx.http();
  const browser = await agent.post('/api/auth/login').send({ email: user.email, password: user.password });
  if (browser.status !== 200)
    throw new Error(`login as ${user.email} failed: ${browser.status} ${JSON.stringify(browser.body)}`);
  const csrfToken = String(browser.body.csrfToken);
  agent.set('X-CSRF-Token', csrfToken);
  const api = await ctx
    .http()
    .post('/api/auth/login')
    .send({ email: user.email, password: user.password, client: 'api' });
  if (api.status !== 200)
    throw new Error(`API login as ${user.email} failed: ${api.status} ${JSON.stringify(api.body)}`);
  const token = String(api.body.token);
  return { token, agent, csrfToken, bearer: (req) => req.set('Authorization', `Bearer ${token}`) };
}

/** Forgets every rate-limit counter of this test file (they live in Redis under the queue prefix). */
export async function resetRateLimits(ctx: TestContext): Promise<void> {
  const keys = await ctx.deps.redis.keys(`${ctx.config.QUEUE_PREFIX}:rl:*`);
  if (keys.length > 0) await ctx.deps.redis.del(...keys);
}
