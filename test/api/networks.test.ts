import { auditModel } from '../../server/modules/audit/audit.model.js';
import { buyerGroupModel } from '../../server/modules/networks/buyer-group.model.js';
import { networkModel } from '../../server/modules/networks/network.model.js';
import { createUser, loginAs, type TestUser } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { waitForMessages } from '../helpers/mail.js';
import {
  addMember,
  createBuyerGroup,
  createNetwork,
  createOrganisation,
  inviteOrganisation,
} from '../helpers/factories.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';

/** Buyer networks: creation, visibility, invitations, leaving, hand-over and buyer groups. */
describe('networks', () => {
  let ctx: TestContext;
  let workers: InProcessWorkers;
  beforeAll(async () => {
    ctx = await createTestContext();
    workers = await runWorkersInProcess(ctx);
  });
  afterAll(async () => {
    await workers.stop();
    await ctx.close();
  });
  beforeEach(async () => {
    await workers.drain();
    await ctx.reset();
  });

  const bearerOf = async (user: TestUser) => (await loginAs(ctx, user)).bearer;
  const networkBody = (overrides: Record<string, unknown> = {}) => ({
    name: 'Fossilfria transporter Skåne',
    subjectArea: 'Fossilfria transporter',
    description: 'Kommuner och regioner i Skåne som tillsammans upphandlar fossilfria transporter.',
    languages: ['sv', 'en'],
    contact: { name: 'Karin Nilsson', email: 'karin@lund.se', phone: '+46 46 35 50 00' },
    ...overrides,
  });

  describe('POST /api/networks', () => {
    it('when a member of a verified buyer creates a network, then 201 pending, coordinated by that organisation', async () => {
      const lund = await createOrganisation(ctx, { kind: 'buyer', verified: true });
      const as = await bearerOf(lund.owner);

      const res = await as(ctx.http().post('/api/networks')).send(networkBody());

      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        name: 'Fossilfria transporter Skåne',
        slug: 'fossilfria-transporter-skane',
        status: 'pending',
        coordinator: { id: lund.id, name: lund.name },
        members: [{ id: lund.id, isCoordinator: true }],
        memberCount: 1,
        languages: ['sv', 'en'],
      });
      const audit = await auditModel(ctx.deps.mongo).findOne({ action: 'network.created' }).lean();
      expect(audit).toMatchObject({ targetId: res.body.id, actorId: expect.anything() });
    });

    it('when two networks get the same name, then the second gets a distinct slug', async () => {
      const lund = await createOrganisation(ctx);
      const as = await bearerOf(lund.owner);

      const first = await as(ctx.http().post('/api/networks')).send(networkBody());
      const second = await as(ctx.http().post('/api/networks')).send(networkBody());

      expect(second.status).toBe(201);
      expect(second.body.slug).not.toBe(first.body.slug);
    });

    it('when the buyer organisation is not verified yet, then 403 saying it awaits verification, and after verification 201', async () => {
      const pending = await createOrganisation(ctx, { verified: false });
      const as = await bearerOf(pending.owner);
      const admin = await bearerOf(await createUser(ctx, { admin: true }));

      const before = await as(ctx.http().post('/api/networks')).send(networkBody());
      await admin(ctx.http().post(`/api/admin/organisations/${pending.id}/verify`));
      const after = await as(ctx.http().post('/api/networks')).send(networkBody());

      expect(before.status).toBe(403);
      expect(before.body.error).toEqual({
        code: 'forbidden',
        message: expect.stringContaining('awaiting verification'),
        details: { reason: 'buyer_organisation_pending' },
      });
      expect(after.status).toBe(201);
    });

    it('when a supplier tries, then 403; when the user belongs to two buyers without naming one, then 400 organisationId', async () => {
      const supplier = await createOrganisation(ctx, { kind: 'supplier' });
      const a = await createOrganisation(ctx);
      const b = await createOrganisation(ctx, { owner: a.owner });
      const asSupplier = await bearerOf(supplier.owner);
      const asBoth = await bearerOf(a.owner);

      const bySupplier = await asSupplier(ctx.http().post('/api/networks')).send(networkBody());
      const ambiguous = await asBoth(ctx.http().post('/api/networks')).send(networkBody());
      const named = await asBoth(ctx.http().post('/api/networks')).send(
        networkBody({ organisationId: b.id }),
      );
      const forSupplier = await asBoth(ctx.http().post('/api/networks')).send(
        networkBody({ organisationId: supplier.id }),
      );

      expect(bySupplier.status).toBe(403);
      expect(bySupplier.body.error.details).toEqual({ reason: 'no_verified_buyer_organisation' });
      expect(ambiguous.status).toBe(400);
      expect(ambiguous.body.error.details).toEqual([expect.objectContaining({ path: 'organisationId' })]);
      expect(named.status).toBe(201);
      expect(named.body.coordinator.id).toBe(b.id);
      expect(forSupplier.status).toBe(403);
    });

    it.each([
      ['an unknown field', { status: 'approved' }, ['status']],
      ['a NoSQL operator as name', { name: { $gt: '' } }, ['name']],
      [
        'a NoSQL operator in the contact',
        { contact: { name: 'K', email: { $ne: '' } } },
        ['contact.email', 'contact.name'],
      ],
      ['a NoSQL operator as organisation id', { organisationId: { $ne: null } }, ['organisationId']],
      ['an unknown language', { languages: ['sv', 'xx'] }, ['languages.1']],
      ['a repeated language', { languages: ['sv', 'sv'] }, ['languages']],
      ['a wrong type', { description: 12345678901 }, ['description']],
      [
        'an unknown contact field',
        { contact: { name: 'Karin', email: 'k@lund.se', role: 'x' } },
        ['contact.role'],
      ],
    ])(
      'when the body has %s, then 400 naming the field and nothing is written',
      async (_what, change, fields) => {
        const lund = await createOrganisation(ctx);
        const as = await bearerOf(lund.owner);

        const res = await as(ctx.http().post('/api/networks')).send(networkBody(change));

        expect(res.status).toBe(400);
        const paths = (res.body.error.details as { path: string }[]).map((d) => d.path);
        expect(paths).toEqual(expect.arrayContaining(fields));
        expect(await networkModel(ctx.deps.mongo).countDocuments()).toBe(0);
      },
    );
  });

  describe('reading', () => {
    it('when listed publicly, then only approved networks appear, by name, filtered by q, paginated', async () => {
      const lund = await createOrganisation(ctx);
      await createNetwork(ctx, {
        coordinator: lund,
        name: 'Välfärdsteknik Syd',
        subjectArea: 'Välfärdsteknik',
      });
      await createNetwork(ctx, { coordinator: lund, name: 'Anläggning Norr', subjectArea: 'Infrastruktur' });
      await createNetwork(ctx, { coordinator: lund, name: 'Bygg Mitt', subjectArea: 'Hållbart byggande' });
      await createNetwork(ctx, { coordinator: lund, name: 'Väntar på godkännande', approved: false });

      const all = await ctx.http().get('/api/networks?pageSize=2');
      const page2 = await ctx.http().get('/api/networks?pageSize=2&page=2');
      const filtered = await ctx.http().get(`/api/networks?q=${encodeURIComponent('välfärd')}`);
      const regexAttempt = await ctx.http().get('/api/networks?q=.*');

      expect(all.body).toMatchObject({ page: 1, pageSize: 2, total: 3 });
      expect(all.body.items.map((n: { name: string }) => n.name)).toEqual(['Anläggning Norr', 'Bygg Mitt']);
      expect(page2.body.items.map((n: { name: string }) => n.name)).toEqual(['Välfärdsteknik Syd']);
      expect(filtered.body.items).toHaveLength(1);
      expect(filtered.body.items[0]).toMatchObject({
        subjectArea: 'Välfärdsteknik',
        coordinator: { name: lund.name },
      });
      expect(regexAttempt.body.total).toBe(0);
    });

    it.each([
      ['pageSize above 100', 'pageSize=101', 'pageSize'],
      ['a NoSQL operator as q', 'q[$ne]=x', 'q'],
      ['a NoSQL operator as page', 'page[$gt]=0', 'page'],
      ['an unknown parameter', 'status=pending', 'status'],
    ])('when the list query has %s, then 400 naming it', async (_what, query, field) => {
      const res = await ctx.http().get(`/api/networks?${query}`);

      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ location: 'query', path: field })]);
    });

    it('when a network is not approved, then members, invited organisations and admins see it; others get 404', async () => {
      const coordinator = await createOrganisation(ctx);
      const member = await createOrganisation(ctx);
      const invited = await createOrganisation(ctx);
      const network = await createNetwork(ctx, { coordinator, members: [member], approved: false });
      await inviteOrganisation(ctx, network, invited);
      const outsider = await createOrganisation(ctx);
      const admin = await createUser(ctx, { admin: true });

      const statuses = async (user?: TestUser) => {
        const req = ctx.http().get(`/api/networks/${network.id}`);
        return (await (user ? (await bearerOf(user))(req) : req)).status;
      };

      expect(await statuses(coordinator.owner)).toBe(200);
      expect(await statuses(member.owner)).toBe(200);
      expect(await statuses(invited.owner)).toBe(200);
      expect(await statuses(admin)).toBe(200);
      expect(await statuses(outsider.owner)).toBe(404);
      expect(await statuses()).toBe(404);
    });

    it('when an approved network is read, then it lists its member organisations by name', async () => {
      const coordinator = await createOrganisation(ctx, { name: 'Malmö stad' });
      const member = await createOrganisation(ctx, { name: 'Region Skåne', buyerType: 'region' });
      const network = await createNetwork(ctx, { coordinator, members: [member] });

      const res = await ctx.http().get(`/api/networks/${network.id}`);

      expect(res.status).toBe(200);
      expect(res.body.members).toEqual([
        expect.objectContaining({ id: coordinator.id, name: 'Malmö stad', isCoordinator: true }),
        expect.objectContaining({
          id: member.id,
          name: 'Region Skåne',
          buyerType: 'region',
          isCoordinator: false,
        }),
      ]);
      expect(res.body.contact).toEqual({ name: 'Kim Kontakt', email: 'kontakt@test.behovstorget.se' });
    });

    it('when I list my networks, then pending ones of my organisations are included', async () => {
      const lund = await createOrganisation(ctx);
      await createNetwork(ctx, { coordinator: lund, approved: false });
      await createNetwork(ctx, { coordinator: await createOrganisation(ctx) });

      const res = await (await bearerOf(lund.owner))(ctx.http().get('/api/me/networks'));

      expect(res.body.items).toHaveLength(1);
      expect(res.body.items[0].status).toBe('pending');
    });
  });

  describe('PATCH /api/networks/:id', () => {
    it('when the coordinator edits a rejected network, then it goes back to pending', async () => {
      const lund = await createOrganisation(ctx);
      const network = await createNetwork(ctx, { coordinator: lund, approved: false });
      const admin = await bearerOf(await createUser(ctx, { admin: true }));
      await admin(ctx.http().post(`/api/admin/networks/${network.id}/reject`)).send({
        reason: 'Beskrivningen saknas.',
      });

      const res = await (
        await bearerOf(lund.owner)
      )(ctx.http().patch(`/api/networks/${network.id}`)).send({
        description: 'Nu med en riktig beskrivning av nätverkets arbete.',
      });

      expect(res.status).toBe(200);
      expect(res.body.status).toBe('pending');
      expect(res.body.rejectionReason).toBeUndefined();
    });

    it('when a member that does not coordinate edits, then 403; an empty change is 400', async () => {
      const coordinator = await createOrganisation(ctx);
      const member = await createOrganisation(ctx);
      const network = await createNetwork(ctx, { coordinator, members: [member] });

      const byMember = await (
        await bearerOf(member.owner)
      )(ctx.http().patch(`/api/networks/${network.id}`)).send({
        name: 'Kapat nätverk',
      });
      const empty = await (
        await bearerOf(coordinator.owner)
      )(ctx.http().patch(`/api/networks/${network.id}`)).send({});

      expect(byMember.status).toBe(403);
      expect(empty.status).toBe(400);
    });
  });

  describe('invitations', () => {
    it('when the coordinator invites a buyer, then its owners get an email in their language, and accepting makes it a member', async () => {
      const coordinator = await createOrganisation(ctx, { name: 'Lunds kommun' });
      const svOwner = await createUser(ctx, { language: 'sv' });
      const enOwner = await createUser(ctx, { language: 'en' });
      const invited = await createOrganisation(ctx, { owner: svOwner, name: 'Eslövs kommun' });
      await addMember(ctx, invited, enOwner, 'owner');
      const plainMember = await createUser(ctx);
      await addMember(ctx, invited, plainMember, 'member');
      const network = await createNetwork(ctx, { coordinator, name: 'Skolmat Skåne' });

      const invite = await (
        await bearerOf(coordinator.owner)
      )(ctx.http().post(`/api/networks/${network.id}/invitations`)).send({ organisationId: invited.id });

      expect(invite.status).toBe(201);
      expect(invite.body).toMatchObject({
        status: 'pending',
        network: { id: network.id, name: 'Skolmat Skåne' },
        organisation: { id: invited.id, name: 'Eslövs kommun' },
      });
      const [sv] = await waitForMessages(svOwner.email, {
        filter: (m) => m.subject.includes('Skolmat Skåne'),
      });
      const [en] = await waitForMessages(enOwner.email, {
        filter: (m) => m.subject.includes('Skolmat Skåne'),
      });
      expect(sv!.subject).toBe('Eslövs kommun är inbjuden till beställarnätverket Skolmat Skåne');
      expect(sv!.text).toContain('Lunds kommun bjuder in Eslövs kommun');
      expect(sv!.text).toContain('http://localhost:3000/konto/inbjudningar');
      expect(en!.subject).toBe('Eslövs kommun is invited to the buyer network Skolmat Skåne');

      // Anyone in the invited organisation may answer.
      const asMember = await bearerOf(plainMember);
      const mine = await asMember(ctx.http().get('/api/me/invitations'));
      expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([invite.body.id]);
      const accepted = await asMember(ctx.http().post(`/api/invitations/${invite.body.id}/accept`));
      expect(accepted.status).toBe(200);
      expect(accepted.body.status).toBe('accepted');
      const detail = await ctx.http().get(`/api/networks/${network.id}`);
      expect(detail.body.members.map((m: { id: string }) => m.id)).toEqual([coordinator.id, invited.id]);
      const again = await asMember(ctx.http().post(`/api/invitations/${invite.body.id}/decline`));
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('invalid_status');
    });

    it('when an invitation is declined, then the organisation does not join and may be invited again', async () => {
      const coordinator = await createOrganisation(ctx);
      const invited = await createOrganisation(ctx);
      const network = await createNetwork(ctx, { coordinator });
      const invitationId = await inviteOrganisation(ctx, network, invited);
      const asInvited = await bearerOf(invited.owner);

      const declined = await asInvited(ctx.http().post(`/api/invitations/${invitationId}/decline`));
      const reinvite = await (
        await bearerOf(coordinator.owner)
      )(ctx.http().post(`/api/networks/${network.id}/invitations`)).send({ organisationId: invited.id });

      expect(declined.body.status).toBe('declined');
      expect((await ctx.http().get(`/api/networks/${network.id}`)).body.memberCount).toBe(1);
      expect(reinvite.status).toBe(201);
    });

    it('when the invitation is a duplicate, or the invitee is a member, unverified or a supplier, then 409', async () => {
      const coordinator = await createOrganisation(ctx);
      const member = await createOrganisation(ctx);
      const invited = await createOrganisation(ctx);
      const pending = await createOrganisation(ctx, { verified: false });
      const supplier = await createOrganisation(ctx, { kind: 'supplier' });
      const network = await createNetwork(ctx, { coordinator, members: [member] });
      await inviteOrganisation(ctx, network, invited);
      const as = await bearerOf(coordinator.owner);
      const invite = (organisationId: string) =>
        as(ctx.http().post(`/api/networks/${network.id}/invitations`)).send({ organisationId });

      expect((await invite(invited.id)).body.error.code).toBe('already_invited');
      expect((await invite(member.id)).body.error.code).toBe('already_member');
      expect((await invite(pending.id)).body.error.code).toBe('organisation_not_eligible');
      expect((await invite(supplier.id)).body.error.code).toBe('organisation_not_eligible');
      const unknown = await invite('0123456789abcdef01234567');
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.details).toEqual([expect.objectContaining({ path: 'organisationId' })]);
    });

    it('when someone outside the invited organisation answers, then 404; the coordinator may revoke', async () => {
      const coordinator = await createOrganisation(ctx);
      const invited = await createOrganisation(ctx);
      const network = await createNetwork(ctx, { coordinator });
      const invitationId = await inviteOrganisation(ctx, network, invited);
      const asCoordinator = await bearerOf(coordinator.owner);

      const byCoordinator = await asCoordinator(ctx.http().post(`/api/invitations/${invitationId}/accept`));
      const list = await asCoordinator(ctx.http().get(`/api/networks/${network.id}/invitations`));
      const revoked = await asCoordinator(
        ctx.http().post(`/api/networks/${network.id}/invitations/${invitationId}/revoke`),
      );
      const late = await (
        await bearerOf(invited.owner)
      )(ctx.http().post(`/api/invitations/${invitationId}/accept`));

      expect(byCoordinator.status).toBe(404);
      expect(list.body.items).toEqual([expect.objectContaining({ id: invitationId, status: 'pending' })]);
      expect(revoked.status).toBe(204);
      expect(late.status).toBe(409);
    });
  });

  describe('leaving and handing over', () => {
    it('when a member organisation leaves, then it is no longer a member nor in the network’s buyer groups', async () => {
      const coordinator = await createOrganisation(ctx);
      const member = await createOrganisation(ctx);
      const network = await createNetwork(ctx, { coordinator, members: [member] });
      const groupId = await createBuyerGroup(ctx, network, [coordinator, member]);

      const res = await (
        await bearerOf(member.owner)
      )(ctx.http().delete(`/api/networks/${network.id}/members/${member.id}`));

      expect(res.status).toBe(204);
      expect((await ctx.http().get(`/api/networks/${network.id}`)).body.memberCount).toBe(1);
      const group = await buyerGroupModel(ctx.deps.mongo).findById(groupId).lean();
      expect(group!.memberOrgIds.map(String)).toEqual([coordinator.id]);
    });

    it('when the coordinator tries to leave, then 409 coordinator_cannot_leave; after handing over it may', async () => {
      const coordinator = await createOrganisation(ctx);
      const member = await createOrganisation(ctx);
      const network = await createNetwork(ctx, { coordinator, members: [member] });
      const as = await bearerOf(coordinator.owner);

      const blocked = await as(ctx.http().delete(`/api/networks/${network.id}/members/${coordinator.id}`));
      const handed = await as(ctx.http().post(`/api/networks/${network.id}/hand-over`)).send({
        organisationId: member.id,
      });
      const left = await as(ctx.http().delete(`/api/networks/${network.id}/members/${coordinator.id}`));

      expect(blocked.status).toBe(409);
      expect(blocked.body.error.code).toBe('coordinator_cannot_leave');
      expect(handed.status).toBe(200);
      expect(handed.body.coordinator.id).toBe(member.id);
      expect(left.status).toBe(204);
      const audit = await auditModel(ctx.deps.mongo)
        .findOne({ action: 'network.coordination_handed_over' })
        .lean();
      expect(audit).toMatchObject({ targetId: network.id, details: { from: coordinator.id, to: member.id } });
      // The former coordinator has no say any more (it still sees the approved network: 403).
      const invite = await as(ctx.http().post(`/api/networks/${network.id}/invitations`)).send({
        organisationId: (await createOrganisation(ctx)).id,
      });
      expect(invite.status).toBe(403);
    });

    it('when coordination would go to a non-member, then 409 not_a_member', async () => {
      const coordinator = await createOrganisation(ctx);
      const network = await createNetwork(ctx, { coordinator });
      const outsider = await createOrganisation(ctx);

      const res = await (
        await bearerOf(coordinator.owner)
      )(ctx.http().post(`/api/networks/${network.id}/hand-over`)).send({
        organisationId: outsider.id,
      });

      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('not_a_member');
    });
  });

  describe('buyer groups', () => {
    it('when the coordinator forms a group of members, then it is listed with names and active until its end date', async () => {
      const coordinator = await createOrganisation(ctx, { name: 'Växjö kommun' });
      const member = await createOrganisation(ctx, { name: 'Region Kronoberg' });
      const network = await createNetwork(ctx, { coordinator, members: [member] });
      const as = await bearerOf(coordinator.owner);
      const endsAt = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();

      const created = await as(ctx.http().post(`/api/networks/${network.id}/groups`)).send({
        name: 'Elcyklar 2026',
        purpose: 'Gemensam upphandling av elcyklar för hemtjänsten',
        memberOrgIds: [coordinator.id, member.id],
        endsAt,
      });
      const patched = await as(
        ctx.http().patch(`/api/networks/${network.id}/groups/${created.body.id}`),
      ).send({
        memberOrgIds: [member.id],
      });
      const list = await ctx.http().get(`/api/networks/${network.id}/groups`);

      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'Elcyklar 2026', active: true, endsAt });
      expect(patched.body.members).toEqual([
        { id: member.id, name: 'Region Kronoberg', buyerType: 'kommun' },
      ]);
      expect(list.body.items).toEqual([
        expect.objectContaining({ id: created.body.id, members: patched.body.members }),
      ]);
    });

    it('when a group names a non-member, a past end date or unknown fields, then 400 naming each and nothing is written', async () => {
      const coordinator = await createOrganisation(ctx);
      const network = await createNetwork(ctx, { coordinator });
      const outsider = await createOrganisation(ctx);
      const as = await bearerOf(coordinator.owner);

      const notMember = await as(ctx.http().post(`/api/networks/${network.id}/groups`)).send({
        name: 'Grupp',
        purpose: 'Syfte',
        memberOrgIds: [coordinator.id, outsider.id],
        endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
      const bad = await as(ctx.http().post(`/api/networks/${network.id}/groups`)).send({
        name: 'Grupp',
        purpose: 'Syfte',
        memberOrgIds: [{ $gt: '' }],
        endsAt: '2001-01-01T00:00:00Z',
        owner: 'me',
      });

      expect(notMember.status).toBe(400);
      expect(notMember.body.error.details).toEqual([expect.objectContaining({ path: 'memberOrgIds.1' })]);
      const paths = (bad.body.error.details as { path: string }[]).map((d) => d.path);
      expect(paths).toEqual(expect.arrayContaining(['memberOrgIds.0', 'endsAt', 'owner']));
      expect(await buyerGroupModel(ctx.deps.mongo).countDocuments()).toBe(0);
    });

    it('when a group id belongs to another network, then 404', async () => {
      const coordinator = await createOrganisation(ctx);
      const one = await createNetwork(ctx, { coordinator });
      const other = await createNetwork(ctx, { coordinator });
      const groupId = await createBuyerGroup(ctx, other, [coordinator]);

      const res = await (
        await bearerOf(coordinator.owner)
      )(ctx.http().patch(`/api/networks/${one.id}/groups/${groupId}`)).send({ name: 'Flyttad grupp' });

      expect(res.status).toBe(404);
    });
  });
});
