import { randomUUID } from 'node:crypto';
import { accountsRoutes } from '../../server/modules/accounts/accounts.routes.js';
import { createAccountsService } from '../../server/modules/accounts/accounts.service.js';
import { createAdminModule } from '../../server/modules/admin/admin.module.js';
import { createNetworksModule } from '../../server/modules/networks/networks.module.js';
import { createOrganisationsModule } from '../../server/modules/organisations/organisations.module.js';
import { orgInvitationModel } from '../../server/modules/organisations/org-invitation.model.js';
import { generateSwedishOrgNumber } from '../../server/modules/organisations/org-number.js';
import { createAppPolicy } from '../../server/policy.js';
import { createUser, loginAs, uniqueEmail, type TestUser } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import {
  addMember,
  createBuyerGroup,
  createNetwork,
  createOrganisation,
  inviteOrganisation,
  type TestNetwork,
  type TestOrganisation,
} from '../helpers/factories.js';

/**
 * Every route of organisations, networks, admin and the authenticated accounts routes, asked by
 * each of seven actors: the status each gets. A route missing from the table fails the test.
 */
const actorNames = [
  'anonymous',
  'unverified user',
  'supplier member',
  'buyer member',
  'network coordinator',
  "other network's coordinator",
  'admin',
] as const;
type ActorName = (typeof actorNames)[number];
type Expected = Record<ActorName, number>;

interface World {
  users: Record<Exclude<ActorName, 'anonymous'>, TestUser>;
  supplier: TestOrganisation;
  /** Verified buyer; member of `network` and `pendingNetwork`; "buyer member" is a plain member of it. */
  buyer: TestOrganisation;
  /** Coordinates `network` and `pendingNetwork`; "network coordinator" owns it. */
  coordinatorOrg: TestOrganisation;
  /** Coordinates `otherNetwork`. */
  otherOrg: TestOrganisation;
  pendingOrg: TestOrganisation;
  network: TestNetwork;
  pendingNetwork: TestNetwork;
  otherNetwork: TestNetwork;
  /** A plain member of coordinatorOrg (target of role changes). */
  colleague: TestUser;
  groupId: string;
}

interface Req {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  body?: unknown;
}

interface Case {
  /** The route as declared: `POST /api/networks/:id/invitations`. */
  route: string;
  variant?: string;
  /** Builds the request; may create fresh data first, so one actor's success does not change the next one's answer. */
  request(w: World, actor: ActorName): Promise<Req> | Req;
  expect: Expected;
  /** Log the actor in afresh for this request (for routes that end sessions). */
  freshSession?: boolean;
}

/** The statuses when only some actors succeed: anonymous 401, everyone else `denied` (403). */
function only(ok: Partial<Expected>, denied: Partial<Expected> = {}): Expected {
  const base = Object.fromEntries(actorNames.map((a) => [a, 403])) as Expected;
  return { ...base, anonymous: 401, ...denied, ...ok };
}
/** Every logged-in actor gets `status`; anonymous 401. */
const anyUser = (status: number, overrides: Partial<Expected> = {}): Expected =>
  ({ ...Object.fromEntries(actorNames.map((a) => [a, status])), anonymous: 401, ...overrides }) as Expected;
const everyone = (status: number): Expected =>
  Object.fromEntries(actorNames.map((a) => [a, status])) as Expected;

const FAR_FUTURE = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();
const UNKNOWN_ID = '0123456789abcdef01234567';

function cases(ctx: TestContext): Case[] {
  const pendingInvitation = async (organisationId: string, email: string) => {
    const [doc] = await orgInvitationModel(ctx.deps.mongo).insertMany([
      { organisationId, email, role: 'member', status: 'pending', expiresAt: FAR_FUTURE },
    ]);
    return String(doc!._id);
  };
  const freshNetworkWithBuyer = async (w: World) =>
    createNetwork(ctx, { coordinator: w.coordinatorOrg, members: [w.buyer] });
  return [
    // ---------------------------------------------------------------- organisations
    {
      route: 'POST /api/organisations',
      request: () => ({
        method: 'post',
        path: '/api/organisations',
        body: { kind: 'supplier', name: 'Matris AB', orgNumber: generateSwedishOrgNumber(Math.random) },
      }),
      expect: anyUser(201, { 'unverified user': 403 }),
    },
    {
      route: 'GET /api/organisations/:id',
      variant: 'verified',
      request: (w) => ({ method: 'get', path: `/api/organisations/${w.buyer.id}` }),
      expect: everyone(200),
    },
    {
      route: 'GET /api/organisations/:id',
      variant: 'pending, of someone else',
      request: (w) => ({ method: 'get', path: `/api/organisations/${w.pendingOrg.id}` }),
      expect: { ...everyone(404), admin: 200 },
    },
    {
      route: 'GET /api/organisations/:id/members',
      request: (w) => ({ method: 'get', path: `/api/organisations/${w.coordinatorOrg.id}/members` }),
      expect: only({ 'network coordinator': 200, admin: 200 }),
    },
    {
      route: 'GET /api/organisations/:id/members',
      variant: 'own organisation as plain member',
      request: (w) => ({ method: 'get', path: `/api/organisations/${w.buyer.id}/members` }),
      expect: only({ 'buyer member': 200, admin: 200 }),
    },
    {
      route: 'POST /api/organisations/:id/invitations',
      request: (w) => ({
        method: 'post',
        path: `/api/organisations/${w.coordinatorOrg.id}/invitations`,
        body: { email: uniqueEmail('invitee') },
      }),
      expect: only({ 'network coordinator': 201 }),
    },
    {
      route: 'POST /api/organisations/:id/invitations',
      variant: 'own organisation as plain member',
      request: (w) => ({
        method: 'post',
        path: `/api/organisations/${w.buyer.id}/invitations`,
        body: { email: uniqueEmail('invitee') },
      }),
      expect: only({}),
    },
    {
      route: 'GET /api/organisations/:id/invitations',
      request: (w) => ({ method: 'get', path: `/api/organisations/${w.coordinatorOrg.id}/invitations` }),
      expect: only({ 'network coordinator': 200 }),
    },
    {
      route: 'POST /api/organisations/:id/invitations/:invitationId/revoke',
      request: async (w) => {
        const invitation = await pendingInvitation(w.coordinatorOrg.id, uniqueEmail('invitee'));
        return {
          method: 'post',
          path: `/api/organisations/${w.coordinatorOrg.id}/invitations/${invitation}/revoke`,
        };
      },
      expect: only({ 'network coordinator': 204 }),
    },
    {
      route: 'GET /api/me/organisation-invitations',
      request: () => ({ method: 'get', path: '/api/me/organisation-invitations' }),
      expect: anyUser(200),
    },
    ...(['accept', 'decline'] as const).flatMap((answer): Case[] => [
      {
        route: `POST /api/organisation-invitations/:id/${answer}`,
        variant: 'addressed to the caller',
        request: async (w, actor) => {
          // Pending, so joining it changes nothing the later rows depend on (acting for a buyer).
          const org = await createOrganisation(ctx, { verified: false });
          const email = actor === 'anonymous' ? uniqueEmail() : w.users[actor].email;
          const invitation = await pendingInvitation(org.id, email);
          return { method: 'post', path: `/api/organisation-invitations/${invitation}/${answer}` };
        },
        // An unverified address cannot show it is the invited one.
        expect: anyUser(200, { 'unverified user': 404 }),
      },
      {
        route: `POST /api/organisation-invitations/:id/${answer}`,
        variant: 'addressed to someone else',
        request: async (w) => {
          const invitation = await pendingInvitation(w.coordinatorOrg.id, uniqueEmail());
          return { method: 'post', path: `/api/organisation-invitations/${invitation}/${answer}` };
        },
        expect: anyUser(404),
      },
    ]),
    {
      route: 'PATCH /api/organisations/:id/members/:userId',
      request: (w) => ({
        method: 'patch',
        path: `/api/organisations/${w.coordinatorOrg.id}/members/${w.colleague.id}`,
        body: { role: 'member' },
      }),
      expect: only({ 'network coordinator': 200 }),
    },
    {
      route: 'DELETE /api/organisations/:id/members/:userId',
      request: async (w) => {
        const member = await createUser(ctx);
        await addMember(ctx, w.coordinatorOrg, member);
        return { method: 'delete', path: `/api/organisations/${w.coordinatorOrg.id}/members/${member.id}` };
      },
      expect: only({ 'network coordinator': 204 }),
    },
    {
      route: 'DELETE /api/organisations/:id/members/:userId',
      variant: 'leaving oneself',
      request: async (w, actor) => {
        // Each actor tries to remove "buyer member" from the buyer organisation; only they themself may.
        const org = await createOrganisation(ctx);
        if (actor === 'buyer member') await addMember(ctx, org, w.users['buyer member']);
        else await addMember(ctx, org, await createUser(ctx));
        const target = actor === 'buyer member' ? w.users['buyer member'].id : w.colleague.id;
        return { method: 'delete', path: `/api/organisations/${org.id}/members/${target}` };
      },
      expect: only({ 'buyer member': 204 }),
    },
    {
      route: 'GET /api/me/organisations',
      request: () => ({ method: 'get', path: '/api/me/organisations' }),
      expect: anyUser(200),
    },
    // ---------------------------------------------------------------- networks
    {
      route: 'POST /api/networks',
      request: () => ({
        method: 'post',
        path: '/api/networks',
        body: {
          name: `Matrisnätverk ${randomUUID().slice(0, 6)}`,
          subjectArea: 'Test',
          description: 'Ett nätverk skapat av behörighetstestet.',
          contact: { name: 'Kim', email: 'kim@test.se' },
        },
      }),
      expect: only({ 'buyer member': 201, 'network coordinator': 201, "other network's coordinator": 201 }),
    },
    {
      route: 'GET /api/networks',
      request: () => ({ method: 'get', path: '/api/networks' }),
      expect: everyone(200),
    },
    {
      route: 'GET /api/me/networks',
      request: () => ({ method: 'get', path: '/api/me/networks' }),
      expect: anyUser(200),
    },
    {
      route: 'GET /api/networks/:id',
      variant: 'approved',
      request: (w) => ({ method: 'get', path: `/api/networks/${w.network.id}` }),
      expect: everyone(200),
    },
    {
      route: 'GET /api/networks/:id',
      variant: 'pending',
      request: (w) => ({ method: 'get', path: `/api/networks/${w.pendingNetwork.id}` }),
      expect: { ...everyone(404), 'buyer member': 200, 'network coordinator': 200, admin: 200 },
    },
    {
      route: 'PATCH /api/networks/:id',
      variant: 'approved',
      request: (w) => ({
        method: 'patch',
        path: `/api/networks/${w.network.id}`,
        body: { subjectArea: 'Fossilfria transporter' },
      }),
      expect: only({ 'network coordinator': 200 }),
    },
    {
      route: 'PATCH /api/networks/:id',
      variant: 'pending: outsiders get 404',
      request: (w) => ({
        method: 'patch',
        path: `/api/networks/${w.pendingNetwork.id}`,
        body: { subjectArea: 'Fossilfria transporter' },
      }),
      expect: only(
        { 'network coordinator': 200 },
        { 'unverified user': 404, 'supplier member': 404, "other network's coordinator": 404 },
      ),
    },
    {
      route: 'DELETE /api/networks/:id/members/:organisationId',
      request: async (w) => {
        const network = await freshNetworkWithBuyer(w);
        return { method: 'delete', path: `/api/networks/${network.id}/members/${w.buyer.id}` };
      },
      expect: only({ 'buyer member': 204 }),
    },
    {
      route: 'POST /api/networks/:id/hand-over',
      request: async (w) => {
        const network = await freshNetworkWithBuyer(w);
        return {
          method: 'post',
          path: `/api/networks/${network.id}/hand-over`,
          body: { organisationId: w.buyer.id },
        };
      },
      expect: only({ 'network coordinator': 200 }),
    },
    {
      route: 'POST /api/networks/:id/invitations',
      request: async (w) => ({
        method: 'post',
        path: `/api/networks/${w.network.id}/invitations`,
        body: { organisationId: (await createOrganisation(ctx)).id },
      }),
      expect: only({ 'network coordinator': 201 }),
    },
    {
      route: 'GET /api/networks/:id/invitations',
      request: (w) => ({ method: 'get', path: `/api/networks/${w.network.id}/invitations` }),
      expect: only({ 'network coordinator': 200 }),
    },
    {
      route: 'POST /api/networks/:id/invitations/:invitationId/revoke',
      request: async (w) => {
        const invitationId = await inviteOrganisation(ctx, w.network, await createOrganisation(ctx));
        return { method: 'post', path: `/api/networks/${w.network.id}/invitations/${invitationId}/revoke` };
      },
      expect: only({ 'network coordinator': 204 }),
    },
    {
      route: 'GET /api/me/invitations',
      request: () => ({ method: 'get', path: '/api/me/invitations' }),
      expect: anyUser(200),
    },
    ...(['accept', 'decline'] as const).map((answer): Case => ({
      route: `POST /api/invitations/:id/${answer}`,
      request: async (w) => {
        // An invitation to the buyer organisation from a network it is not in yet.
        const network = await createNetwork(ctx, { coordinator: w.coordinatorOrg });
        const invitationId = await inviteOrganisation(ctx, network, w.buyer);
        return { method: 'post', path: `/api/invitations/${invitationId}/${answer}` };
      },
      // Outside the invited organisation an invitation does not exist.
      expect: { ...everyone(404), anonymous: 401, 'buyer member': 200 },
    })),
    {
      route: 'POST /api/networks/:id/groups',
      request: (w) => ({
        method: 'post',
        path: `/api/networks/${w.network.id}/groups`,
        body: {
          name: 'Matrisgrupp',
          purpose: 'Test',
          memberOrgIds: [w.coordinatorOrg.id],
          endsAt: FAR_FUTURE,
        },
      }),
      expect: only({ 'network coordinator': 201 }),
    },
    {
      route: 'GET /api/networks/:id/groups',
      request: (w) => ({ method: 'get', path: `/api/networks/${w.network.id}/groups` }),
      expect: everyone(200),
    },
    {
      route: 'PATCH /api/networks/:id/groups/:groupId',
      request: (w) => ({
        method: 'patch',
        path: `/api/networks/${w.network.id}/groups/${w.groupId}`,
        body: { purpose: 'Nytt syfte' },
      }),
      expect: only({ 'network coordinator': 200 }),
    },
    {
      route: 'PATCH /api/networks/:id/groups/:groupId',
      variant: "another network's coordinator on its own network with a foreign group",
      request: (w) => ({
        method: 'patch',
        path: `/api/networks/${w.otherNetwork.id}/groups/${w.groupId}`,
        body: { purpose: 'Kapad' },
      }),
      expect: only({ "other network's coordinator": 404 }),
    },
    // ---------------------------------------------------------------- admin
    {
      route: 'GET /api/admin/organisations',
      request: () => ({ method: 'get', path: '/api/admin/organisations?status=pending' }),
      expect: only({ admin: 200 }),
    },
    {
      route: 'POST /api/admin/organisations/:id/verify',
      request: async () => ({
        method: 'post',
        path: `/api/admin/organisations/${(await createOrganisation(ctx, { verified: false })).id}/verify`,
      }),
      expect: only({ admin: 200 }),
    },
    {
      route: 'POST /api/admin/organisations/:id/verify',
      variant: 'a pending organisation the caller owns',
      request: async (w, actor) => {
        const owner = actor === 'anonymous' ? undefined : w.users[actor];
        const org = await createOrganisation(ctx, { verified: false, ...(owner ? { owner } : {}) });
        return { method: 'post', path: `/api/admin/organisations/${org.id}/verify` };
      },
      expect: only({ admin: 200 }),
    },
    {
      route: 'POST /api/admin/organisations/:id/reject',
      request: async () => ({
        method: 'post',
        path: `/api/admin/organisations/${(await createOrganisation(ctx, { verified: false })).id}/reject`,
        body: { reason: 'Uppgifterna stämmer inte.' },
      }),
      expect: only({ admin: 200 }),
    },
    {
      route: 'GET /api/admin/networks',
      request: () => ({ method: 'get', path: '/api/admin/networks?status=pending' }),
      expect: only({ admin: 200 }),
    },
    {
      route: 'POST /api/admin/networks/:id/approve',
      request: async (w) => ({
        method: 'post',
        path: `/api/admin/networks/${(await createNetwork(ctx, { coordinator: w.coordinatorOrg, approved: false })).id}/approve`,
      }),
      expect: only({ admin: 200 }),
    },
    {
      route: 'POST /api/admin/networks/:id/reject',
      request: async (w) => ({
        method: 'post',
        path: `/api/admin/networks/${(await createNetwork(ctx, { coordinator: w.coordinatorOrg, approved: false })).id}/reject`,
        body: { reason: 'Beskrivningen saknas.' },
      }),
      expect: only({ admin: 200 }),
    },
    {
      route: 'GET /api/admin/audit-log',
      request: () => ({ method: 'get', path: '/api/admin/audit-log' }),
      expect: only({ admin: 200 }),
    },
    // ---------------------------------------------------------------- accounts (helper A), authenticated routes
    {
      route: 'GET /api/me',
      request: () => ({ method: 'get', path: '/api/me' }),
      expect: anyUser(200),
    },
    {
      route: 'PATCH /api/me',
      request: () => ({ method: 'patch', path: '/api/me', body: { language: 'sv' } }),
      expect: anyUser(200),
    },
    {
      route: 'GET /api/me/sessions',
      request: () => ({ method: 'get', path: '/api/me/sessions' }),
      expect: anyUser(200),
    },
    {
      route: 'DELETE /api/me/sessions/:id',
      variant: "someone else's or no session",
      request: () => ({ method: 'delete', path: `/api/me/sessions/${UNKNOWN_ID}` }),
      expect: anyUser(404),
    },
    {
      route: 'GET /api/me/export',
      request: () => ({ method: 'get', path: '/api/me/export' }),
      expect: anyUser(200),
    },
    {
      route: 'DELETE /api/me',
      variant: 'wrong password: authorised, refused',
      request: () => ({ method: 'delete', path: '/api/me', body: { password: 'inte-mitt-lösenord-42' } }),
      expect: anyUser(400),
    },
    {
      route: 'POST /api/auth/password',
      variant: 'wrong current password: authorised, refused',
      request: () => ({
        method: 'post',
        path: '/api/auth/password',
        body: { currentPassword: 'inte-mitt-lösenord-42', newPassword: 'Ett-helt-nytt-lösenord-99' },
      }),
      expect: anyUser(400),
    },
    {
      route: 'POST /api/auth/verify-email/resend',
      request: () => ({ method: 'post', path: '/api/auth/verify-email/resend' }),
      expect: anyUser(409, { 'unverified user': 202 }),
    },
    {
      route: 'POST /api/auth/logout',
      freshSession: true,
      request: () => ({ method: 'post', path: '/api/auth/logout' }),
      // Logging out without a session is harmless, so it is not an error.
      expect: everyone(204),
    },
  ];
}

describe('authorisation matrix', () => {
  let ctx: TestContext;
  let world: World;
  const bearers = new Map<ActorName, string>();

  beforeAll(async () => {
    ctx = await createTestContext();
    const users = {
      'unverified user': await createUser(ctx, { verified: false }),
      'supplier member': await createUser(ctx),
      'buyer member': await createUser(ctx),
      'network coordinator': await createUser(ctx),
      "other network's coordinator": await createUser(ctx),
      admin: await createUser(ctx, { admin: true }),
    };
    const supplier = await createOrganisation(ctx, { kind: 'supplier', owner: users['supplier member'] });
    const buyer = await createOrganisation(ctx);
    await addMember(ctx, buyer, users['buyer member'], 'member');
    const coordinatorOrg = await createOrganisation(ctx, { owner: users['network coordinator'] });
    const colleague = await createUser(ctx);
    await addMember(ctx, coordinatorOrg, colleague, 'member');
    const otherOrg = await createOrganisation(ctx, { owner: users["other network's coordinator"] });
    const pendingOrg = await createOrganisation(ctx, { verified: false });
    const network = await createNetwork(ctx, { coordinator: coordinatorOrg, members: [buyer] });
    const pendingNetwork = await createNetwork(ctx, {
      coordinator: coordinatorOrg,
      members: [buyer],
      approved: false,
    });
    const otherNetwork = await createNetwork(ctx, { coordinator: otherOrg });
    const groupId = await createBuyerGroup(ctx, network, [coordinatorOrg, buyer]);
    world = {
      users,
      supplier,
      buyer,
      coordinatorOrg,
      otherOrg,
      pendingOrg,
      network,
      pendingNetwork,
      otherNetwork,
      colleague,
      groupId,
    };
    for (const [name, user] of Object.entries(users))
      bearers.set(name as ActorName, (await loginAs(ctx, user)).token);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('when the table is compared with the app, then it covers every route of these features', () => {
    const policy = createAppPolicy(ctx.deps);
    const organisations = createOrganisationsModule(ctx.deps, policy);
    const networks = createNetworksModule(ctx.deps, policy, organisations);
    const admin = createAdminModule(ctx.deps, policy, organisations, networks);
    const accounts = accountsRoutes(createAccountsService(ctx.deps), ctx.config).filter(
      (e) => e.spec.security,
    );
    const routes = [...organisations.endpoints, ...networks.endpoints, ...admin.endpoints, ...accounts].map(
      (e) => `${e.spec.method.toUpperCase()} ${e.spec.path}`,
    );
    const covered = new Set(cases(ctx).map((c) => c.route));

    expect(routes.filter((r) => !covered.has(r))).toEqual([]);
    expect([...covered].filter((r) => !routes.includes(r))).toEqual([]);
  });

  const table = cases({} as TestContext).flatMap((c, index) =>
    actorNames.map((actor) => ({
      index,
      actor,
      title: `${c.route}${c.variant ? ` (${c.variant})` : ''}`,
      status: c.expect[actor],
    })),
  );

  it.each(table)('when $actor calls $title, then $status', async ({ index, actor, status }) => {
    const c = cases(ctx)[index]!;
    const req = await c.request(world, actor);
    let token = actor === 'anonymous' ? undefined : bearers.get(actor);
    if (c.freshSession && actor !== 'anonymous') token = (await loginAs(ctx, world.users[actor])).token;
    const test = ctx.http()[req.method](req.path);
    if (token) test.set('Authorization', `Bearer ${token}`);

    const res = req.body === undefined ? await test : await test.send(req.body as object);

    // On failure, show the body: it says which rule refused.
    expect({ status: res.status, body: res.status === status ? undefined : res.body }).toEqual({
      status,
      body: undefined,
    });
    if (status === 401) expect(res.body.error.code).toBe('unauthorized');
    if (status === 403) expect(res.body.error.code).toMatch(/^(forbidden|csrf_failed)$/);
  });
});
