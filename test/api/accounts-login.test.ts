import supertest from 'supertest';
import { createApp } from '../../server/app.js';
import { ACCOUNT_LIMITS, createAccountLimiters } from '../../server/modules/accounts/accounts.service.js';
import { sessionModel } from '../../server/modules/accounts/session.model.js';
import { auditModel } from '../../server/modules/audit/audit.model.js';
import { createRedis } from '../../server/platform/redis.js';
import { createUser, loginAs, resetRateLimits, uniqueEmail } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

describe('accounts: login, sessions, bearer tokens and CSRF', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterEach(async () => {
    await resetRateLimits(ctx);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('when a browser logs in, then it gets an httpOnly session cookie, a CSRF cookie and the user', async () => {
    const user = await createUser(ctx);

    const res = await ctx.http().post('/api/auth/login').send({ email: user.email, password: user.password });

    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      id: user.id,
      email: user.email,
      emailVerified: true,
      isAdmin: false,
    });
    expect(res.body.token).toBeUndefined();
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const session = cookies.find((c) => c.startsWith('bt_session='));
    const csrf = cookies.find((c) => c.startsWith('bt_csrf='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).toMatch(/Path=\//);
    expect(session).not.toMatch(/Secure/i); // only in production
    expect(csrf).not.toMatch(/HttpOnly/i);
    expect(csrf).toContain(`bt_csrf=${res.body.csrfToken}`);
  });

  it('when logged in with a cookie, then GET /api/me answers the user', async () => {
    const user = await createUser(ctx, { name: 'Karin' });
    const { agent } = await loginAs(ctx, user);

    const res = await agent.get('/api/me');

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: user.id, email: user.email, name: 'Karin', language: 'sv' });
  });

  it('when an API client logs in, then the returned token works as Bearer and no cookie is set', async () => {
    const user = await createUser(ctx);

    const login = await ctx
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: user.password, client: 'api' });
    const me = await ctx.http().get('/api/me').set('Authorization', `Bearer ${login.body.token}`);

    expect(login.status).toBe(200);
    expect(login.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(login.headers['set-cookie']).toBeUndefined();
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(user.id);
  });

  it('when the password is wrong or the email unknown, then both get the same 401 and an audit entry', async () => {
    const user = await createUser(ctx);
    const unknown = uniqueEmail('nobody');

    const wrong = await ctx
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: 'Fel-lösenord-123' });
    const missing = await ctx
      .http()
      .post('/api/auth/login')
      .send({ email: unknown, password: 'Fel-lösenord-123' });

    expect(wrong.status).toBe(401);
    expect(missing.status).toBe(401);
    expect(wrong.body).toEqual(missing.body);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    const audit = auditModel(ctx.deps.mongo);
    expect(
      await audit.findOne({ action: 'login', outcome: 'failure', actorEmail: user.email }).lean(),
    ).toMatchObject({
      targetId: user.id,
      ip: expect.any(String),
    });
    expect(await audit.countDocuments({ action: 'login', outcome: 'failure', actorEmail: unknown })).toBe(1);
  });

  it('when the token is unknown, revoked or malformed, then the request is anonymous (401 on /api/me)', async () => {
    for (const header of ['Bearer ' + 'x'.repeat(43), 'Bearer nonsense', 'Basic abc']) {
      const res = await ctx.http().get('/api/me').set('Authorization', header);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
  });

  it('when logging out, then the session no longer works and the cookies are cleared', async () => {
    const user = await createUser(ctx);
    const { agent } = await loginAs(ctx, user);

    const out = await agent.post('/api/auth/logout');
    const me = await agent.get('/api/me');

    expect(out.status).toBe(204);
    expect(([] as string[]).concat(out.headers['set-cookie'] ?? []).join(';')).toMatch(/bt_session=;/);
    expect(me.status).toBe(401);
  });

  describe('CSRF', () => {
    it('when a cookie session sends an unsafe request without X-CSRF-Token, then 403 csrf_failed and nothing changes', async () => {
      const user = await createUser(ctx, { name: 'Före' });
      const agent = ctx.http();
      await agent.post('/api/auth/login').send({ email: user.email, password: user.password });

      const res = await agent.patch('/api/me').send({ name: 'Efter' });

      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('csrf_failed');
      expect((await agent.get('/api/me')).body.name).toBe('Före');
    });

    it('when the header differs from the bt_csrf cookie, then 403 csrf_failed', async () => {
      const user = await createUser(ctx);
      const agent = ctx.http();
      await agent.post('/api/auth/login').send({ email: user.email, password: user.password });

      const res = await agent.patch('/api/me').set('X-CSRF-Token', 'y'.repeat(43)).send({ name: 'X' });

      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('csrf_failed');
    });

    it('when cookie and header match each other but not the token bound to the session, then 403 csrf_failed', async () => {
      const user = await createUser(ctx);
      const login = await ctx
        .http()
        .post('/api/auth/login')
        .send({ email: user.email, password: user.password });
      const session = ([] as string[])
        .concat(login.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith('bt_session='))!
        .split(';')[0]!;
      const planted = 'z'.repeat(43);

      const res = await ctx
        .http()
        .patch('/api/me')
        .set('Cookie', `${session}; bt_csrf=${planted}`)
        .set('X-CSRF-Token', planted)
        .send({ name: 'X' });

      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('csrf_failed');
    });

    it('when the header carries the session CSRF token, then the unsafe request goes through', async () => {
      const user = await createUser(ctx);
      const { agent } = await loginAs(ctx, user);

      const res = await agent.patch('/api/me').send({ name: 'Efter' });

      expect(res.status).toBe(200);
      expect(res.body.name).toBe('Efter');
    });

    it('when a Bearer client sends an unsafe request, then no CSRF token is needed', async () => {
      const user = await createUser(ctx);
      const { bearer } = await loginAs(ctx, user);

      const res = await bearer(ctx.http().patch('/api/me')).send({ language: 'en' });

      expect(res.status).toBe(200);
      expect(res.body.language).toBe('en');
    });

    it('when a cookie session token is sent as Bearer (or a Bearer token as cookie), then it is not accepted', async () => {
      const user = await createUser(ctx);
      const login = await ctx
        .http()
        .post('/api/auth/login')
        .send({ email: user.email, password: user.password });
      const cookieToken = ([] as string[])
        .concat(login.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith('bt_session='))!
        .split(';')[0]!
        .slice('bt_session='.length);
      const { token } = await loginAs(ctx, user);

      const asBearer = await ctx.http().get('/api/me').set('Authorization', `Bearer ${cookieToken}`);
      const asCookie = await ctx.http().get('/api/me').set('Cookie', `bt_session=${token}`);

      expect(asBearer.status).toBe(401);
      expect(asCookie.status).toBe(401);
    });
  });

  describe('rate limiting', () => {
    it('when an account has 10 failed logins, then the next attempt gets 429 with Retry-After even with the right password', async () => {
      const user = await createUser(ctx);
      for (let i = 0; i < 10; i += 1) {
        const res = await ctx
          .http()
          .post('/api/auth/login')
          .send({ email: user.email, password: `Fel-lösenord-${i}` });
        expect(res.status).toBe(401);
      }

      const res = await ctx
        .http()
        .post('/api/auth/login')
        .send({ email: user.email, password: user.password });

      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('rate_limited');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(800);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(900);
      expect(
        await auditModel(ctx.deps.mongo).countDocuments({
          action: 'login',
          outcome: 'denied',
          actorEmail: user.email,
        }),
      ).toBe(1);
    });

    it('when a login succeeds, then the failures before it no longer count', async () => {
      const user = await createUser(ctx);
      const limits = createAccountLimiters(ctx.deps);
      for (let i = 0; i < 3; i += 1) {
        await ctx
          .http()
          .post('/api/auth/login')
          .send({ email: user.email, password: `Fel-lösenord-${i}` });
      }
      expect((await limits.loginAccount.peek(user.email)).remaining).toBe(7);

      const res = await ctx
        .http()
        .post('/api/auth/login')
        .send({ email: user.email, password: user.password });

      expect(res.status).toBe(200);
      expect((await limits.loginAccount.peek(user.email)).remaining).toBe(10);
    });

    it('when one IP has used up its failed logins over many accounts, then it gets 429 for any account', async () => {
      // One real failure tells the IP as the API sees it; the others are counted directly (argon2 is slow).
      const first = await ctx
        .http()
        .post('/api/auth/login')
        .send({ email: uniqueEmail('spray'), password: 'Sommar2026!!' });
      expect(first.status).toBe(401);
      const { ip } = (await auditModel(ctx.deps.mongo)
        .findOne({ action: 'login', outcome: 'failure' })
        .sort({ _id: -1 })
        .lean())!;
      const limits = createAccountLimiters(ctx.deps);
      for (let i = 0; i < ACCOUNT_LIMITS.loginIp.limit - 2; i += 1) await limits.loginIp.consume(ip!);
      const last = await ctx
        .http()
        .post('/api/auth/login')
        .send({ email: uniqueEmail('spray'), password: 'Sommar2026!!' });
      expect(last.status).toBe(401);
      const user = await createUser(ctx);

      const res = await ctx
        .http()
        .post('/api/auth/login')
        .send({ email: user.email, password: user.password });

      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBeDefined();
    });

    it('when Redis is down, then login fails closed with 503 service_unavailable', async () => {
      const user = await createUser(ctx);
      const deadRedis = createRedis({ REDIS_URL: 'redis://127.0.0.1:1' }, 'http', 'dead');
      try {
        const app = createApp({ ...ctx.deps, redis: deadRedis });

        const res = await supertest(app)
          .post('/api/auth/login')
          .send({ email: user.email, password: user.password });

        expect(res.status).toBe(503);
        expect(res.body.error.code).toBe('service_unavailable');
        expect(res.body.error.message).toMatch(/Login/);
        expect(res.headers['set-cookie']).toBeUndefined();
      } finally {
        deadRedis.disconnect();
      }
    });
  });

  describe('sessions', () => {
    it('when listing sessions, then each active one is shown with the current one marked and no secrets', async () => {
      const user = await createUser(ctx);
      const { agent, bearer } = await loginAs(ctx, user);

      const res = await bearer(ctx.http().get('/api/me/sessions')).set('User-Agent', 'test-client/1.0');

      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(2);
      expect(res.body.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
      expect(res.body.find((s: { current: boolean }) => s.current).kind).toBe('bearer');
      expect(JSON.stringify(res.body)).not.toMatch(/tokenHash|csrfHash/);
      expect(
        (await agent.get('/api/me/sessions')).body.find((s: { current: boolean }) => s.current).kind,
      ).toBe('cookie');
    });

    it('when the owner revokes another session, then that session stops working at once', async () => {
      const user = await createUser(ctx);
      const { agent, bearer } = await loginAs(ctx, user);
      const sessions = (await agent.get('/api/me/sessions')).body as { id: string; kind: string }[];
      const apiSession = sessions.find((s) => s.kind === 'bearer')!;

      const res = await agent.delete(`/api/me/sessions/${apiSession.id}`);

      expect(res.status).toBe(204);
      expect((await bearer(ctx.http().get('/api/me'))).status).toBe(401);
      expect((await agent.get('/api/me')).status).toBe(200);
      expect(
        await auditModel(ctx.deps.mongo).countDocuments({ action: 'session.revoke', actorId: user.id }),
      ).toBe(1);
    });

    it("when someone tries to revoke another user's session, then 404 and it keeps working", async () => {
      const owner = await createUser(ctx);
      const other = await createUser(ctx);
      const ownerLogin = await loginAs(ctx, owner);
      const { bearer } = await loginAs(ctx, other);
      const ownerSession = (await ownerLogin.agent.get('/api/me/sessions')).body[0] as { id: string };

      const res = await bearer(ctx.http().delete(`/api/me/sessions/${ownerSession.id}`));

      expect(res.status).toBe(404);
      expect((await ownerLogin.agent.get('/api/me')).status).toBe(200);
    });

    it('when the session id is not an id, then 400 naming the param', async () => {
      const user = await createUser(ctx);
      const { bearer } = await loginAs(ctx, user);

      const res = await bearer(ctx.http().delete('/api/me/sessions/abc'));

      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ location: 'params', path: 'id' })]);
    });

    it('when a session is used after more than a minute, then lastSeenAt moves forward', async () => {
      const user = await createUser(ctx);
      const { bearer } = await loginAs(ctx, user);
      const old = new Date(Date.now() - 5 * 60_000);
      await sessionModel(ctx.deps.mongo).updateMany({ userId: user.id }, { $set: { lastSeenAt: old } });

      await bearer(ctx.http().get('/api/me'));

      const sessions = await sessionModel(ctx.deps.mongo).find({ userId: user.id, kind: 'bearer' }).lean();
      expect(sessions[0]!.lastSeenAt.getTime()).toBeGreaterThan(old.getTime() + 60_000);
    });

    it('when a session has expired, then it is not accepted', async () => {
      const user = await createUser(ctx);
      const { bearer } = await loginAs(ctx, user);
      await sessionModel(ctx.deps.mongo).updateMany(
        { userId: user.id },
        { $set: { expiresAt: new Date(Date.now() - 1000) } },
      );

      const res = await bearer(ctx.http().get('/api/me'));

      expect(res.status).toBe(401);
    });
  });

  describe('bad input', () => {
    it.each([
      ['a NoSQL operator as email', 'email', { email: { $gt: '' }, password: 'x' }],
      [
        'a NoSQL operator as password',
        'password',
        { email: 'a@test.behovstorget.se', password: { $ne: '' } },
      ],
      ['an unknown field', 'role', { email: 'a@test.behovstorget.se', password: 'x', role: 'admin' }],
      ['a wrong type', 'password', { email: 'a@test.behovstorget.se', password: 1234567890 }],
      ['an unknown client', 'client', { email: 'a@test.behovstorget.se', password: 'x', client: 'mobile' }],
    ])('when logging in with %s, then 400 names %s', async (_what, field, body) => {
      const res = await ctx.http().post('/api/auth/login').send(body);

      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: field })]),
      );
    });
  });
});
