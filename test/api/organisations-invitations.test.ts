import { auditModel } from '../../server/modules/audit/audit.model.js';
import { membershipModel } from '../../server/modules/organisations/membership.model.js';
import { orgInvitationModel } from '../../server/modules/organisations/org-invitation.model.js';
import { createRateLimiter } from '../../server/platform/http/rate-limit.js';
import { createUser, loginAs, uniqueEmail, type TestUser } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { addMember, createOrganisation } from '../helpers/factories.js';
import { waitForMessages } from '../helpers/mail.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';

/** Membership only by an invitation the person accepts: consent, no enumeration, no trap. */
describe('organisation invitations', () => {
  let ctx: TestContext;
  let workers: InProcessWorkers;
  beforeAll(async () => {
    ctx = await createTestContext();
    workers = await runWorkersInProcess(ctx);
  }, 60_000);
  afterAll(async () => {
    await workers.stop();
    await ctx.close();
  });

  const bearerOf = async (user: TestUser) => (await loginAs(ctx, user)).bearer;
  const members = (organisationId: string) => membershipModel(ctx.deps.mongo).find({ organisationId }).lean();
  async function invite(org: { id: string; owner: TestUser }, email: string, role = 'member') {
    const owner = await bearerOf(org.owner);
    return owner(ctx.http().post(`/api/organisations/${org.id}/invitations`)).send({ email, role });
  }

  describe('inviting', () => {
    it('when an owner invites a known and an unknown address, then both answers look alike, both get an email and nobody is a member yet', async () => {
      const org = await createOrganisation(ctx);
      const known = await createUser(ctx, { name: 'Vera Viktig' });
      const unknown = uniqueEmail('nobody');

      const a = await invite(org, known.email.toUpperCase());
      const b = await invite(org, unknown);

      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(Object.keys(a.body).sort()).toEqual(Object.keys(b.body).sort());
      expect(a.body).toEqual({
        id: expect.any(String),
        organisationId: org.id,
        email: known.email,
        role: 'member',
        status: 'pending',
        createdAt: expect.any(String),
        expiresAt: expect.any(String),
      });
      expect(JSON.stringify(a.body)).not.toContain(known.id);
      expect(JSON.stringify(a.body)).not.toContain('Vera');
      expect((await members(org.id)).map((m) => String(m.userId))).toEqual([org.owner.id]);
      const [toKnown] = await waitForMessages(known.email);
      const [toUnknown] = await waitForMessages(unknown);
      expect(toKnown!.subject).toBe(`Inbjudan till ${org.name} på Behovstorget`);
      expect(toKnown!.text).toContain('/konto/inbjudningar');
      expect(toUnknown!.text).toContain('/registrera');
      const audit = await auditModel(ctx.deps.mongo)
        .find({ action: 'organisation.invitation.created', targetId: org.id })
        .lean();
      expect(audit).toHaveLength(2);
      expect(JSON.stringify(audit)).not.toContain(unknown);
    });

    it('when the address already has an open invitation or is a member with that role, then 409', async () => {
      const org = await createOrganisation(ctx);
      const member = await createUser(ctx);
      await addMember(ctx, org, member);
      const email = uniqueEmail();

      await invite(org, email);
      const twice = await invite(org, email);
      const existing = await invite(org, member.email);

      expect(twice.status).toBe(409);
      expect(twice.body.error.code).toBe('already_invited');
      expect(existing.status).toBe(409);
      expect(existing.body.error.code).toBe('already_member');
    });

    it('when a plain member, an outsider or nobody invites, then 403, 403/404 and 401 and nothing is stored', async () => {
      const org = await createOrganisation(ctx);
      const pendingOrg = await createOrganisation(ctx, { verified: false });
      const member = await createUser(ctx);
      await addMember(ctx, org, member);
      const outsider = await bearerOf(await createUser(ctx));
      const body = { email: uniqueEmail() };
      const before = await orgInvitationModel(ctx.deps.mongo).countDocuments();

      const byMember = await (
        await bearerOf(member)
      )(ctx.http().post(`/api/organisations/${org.id}/invitations`)).send(body);
      const byOutsider = await outsider(ctx.http().post(`/api/organisations/${org.id}/invitations`)).send(
        body,
      );
      const toHidden = await outsider(
        ctx.http().post(`/api/organisations/${pendingOrg.id}/invitations`),
      ).send(body);
      const anonymous = await ctx.http().post(`/api/organisations/${org.id}/invitations`).send(body);
      const list = await outsider(ctx.http().get(`/api/organisations/${org.id}/invitations`));

      expect(byMember.status).toBe(403);
      expect(byOutsider.status).toBe(403);
      expect(toHidden.status).toBe(404);
      expect(anonymous.status).toBe(401);
      expect(list.status).toBe(403);
      expect(await orgInvitationModel(ctx.deps.mongo).countDocuments()).toBe(before);
    });

    it('when an owner has sent 100 invitations within the hour, then the next one is 429', async () => {
      const org = await createOrganisation(ctx);
      const limiter = createRateLimiter(ctx.deps.redis, {
        name: 'org-invite-account',
        limit: 100,
        windowSeconds: 3600,
        prefix: ctx.config.QUEUE_PREFIX,
        secret: ctx.config.SESSION_SECRET,
      });
      for (let i = 0; i < 100; i++) await limiter.consume(org.owner.id);

      const res = await invite(org, uniqueEmail());

      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('rate_limited');
      expect(res.headers['retry-after']).toEqual(expect.any(String));
    });
  });

  describe('answering', () => {
    it('when the invitee accepts, then they are a member with the offered role and the owners see it', async () => {
      const org = await createOrganisation(ctx);
      const bo = await createUser(ctx);
      const { body: invitation } = await invite(org, bo.email);
      const asBo = await bearerOf(bo);

      const pending = await asBo(ctx.http().get('/api/me/organisation-invitations'));
      const accepted = await asBo(ctx.http().post(`/api/organisation-invitations/${invitation.id}/accept`));
      const again = await asBo(ctx.http().post(`/api/organisation-invitations/${invitation.id}/decline`));

      expect(pending.body.items).toEqual([
        expect.objectContaining({
          id: invitation.id,
          role: 'member',
          status: 'pending',
          organisation: expect.objectContaining({ id: org.id, name: org.name }),
        }),
      ]);
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ id: invitation.id, status: 'accepted' });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('invalid_status');
      const mine = await asBo(ctx.http().get('/api/me/organisations'));
      expect(mine.body.items).toEqual([
        { role: 'member', organisation: expect.objectContaining({ id: org.id }) },
      ]);
      expect((await asBo(ctx.http().get('/api/me/organisation-invitations'))).body.items).toEqual([]);
      const list = await (
        await bearerOf(org.owner)
      )(ctx.http().get(`/api/organisations/${org.id}/invitations`));
      expect(list.body.items).toEqual([expect.objectContaining({ id: invitation.id, status: 'accepted' })]);
      expect(
        await auditModel(ctx.deps.mongo).countDocuments({ action: 'organisation.invitation.accepted' }),
      ).toBeGreaterThanOrEqual(1);
    });

    it('when the invitee declines, then nothing about the membership changes', async () => {
      const org = await createOrganisation(ctx);
      const bo = await createUser(ctx);
      const { body: invitation } = await invite(org, bo.email, 'owner');

      const res = await (
        await bearerOf(bo)
      )(ctx.http().post(`/api/organisation-invitations/${invitation.id}/decline`));

      expect(res.status).toBe(200);
      expect(res.body.status).toBe('declined');
      expect((await members(org.id)).map((m) => String(m.userId))).toEqual([org.owner.id]);
    });

    it('when someone else, the inviting owner, an unverified holder of the address or nobody answers, then 404/401 and the invitation stays open', async () => {
      const org = await createOrganisation(ctx);
      const email = uniqueEmail('unverified');
      const holder = await createUser(ctx, { email, verified: false });
      const { body: invitation } = await invite(org, email);
      const other = await bearerOf(await createUser(ctx));

      const answers = [
        await other(ctx.http().post(`/api/organisation-invitations/${invitation.id}/accept`)),
        await (
          await bearerOf(org.owner)
        )(ctx.http().post(`/api/organisation-invitations/${invitation.id}/accept`)),
        await (
          await bearerOf(holder)
        )(ctx.http().post(`/api/organisation-invitations/${invitation.id}/accept`)),
      ];
      const anonymous = await ctx.http().post(`/api/organisation-invitations/${invitation.id}/accept`);
      const unverifiedList = await (
        await bearerOf(holder)
      )(ctx.http().get('/api/me/organisation-invitations'));
      const otherList = await other(ctx.http().get('/api/me/organisation-invitations'));

      expect(answers.map((r) => r.status)).toEqual([404, 404, 404]);
      expect(answers.map((r) => r.body.error.code)).toEqual(['not_found', 'not_found', 'not_found']);
      expect(anonymous.status).toBe(401);
      expect(unverifiedList.body.items).toEqual([]);
      expect(otherList.body.items).toEqual([]);
      expect((await orgInvitationModel(ctx.deps.mongo).findById(invitation.id).lean())!.status).toBe(
        'pending',
      );
    });

    it('when an address without an account is invited and later registers, then the invitation waits for it', async () => {
      const org = await createOrganisation(ctx);
      const email = uniqueEmail('later');
      const { body: invitation } = await invite(org, email);

      const newcomer = await createUser(ctx, { email });
      const list = await (await bearerOf(newcomer))(ctx.http().get('/api/me/organisation-invitations'));

      expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([invitation.id]);
    });

    it('when an owner revokes an invitation or it has expired, then it can no longer be accepted and the address can be invited again', async () => {
      const org = await createOrganisation(ctx);
      const [bo, cy] = [await createUser(ctx), await createUser(ctx)];
      const { body: revoked } = await invite(org, bo.email);
      const { body: expired } = await invite(org, cy.email);
      const owner = await bearerOf(org.owner);
      await orgInvitationModel(ctx.deps.mongo).updateOne(
        { _id: expired.id },
        { $set: { expiresAt: new Date(Date.now() - 1000) } },
      );

      const revoke = await owner(
        ctx.http().post(`/api/organisations/${org.id}/invitations/${revoked.id}/revoke`),
      );
      const acceptRevoked = await (
        await bearerOf(bo)
      )(ctx.http().post(`/api/organisation-invitations/${revoked.id}/accept`));
      const acceptExpired = await (
        await bearerOf(cy)
      )(ctx.http().post(`/api/organisation-invitations/${expired.id}/accept`));
      const list = await owner(ctx.http().get(`/api/organisations/${org.id}/invitations`));
      const reinvite = await invite(org, cy.email);

      expect(revoke.status).toBe(204);
      expect(acceptRevoked.status).toBe(409);
      expect(acceptRevoked.body.error.code).toBe('invalid_status');
      expect(acceptExpired.status).toBe(409);
      expect(acceptExpired.body.error.code).toBe('invitation_expired');
      expect(list.body.items.find((i: { id: string }) => i.id === expired.id).status).toBe('expired');
      expect(reinvite.status).toBe(201);
      expect((await members(org.id)).map((m) => String(m.userId))).toEqual([org.owner.id]);
    });
  });

  describe('no one is trapped', () => {
    it('when X invites V as owner and leaves, then V, who never answered, is no member and can delete the account', async () => {
      const org = await createOrganisation(ctx);
      const v = await createUser(ctx);
      await invite(org, v.email, 'owner');
      const asX = await bearerOf(org.owner);

      const xLeaves = await asX(ctx.http().delete(`/api/organisations/${org.id}/members/${org.owner.id}`));
      const vDeletes = await (await bearerOf(v))(ctx.http().delete('/api/me')).send({ password: v.password });

      expect(xLeaves.status).toBe(409);
      expect(xLeaves.body.error.code).toBe('last_owner');
      expect(vDeletes.status).toBe(204);
      expect(await orgInvitationModel(ctx.deps.mongo).countDocuments({ email: v.email })).toBe(0);
    });

    it('when an owner tries to promote a member, then 409 consent_required; an owner invitation the member accepts makes them owner', async () => {
      const org = await createOrganisation(ctx);
      const member = await createUser(ctx);
      await addMember(ctx, org, member);
      const owner = await bearerOf(org.owner);

      const promote = await owner(ctx.http().patch(`/api/organisations/${org.id}/members/${member.id}`)).send(
        {
          role: 'owner',
        },
      );
      const { body: offer } = await invite(org, member.email, 'owner');
      const accept = await (
        await bearerOf(member)
      )(ctx.http().post(`/api/organisation-invitations/${offer.id}/accept`));

      expect(promote.status).toBe(409);
      expect(promote.body.error.code).toBe('consent_required');
      expect(accept.status).toBe(200);
      const roles = (await members(org.id)).map((m) => [String(m.userId), m.role]);
      expect(roles).toEqual(expect.arrayContaining([[member.id, 'owner']]));
    });

    it('when an ownership was given without consent (before invitations), then the person can leave alone and delete the account', async () => {
      const org = await createOrganisation(ctx);
      const [v, w] = [await createUser(ctx), await createUser(ctx)];
      // Memberships from before invitations carry no consent.
      await membershipModel(ctx.deps.mongo).insertMany([
        { userId: v.id, organisationId: org.id, role: 'owner' },
        { userId: w.id, organisationId: org.id, role: 'owner' },
      ]);
      await membershipModel(ctx.deps.mongo).deleteOne({ organisationId: org.id, userId: org.owner.id });

      const vDeletes = await (await bearerOf(v))(ctx.http().delete('/api/me')).send({ password: v.password });
      const wLeaves = await (
        await bearerOf(w)
      )(ctx.http().delete(`/api/organisations/${org.id}/members/${w.id}`));

      expect(vDeletes.status).toBe(204);
      expect(wLeaves.status).toBe(204);
    });

    it('when the invitee exports their data, then the invitations addressed to them are in it', async () => {
      const org = await createOrganisation(ctx);
      const bo = await createUser(ctx);
      await invite(org, bo.email);

      const res = await (await bearerOf(bo))(ctx.http().get('/api/me/export'));

      expect(res.body.modules.organisations.invitations).toEqual([
        expect.objectContaining({ organisationId: org.id, role: 'member', status: 'pending' }),
      ]);
    });
  });
});
