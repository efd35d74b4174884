import { userModel } from '../../server/modules/accounts/user.model.js';
import { auditModel } from '../../server/modules/audit/audit.model.js';
import { createUser, loginAs, resetRateLimits, uniqueEmail } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { linkIn, messagesTo, waitForMessages } from '../helpers/mail.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';

const NEW_PASSWORD = 'Nytt-och-mycket-bättre-lösen-9';
const RESET_LINK = 'http://localhost:3000/aterstall-losenord?token=';

describe('accounts: password reset and change', () => {
  let ctx: TestContext;
  let workers: InProcessWorkers;
  beforeAll(async () => {
    ctx = await createTestContext();
    workers = await runWorkersInProcess(ctx);
  });
  afterEach(async () => {
    await resetRateLimits(ctx);
  });
  afterAll(async () => {
    await workers.stop();
    await ctx.close();
  });

  const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;
  const login = (email: string, password: string) =>
    ctx.http().post('/api/auth/login').send({ email, password });

  async function requestReset(email: string): Promise<string> {
    const res = await ctx.http().post('/api/auth/password-reset/request').send({ email });
    expect(res.status).toBe(202);
    const [mail] = await waitForMessages(email, { filter: (m) => m.text.includes(RESET_LINK) });
    return tokenOf(linkIn(mail!, RESET_LINK));
  }

  describe('reset by emailed link', () => {
    it('when the user follows the reset link, then the new password works, the old does not, and every session is ended', async () => {
      const user = await createUser(ctx);
      const { agent, bearer } = await loginAs(ctx, user);
      const token = await requestReset(user.email);

      const res = await ctx
        .http()
        .post('/api/auth/password-reset/confirm')
        .send({ token, password: NEW_PASSWORD });

      expect(res.status).toBe(204);
      expect((await login(user.email, user.password)).status).toBe(401);
      expect((await login(user.email, NEW_PASSWORD)).status).toBe(200);
      expect((await agent.get('/api/me')).status).toBe(401);
      expect((await bearer(ctx.http().get('/api/me'))).status).toBe(401);
      expect(
        await auditModel(ctx.deps.mongo).countDocuments({ action: 'password.reset', actorId: user.id }),
      ).toBe(1);
      const notices = await waitForMessages(user.email, { filter: (m) => m.subject.includes('har ändrats') });
      expect(notices).toHaveLength(1);
    });

    it('when the reset link is used a second time, then 400 token_invalid asks for a new one', async () => {
      const user = await createUser(ctx);
      const token = await requestReset(user.email);
      await ctx.http().post('/api/auth/password-reset/confirm').send({ token, password: NEW_PASSWORD });

      const again = await ctx
        .http()
        .post('/api/auth/password-reset/confirm')
        .send({ token, password: 'Ett-tredje-lösenord-77' });

      expect(again.status).toBe(400);
      expect(again.body.error.code).toBe('token_invalid');
      expect(again.body.error.message).toMatch(/request a new one/i);
      expect((await login(user.email, NEW_PASSWORD)).status).toBe(200);
    });

    it('when the reset link has expired, then 400 token_invalid and the password is unchanged', async () => {
      const user = await createUser(ctx);
      const token = await requestReset(user.email);
      await ctx.deps.mongo
        .collection('account_tokens')
        .updateMany({ purpose: 'reset-password' }, { $set: { expiresAt: new Date(Date.now() - 1) } });

      const res = await ctx
        .http()
        .post('/api/auth/password-reset/confirm')
        .send({ token, password: NEW_PASSWORD });

      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('token_invalid');
      expect((await login(user.email, user.password)).status).toBe(200);
    });

    it('when the new password is weak, then 400 names password and the link still works afterwards', async () => {
      const user = await createUser(ctx);
      const token = await requestReset(user.email);
      const hashBefore = (await userModel(ctx.deps.mongo).findById(user.id).lean())!.passwordHash;

      const weak = await ctx
        .http()
        .post('/api/auth/password-reset/confirm')
        .send({ token, password: 'qwertyuiop' });

      expect(weak.status).toBe(400);
      expect(weak.body.error.details).toEqual([
        expect.objectContaining({ path: 'password', code: 'weak_password' }),
      ]);
      expect((await userModel(ctx.deps.mongo).findById(user.id).lean())!.passwordHash).toBe(hashBefore);
      const strong = await ctx
        .http()
        .post('/api/auth/password-reset/confirm')
        .send({ token, password: NEW_PASSWORD });
      expect(strong.status).toBe(204);
    });

    it('when a newer reset link is requested, then the older one stops working', async () => {
      const user = await createUser(ctx);
      const first = await requestReset(user.email);
      await ctx.http().post('/api/auth/password-reset/request').send({ email: user.email });
      await waitForMessages(user.email, { count: 2, filter: (m) => m.text.includes(RESET_LINK) });

      const res = await ctx
        .http()
        .post('/api/auth/password-reset/confirm')
        .send({ token: first, password: NEW_PASSWORD });

      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('token_invalid');
    });

    it('when an unverified user resets the password, then the address counts as verified', async () => {
      const user = await createUser(ctx, { verified: false });
      const token = await requestReset(user.email);

      await ctx.http().post('/api/auth/password-reset/confirm').send({ token, password: NEW_PASSWORD });

      expect((await userModel(ctx.deps.mongo).findById(user.id).lean())!.emailVerifiedAt).toBeInstanceOf(
        Date,
      );
    });

    it('when the address has no account, then the answer is the same and no email is sent', async () => {
      const email = uniqueEmail('ghost');

      const res = await ctx.http().post('/api/auth/password-reset/request').send({ email });
      await workers.drain();

      expect(res.status).toBe(202);
      expect(res.body.status).toBe('accepted');
      expect(await messagesTo(email)).toHaveLength(0);
    });

    it('when one address asks for more than 5 links an hour, then 429', async () => {
      const email = uniqueEmail('many');
      for (let i = 0; i < 5; i += 1) {
        expect((await ctx.http().post('/api/auth/password-reset/request').send({ email })).status).toBe(202);
      }

      const res = await ctx.http().post('/api/auth/password-reset/request').send({ email });

      expect(res.status).toBe(429);
    });

    it.each([
      ['request', 'email', { email: { $gt: '' } }],
      ['request', 'extra', { email: 'a@test.behovstorget.se', extra: 1 }],
      ['confirm', 'token', { token: { $ne: null }, password: NEW_PASSWORD }],
      ['confirm', 'password', { token: 'a'.repeat(43), password: ['x'] }],
    ])('when the %s body is bad, then 400 names %s', async (step, field, body) => {
      const res = await ctx.http().post(`/api/auth/password-reset/${step}`).send(body);

      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: field })]),
      );
    });
  });

  describe('change password', () => {
    it('when the current password is right, then the password changes, other sessions end and this one stays', async () => {
      const user = await createUser(ctx);
      const other = await loginAs(ctx, user);
      const { agent } = await loginAs(ctx, user);

      const res = await agent
        .post('/api/auth/password')
        .send({ currentPassword: user.password, newPassword: NEW_PASSWORD });

      expect(res.status).toBe(200);
      expect(res.body.revokedSessions).toBe(3);
      expect((await agent.get('/api/me')).status).toBe(200);
      expect((await other.agent.get('/api/me')).status).toBe(401);
      expect((await other.bearer(ctx.http().get('/api/me'))).status).toBe(401);
      expect((await login(user.email, NEW_PASSWORD)).status).toBe(200);
      expect((await agent.get('/api/me/sessions')).body).toHaveLength(2); // this one + the login just above
      expect(
        await auditModel(ctx.deps.mongo).countDocuments({
          action: 'password.change',
          actorId: user.id,
          outcome: 'success',
        }),
      ).toBe(1);
      await waitForMessages(user.email, { filter: (m) => m.subject.includes('har ändrats') });
    });

    it('when the current password is wrong, then 400 wrong_password names currentPassword and nothing changes', async () => {
      const user = await createUser(ctx);
      const { bearer } = await loginAs(ctx, user);

      const res = await bearer(ctx.http().post('/api/auth/password')).send({
        currentPassword: 'Inte-rätt-lösenord-1',
        newPassword: NEW_PASSWORD,
      });

      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('wrong_password');
      expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'currentPassword' })]);
      expect((await login(user.email, user.password)).status).toBe(200);
    });

    it('when the new password is weak, then 400 names newPassword', async () => {
      const user = await createUser(ctx);
      const { bearer } = await loginAs(ctx, user);

      const res = await bearer(ctx.http().post('/api/auth/password')).send({
        currentPassword: user.password,
        newPassword: user.email,
      });

      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([
        expect.objectContaining({ path: 'newPassword', code: 'weak_password' }),
      ]);
    });

    it('when not logged in, then 401', async () => {
      const res = await ctx
        .http()
        .post('/api/auth/password')
        .send({ currentPassword: 'a', newPassword: NEW_PASSWORD });

      expect(res.status).toBe(401);
    });
  });
});
