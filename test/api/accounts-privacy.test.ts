import { Types, type ClientSession } from 'mongoose';
import {
  createAccountsService,
  type PersonalDataProvider,
} from '../../server/modules/accounts/accounts.service.js';
import { userModel } from '../../server/modules/accounts/user.model.js';
import { auditModel } from '../../server/modules/audit/audit.model.js';
import { AppError, errors } from '../../server/platform/errors.js';
import type { Principal } from '../../server/platform/auth/principal.js';
import { createUser, loginAs, resetRateLimits, type TestUser } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { addMember, createOrganisation } from '../helpers/factories.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';

describe('accounts: profile, personal-data export and account deletion', () => {
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

  describe('profile', () => {
    it('when not logged in, then GET /api/me answers 401 unauthorized', async () => {
      const res = await ctx.http().get('/api/me');

      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    });

    it('when the user changes name and language, then /api/me shows them and clearing the name works', async () => {
      const user = await createUser(ctx, { name: 'Anna' });
      const { agent } = await loginAs(ctx, user);

      const changed = await agent.patch('/api/me').send({ name: 'Anna Andersson', language: 'en' });
      const cleared = await agent.patch('/api/me').send({ name: null });

      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ name: 'Anna Andersson', language: 'en' });
      expect(cleared.body).toMatchObject({ name: null, language: 'en' });
      const unchanged = await agent.patch('/api/me').send({});
      expect(unchanged.status).toBe(200);
      expect(unchanged.body).toMatchObject({ name: null, language: 'en' });
    });

    it.each([
      ['an unknown field', 'email', { email: 'new@test.behovstorget.se' }],
      ['an admin flag', 'isAdmin', { isAdmin: true }],
      ['a NoSQL operator', 'name', { name: { $gt: '' } }],
      ['an unknown language', 'language', { language: 'fi' }],
      ['a too long name', 'name', { name: 'x'.repeat(201) }],
    ])('when PATCH /api/me has %s, then 400 names %s and nothing changes', async (_what, field, body) => {
      const user = await createUser(ctx, { name: 'Orörd' });
      const { bearer } = await loginAs(ctx, user);

      const res = await bearer(ctx.http().patch('/api/me')).send(body);

      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: field })]),
      );
      expect(await userModel(ctx.deps.mongo).findById(user.id).lean()).toMatchObject({
        name: 'Orörd',
        isAdmin: false,
      });
    });
  });

  describe('export', () => {
    it('when the user downloads their data, then it holds profile, sessions, audit entries and emails, and no secrets', async () => {
      const user = await createUser(ctx, { name: 'Exportera' });
      await ctx.http().post('/api/auth/login').send({ email: user.email, password: 'Fel-lösenord-123' });
      await ctx.http().post('/api/auth/login').send({ email: user.email, password: user.password });
      const { bearer } = await loginAs(ctx, user);
      await ctx.http().post('/api/auth/password-reset/request').send({ email: user.email });
      await workers.drain();

      const res = await bearer(ctx.http().get('/api/me/export'));

      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toMatch(
        /attachment; filename="behovstorget-data-\d{4}-\d\d-\d\d\.json"/,
      );
      expect(res.body.user).toMatchObject({ id: user.id, email: user.email, name: 'Exportera' });
      expect(res.body.sessions).toHaveLength(3);
      const actions = (res.body.auditLog as { action: string; outcome: string }[]).map(
        (e) => `${e.action}:${e.outcome}`,
      );
      expect(actions).toEqual(
        expect.arrayContaining(['login:failure', 'login:success', 'password.reset_request:success']),
      );
      expect(res.body.emails).toEqual([
        expect.objectContaining({ template: 'accounts.reset-password', status: 'sent' }),
      ]);
      // Every module that holds personal data contributes its part (wired in server/routes.ts).
      expect(res.body.modules).toHaveProperty('organisations');
      expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|tokenHash|csrfHash|argon2|"token"/);
    });
  });

  describe('delete', () => {
    it('when the user deletes the account with the password, then sessions end, personal data is gone and the audit log keeps only the id', async () => {
      const user = await createUser(ctx, { name: 'Borta' });
      expect(
        (await ctx.http().post('/api/auth/login').send({ email: user.email, password: user.password }))
          .status,
      ).toBe(200);
      const { agent, bearer } = await loginAs(ctx, user);

      const res = await agent.delete('/api/me').send({ password: user.password });

      expect(res.status).toBe(204);
      expect((await agent.get('/api/me')).status).toBe(401);
      expect((await bearer(ctx.http().get('/api/me'))).status).toBe(401);
      const stored = await userModel(ctx.deps.mongo).findById(user.id).lean();
      expect(stored?.deletedAt).toBeInstanceOf(Date);
      expect(stored?.email).not.toBe(user.email);
      expect(stored?.passwordHash).toBeUndefined();
      expect(stored?.name).toBeUndefined();
      const audit = auditModel(ctx.deps.mongo);
      expect(await audit.countDocuments({ actorEmail: user.email })).toBe(0);
      expect(await audit.findOne({ action: 'account.delete', actorId: user.id }).lean()).toMatchObject({
        targetId: user.id,
      });
      expect(await audit.countDocuments({ action: 'login', actorId: user.id })).toBeGreaterThan(0);
      expect(
        (await ctx.http().post('/api/auth/login').send({ email: user.email, password: user.password }))
          .status,
      ).toBe(401);
    });

    it('when the account is deleted, then the address can register again', async () => {
      const user = await createUser(ctx);
      const { bearer } = await loginAs(ctx, user);
      await bearer(ctx.http().delete('/api/me')).send({ password: user.password });

      const res = await ctx
        .http()
        .post('/api/auth/register')
        .send({ email: user.email, password: 'Ett-nytt-konto-2026' });

      expect(res.status).toBe(202);
      const fresh = await userModel(ctx.deps.mongo).findOne({ email: user.email }).lean();
      expect(fresh?.deletedAt).toBeUndefined();
      expect(String(fresh?._id)).not.toBe(user.id);
    });

    it('when the password is wrong, then 400 wrong_password and nothing is deleted', async () => {
      const user = await createUser(ctx);
      const { bearer } = await loginAs(ctx, user);

      const res = await bearer(ctx.http().delete('/api/me')).send({ password: 'Inte-mitt-lösenord' });

      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('wrong_password');
      expect((await bearer(ctx.http().get('/api/me'))).status).toBe(200);
    });

    it('when a cookie session deletes without the CSRF header, then 403 and nothing is deleted', async () => {
      const user = await createUser(ctx);
      const agent = ctx.http();
      await agent.post('/api/auth/login').send({ email: user.email, password: user.password });

      const res = await agent.delete('/api/me').send({ password: user.password });

      expect(res.status).toBe(403);
      expect((await agent.get('/api/me')).status).toBe(200);
    });

    it('when the body is missing or has an operator, then 400 names password', async () => {
      const user = await createUser(ctx);
      const { bearer } = await loginAs(ctx, user);

      const missing = await bearer(ctx.http().delete('/api/me'));
      const operator = await bearer(ctx.http().delete('/api/me')).send({ password: { $ne: '' } });

      expect(missing.status).toBe(400);
      expect(operator.status).toBe(400);
      expect(operator.body.error.details).toEqual([expect.objectContaining({ path: 'password' })]);
    });
  });

  describe('organisations (the real provider)', () => {
    it('when the user is the sole owner of an organisation, then DELETE /api/me is refused with 409 sole_owner naming it', async () => {
      const user = await createUser(ctx);
      const organisation = await createOrganisation(ctx, { owner: user });
      const { bearer } = await loginAs(ctx, user);

      const res = await bearer(ctx.http().delete('/api/me')).send({ password: user.password });

      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('sole_owner');
      expect(res.body.error.message).toContain(organisation.name);
      expect((await bearer(ctx.http().get('/api/me'))).status).toBe(200);
    });

    it('when another owner exists, then the account is deleted and its membership with it', async () => {
      const user = await createUser(ctx);
      const organisation = await createOrganisation(ctx, { owner: user });
      await addMember(ctx, organisation, await createUser(ctx), 'owner');
      const { bearer } = await loginAs(ctx, user);
      const before = await bearer(ctx.http().get('/api/me/export'));
      expect(before.body.modules.organisations.memberships).toHaveLength(1);

      const res = await bearer(ctx.http().delete('/api/me')).send({ password: user.password });

      expect(res.status).toBe(204);
      expect(
        await ctx.deps.mongo
          .collection('memberships')
          .countDocuments({ userId: new Types.ObjectId(user.id) }),
      ).toBe(0);
    });
  });

  describe('other modules through PersonalDataProvider', () => {
    /** Stands in for a module such as organisations: sole owners cannot leave. */
    function ownershipProvider(soleOwners: Set<string>) {
      const deleted: string[] = [];
      const provider: PersonalDataProvider = {
        name: 'organisations',
        export: async (userId) => ({ memberships: [{ organisation: 'Malmö stad', userId }] }),
        async assertCanDelete(userId) {
          if (soleOwners.has(userId)) {
            throw errors.conflict(
              'sole_owner',
              'You are the only owner of Malmö stad. Hand it over or delete it first.',
              {
                organisations: [{ id: 'o1', name: 'Malmö stad' }],
              },
            );
          }
        },
        async deleteFor(userId: string, session: ClientSession) {
          expect(session.inTransaction()).toBe(true);
          deleted.push(userId);
        },
      };
      return { provider, deleted };
    }

    async function principalFor(user: TestUser): Promise<Principal> {
      return {
        userId: user.id,
        sessionId: '0'.repeat(24),
        email: user.email,
        emailVerified: true,
        isAdmin: false,
        language: 'sv',
        via: 'bearer',
      };
    }

    it('when a module holds data, then its export appears under modules.<name>', async () => {
      const user = await createUser(ctx);
      const { provider } = ownershipProvider(new Set());
      const accounts = createAccountsService({ ...ctx.deps, providers: [provider] });

      const data = await accounts.exportData(await principalFor(user));

      expect(data.modules).toEqual({
        organisations: { memberships: [{ organisation: 'Malmö stad', userId: user.id }] },
      });
    });

    it('when the user is the sole owner of an organisation, then deletion is refused with 409 sole_owner and nothing changes', async () => {
      const user = await createUser(ctx);
      const { provider, deleted } = ownershipProvider(new Set([user.id]));
      const accounts = createAccountsService({ ...ctx.deps, providers: [provider] });

      const attempt = accounts.deleteAccount(await principalFor(user), user.password, {});

      await expect(attempt).rejects.toBeInstanceOf(AppError);
      await expect(attempt).rejects.toMatchObject({
        status: 409,
        code: 'sole_owner',
        message: expect.stringContaining('Malmö stad'),
      });
      expect(deleted).toEqual([]);
      expect((await userModel(ctx.deps.mongo).findById(user.id).lean())?.deletedAt).toBeUndefined();
    });

    it('when no module objects, then every module deletes its part inside the deletion transaction', async () => {
      const user = await createUser(ctx);
      const { provider, deleted } = ownershipProvider(new Set());
      const accounts = createAccountsService({ ...ctx.deps, providers: [provider] });

      await accounts.deleteAccount(await principalFor(user), user.password, { ip: '192.0.2.1' });

      expect(deleted).toEqual([user.id]);
      expect((await userModel(ctx.deps.mongo).findById(user.id).lean())?.deletedAt).toBeInstanceOf(Date);
    });

    it('when a module fails while deleting, then the whole deletion is rolled back', async () => {
      const user = await createUser(ctx);
      const failing: PersonalDataProvider = {
        name: 'broken',
        export: async () => null,
        assertCanDelete: async () => undefined,
        deleteFor: async () => {
          throw new Error('disk on fire');
        },
      };
      const accounts = createAccountsService({ ...ctx.deps, providers: [failing] });

      await expect(accounts.deleteAccount(await principalFor(user), user.password, {})).rejects.toThrow(
        'disk on fire',
      );

      expect(await userModel(ctx.deps.mongo).findById(user.id).lean()).toMatchObject({ email: user.email });
      expect(
        (await ctx.http().post('/api/auth/login').send({ email: user.email, password: user.password }))
          .status,
      ).toBe(200);
    });
  });
});
