import { auditModel } from '../../server/modules/audit/audit.model.js';
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
});
