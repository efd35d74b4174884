import { auditModel } from '../../server/modules/audit/audit.model.js';
import { membershipModel } from '../../server/modules/organisations/membership.model.js';
import { organisationModel } from '../../server/modules/organisations/organisation.model.js';
import { createUser, loginAs, type TestUser } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { addMember, createOrganisation } from '../helpers/factories.js';

/** Registering organisations, their people and roles, and what each may see. */
describe('organisations', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await ctx.close();
  });
  beforeEach(async () => {
    await ctx.reset();
  });

  const bearerOf = async (user: TestUser) => (await loginAs(ctx, user)).bearer;
  const counts = async () => ({
    organisations: await organisationModel(ctx.deps.mongo).countDocuments(),
    memberships: await membershipModel(ctx.deps.mongo).countDocuments(),
  });
  const kommun = (overrides: Record<string, unknown> = {}) => ({
    kind: 'buyer',
    buyerType: 'kommun',
    name: 'Lunds kommun',
    country: 'SE',
    orgNumber: '5566778899',
    ...overrides,
  });

  describe('POST /api/organisations', () => {
    it('when a verified user registers a buyer, then 201 pending with the canonical org number and the user as owner', async () => {
      const anna = await createUser(ctx);
      const as = await bearerOf(anna);

      const res = await as(ctx.http().post('/api/organisations')).send(kommun());

      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        role: 'owner',
        organisation: expect.objectContaining({
          kind: 'buyer',
          buyerType: 'kommun',
          name: 'Lunds kommun',
          country: 'SE',
          orgNumber: '556677-8899',
          status: 'pending',
          id: expect.stringMatching(/^[0-9a-f]{24}$/),
        }),
      });
      const mine = await as(ctx.http().get('/api/me/organisations'));
      expect(mine.body.items).toEqual([
        { role: 'owner', organisation: expect.objectContaining({ id: res.body.organisation.id }) },
      ]);
    });

    it('when registered through the browser session, then the CSRF header is required', async () => {
      const anna = await createUser(ctx);
      const { agent } = await loginAs(ctx, anna);

      const withToken = await agent.post('/api/organisations').send(kommun());
      const withoutToken = await agent
        .post('/api/organisations')
        .set('X-CSRF-Token', 'wrong')
        .send(kommun({ orgNumber: '212000-0142' }));

      expect(withToken.status).toBe(201);
      expect(withoutToken.status).toBe(403);
      expect(withoutToken.body.error.code).toBe('csrf_failed');
    });

    it('when the same org number is registered again in the other spelling, then 409 duplicate_organisation and nothing is written', async () => {
      const as = await bearerOf(await createUser(ctx));
      await as(ctx.http().post('/api/organisations')).send(kommun());
      const before = await counts();

      const res = await as(ctx.http().post('/api/organisations')).send(
        kommun({ name: 'Lund igen', orgNumber: '556677-8899' }),
      );

      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('duplicate_organisation');
      expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'orgNumber' })]);
      expect(await counts()).toEqual(before);
    });

    it('when a Norwegian organisation is registered, then its number is checked with mod 11 and stored as 9 digits', async () => {
      const as = await bearerOf(await createUser(ctx));

      const ok = await as(ctx.http().post('/api/organisations')).send(
        kommun({ name: 'Oslo kommune', country: 'NO', orgNumber: 'NO 923 609 016 MVA' }),
      );
      const bad = await as(ctx.http().post('/api/organisations')).send(
        kommun({ name: 'Bergen kommune', country: 'NO', orgNumber: '923609017' }),
      );

      expect(ok.status).toBe(201);
      expect(ok.body.organisation.orgNumber).toBe('923609016');
      expect(bad.status).toBe(400);
      expect(bad.body.error.details).toEqual([
        expect.objectContaining({
          path: 'orgNumber',
          message: 'Invalid Norwegian organisation number (check digit)',
        }),
      ]);
    });

    it.each([
      ['a wrong check digit', { orgNumber: '556677-8898' }, ['orgNumber']],
      ['too few digits', { orgNumber: '55667788' }, ['orgNumber']],
      ['an unknown field', { admin: true }, ['admin']],
      ['a buyer without buyer type', { buyerType: undefined }, ['buyerType']],
      ['a supplier with a buyer type', { kind: 'supplier' }, ['buyerType']],
      ['wrong types', { name: 42, kind: ['buyer'] }, ['name', 'kind']],
      ['an unknown country', { country: 'DK' }, ['country']],
      ['a NoSQL operator as org number', { orgNumber: { $gt: '' } }, ['orgNumber']],
      ['a NoSQL operator as name', { name: { $ne: null } }, ['name']],
      ['a NoSQL operator as kind', { kind: { $in: ['buyer'] } }, ['kind']],
      ['a NoSQL operator as country', { country: { $gt: '' } }, ['country']],
      ['a NoSQL operator as buyer type', { buyerType: { $exists: true } }, ['buyerType']],
      ['a NoSQL operator as website', { website: { $regex: '.*' } }, ['website']],
      ['a javascript: website', { website: 'javascript:alert(1)' }, ['website']],
    ])(
      'when the body has %s, then 400 naming the field and nothing is written',
      async (_what, change, fields) => {
        const as = await bearerOf(await createUser(ctx));

        const res = await as(ctx.http().post('/api/organisations')).send(kommun(change));

        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('validation_failed');
        const paths = (res.body.error.details as { path: string }[]).map((d) => d.path);
        expect(paths).toEqual(expect.arrayContaining(fields));
        expect(await counts()).toEqual({ organisations: 0, memberships: 0 });
      },
    );

    it('when several fields are wrong at once, then all of them are named', async () => {
      const as = await bearerOf(await createUser(ctx));

      const res = await as(ctx.http().post('/api/organisations')).send(
        kommun({ name: 'L', orgNumber: '123' }),
      );

      expect(res.status).toBe(400);
      const paths = (res.body.error.details as { path: string }[]).map((d) => d.path);
      expect(paths).toEqual(expect.arrayContaining(['name', 'orgNumber']));
    });

    it('when the user has not verified the email address, then 403 forbidden and the denial is audited', async () => {
      const unverified = await createUser(ctx, { verified: false });
      const as = await bearerOf(unverified);

      const res = await as(ctx.http().post('/api/organisations')).send(kommun());

      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
      const denial = await auditModel(ctx.deps.mongo).findOne({ action: 'authz.denied' }).lean();
      expect(denial).toMatchObject({
        outcome: 'denied',
        actorEmail: unverified.email,
        details: { action: 'organisation.create', reason: 'email_not_verified', status: 403 },
      });
      expect(await counts()).toEqual({ organisations: 0, memberships: 0 });
    });

    it('when nobody is logged in, then 401', async () => {
      const res = await ctx.http().post('/api/organisations').send(kommun());

      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    });
  });

  describe('GET /api/organisations/:id', () => {
    it('when the organisation is pending, then only its people and admins see it; others get 404', async () => {
      const org = await createOrganisation(ctx, { verified: false });
      const stranger = await bearerOf(await createUser(ctx));
      const admin = await bearerOf(await createUser(ctx, { admin: true }));
      const owner = await bearerOf(org.owner);

      expect((await owner(ctx.http().get(`/api/organisations/${org.id}`))).status).toBe(200);
      expect((await admin(ctx.http().get(`/api/organisations/${org.id}`))).status).toBe(200);
      const hidden = await stranger(ctx.http().get(`/api/organisations/${org.id}`));
      const missing = await stranger(ctx.http().get('/api/organisations/0123456789abcdef01234567'));
      expect(hidden.status).toBe(404);
      expect((await ctx.http().get(`/api/organisations/${org.id}`)).status).toBe(404);
      // Hidden and missing look the same.
      expect(hidden.body).toEqual(missing.body);
    });

    it('when the organisation is verified, then anyone may read it', async () => {
      const org = await createOrganisation(ctx, { verified: true });

      const res = await ctx.http().get(`/api/organisations/${org.id}`);

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: org.id, status: 'verified', verifiedAt: expect.any(String) });
    });

    it('when the id is not an ObjectId, then 400 naming id', async () => {
      const res = await ctx.http().get('/api/organisations/not-an-id');

      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ location: 'params', path: 'id' })]);
    });
  });

  describe('members', () => {
    it('when a member joins by invitation, then the owners see them and they see the organisation', async () => {
      const org = await createOrganisation(ctx);
      const bo = await createUser(ctx, { name: 'Bo' });
      await addMember(ctx, org, bo);
      const owner = await bearerOf(org.owner);

      const list = await owner(ctx.http().get(`/api/organisations/${org.id}/members`));
      const mine = await (await bearerOf(bo))(ctx.http().get('/api/me/organisations'));

      expect(list.body.items.map((m: { userId: string; role: string }) => [m.userId, m.role])).toEqual([
        [org.owner.id, 'owner'],
        [bo.id, 'member'],
      ]);
      expect(list.body.items[1]).toMatchObject({ email: bo.email, name: 'Bo' });
      expect(mine.body.items).toEqual([
        { role: 'member', organisation: expect.objectContaining({ id: org.id }) },
      ]);
    });

    it('when someone posts to the old add-member route, then 404: members join only by invitation', async () => {
      const org = await createOrganisation(ctx);
      const owner = await bearerOf(org.owner);

      const res = await owner(ctx.http().post(`/api/organisations/${org.id}/members`)).send({
        email: (await createUser(ctx)).email,
      });

      expect(res.status).toBe(404);
      expect(await membershipModel(ctx.deps.mongo).countDocuments({ organisationId: org.id })).toBe(1);
    });

    it('when an owner demotes another owner, then the role change is audited with who, what and from where', async () => {
      const org = await createOrganisation(ctx);
      const member = await createUser(ctx);
      await addMember(ctx, org, member, 'owner');
      const owner = await bearerOf(org.owner);

      const res = await owner(ctx.http().patch(`/api/organisations/${org.id}/members/${member.id}`))
        .set('User-Agent', 'organisations-test')
        .send({ role: 'member' });

      expect(res.status).toBe(200);
      expect(res.body.role).toBe('member');
      const entry = await auditModel(ctx.deps.mongo)
        .findOne({ action: 'organisation.member.role_changed' })
        .lean();
      expect(entry).toMatchObject({
        actorEmail: org.owner.email,
        targetType: 'organisation',
        targetId: org.id,
        userAgent: 'organisations-test',
        ip: expect.any(String),
        details: { userId: member.id, from: 'owner', to: 'member' },
      });
    });

    it('when the only owner would be demoted or removed, then 409 last_owner', async () => {
      const org = await createOrganisation(ctx);
      const owner = await bearerOf(org.owner);

      const demote = await owner(
        ctx.http().patch(`/api/organisations/${org.id}/members/${org.owner.id}`),
      ).send({
        role: 'member',
      });
      const leave = await owner(ctx.http().delete(`/api/organisations/${org.id}/members/${org.owner.id}`));

      expect(demote.status).toBe(409);
      expect(demote.body.error.code).toBe('last_owner');
      expect(leave.status).toBe(409);
    });

    it('when a member leaves, or an owner removes a member, then the membership is gone', async () => {
      const org = await createOrganisation(ctx);
      const [a, b] = [await createUser(ctx), await createUser(ctx)];
      await addMember(ctx, org, a);
      await addMember(ctx, org, b);
      const asA = await bearerOf(a);

      const tryOther = await asA(ctx.http().delete(`/api/organisations/${org.id}/members/${b.id}`));
      const leave = await asA(ctx.http().delete(`/api/organisations/${org.id}/members/${a.id}`));
      const removed = await (
        await bearerOf(org.owner)
      )(ctx.http().delete(`/api/organisations/${org.id}/members/${b.id}`));

      expect(tryOther.status).toBe(403);
      expect(leave.status).toBe(204);
      expect(removed.status).toBe(204);
      expect(await membershipModel(ctx.deps.mongo).countDocuments({ organisationId: org.id })).toBe(1);
    });

    it('when two owners demote each other at the same time, then one owner remains', async () => {
      const org = await createOrganisation(ctx);
      const second = await createUser(ctx);
      await addMember(ctx, org, second, 'owner');
      const [asFirst, asSecond] = [await bearerOf(org.owner), await bearerOf(second)];

      const results = await Promise.all([
        asFirst(ctx.http().patch(`/api/organisations/${org.id}/members/${second.id}`)).send({
          role: 'member',
        }),
        asSecond(ctx.http().patch(`/api/organisations/${org.id}/members/${org.owner.id}`)).send({
          role: 'member',
        }),
      ]);

      const owners = await membershipModel(ctx.deps.mongo).countDocuments({
        organisationId: org.id,
        role: 'owner',
      });
      expect(owners).toBe(1);
      expect(results.map((r) => r.status).sort()).toEqual([200, expect.any(Number)]);
    });
  });

  describe('personal data', () => {
    it('when the only owner deletes the account, then 409 sole_owner names the organisation', async () => {
      const org = await createOrganisation(ctx);
      const owner = await bearerOf(org.owner);

      const res = await owner(ctx.http().delete('/api/me')).send({ password: org.owner.password });

      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        code: 'sole_owner',
        details: { organisations: [{ id: org.id, name: org.name }] },
      });
    });

    it('when a member deletes the account, then the membership goes and the export showed it before', async () => {
      const org = await createOrganisation(ctx);
      const member = await createUser(ctx);
      await addMember(ctx, org, member);
      const as = await bearerOf(member);

      const exported = await as(ctx.http().get('/api/me/export'));
      const deleted = await as(ctx.http().delete('/api/me')).send({ password: member.password });

      expect(exported.body.modules.organisations.memberships).toEqual([
        expect.objectContaining({ organisationId: org.id, organisationName: org.name, role: 'member' }),
      ]);
      expect(deleted.status).toBe(204);
      expect(await membershipModel(ctx.deps.mongo).countDocuments({ userId: member.id })).toBe(0);
    });
  });
});
