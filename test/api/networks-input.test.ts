import { createUser, loginAs, type TestUser } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import {
  addMember,
  createBuyerGroup,
  createNetwork,
  createOrganisation,
  type TestNetwork,
  type TestOrganisation,
} from '../helpers/factories.js';

/**
 * Every body of the organisations, networks and admin routes, sent by a caller who may use the
 * route, with each field in turn replaced by a NoSQL operator or a wrong type: always 400 naming
 * that field, and nothing is written.
 */
interface World {
  coordinator: TestOrganisation;
  member: TestOrganisation;
  network: TestNetwork;
  groupId: string;
  colleague: TestUser;
  admin: TestUser;
}

interface BodyCase {
  route: string;
  caller: (w: World) => TestUser;
  method: 'post' | 'patch' | 'delete';
  path: (w: World) => string;
  body: (w: World) => Record<string, unknown>;
}

const FUTURE = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();

const bodies: BodyCase[] = [
  {
    route: 'POST /api/organisations',
    caller: (w) => w.colleague,
    method: 'post',
    path: () => '/api/organisations',
    body: () => ({
      kind: 'buyer',
      buyerType: 'region',
      name: 'Region Test',
      country: 'SE',
      orgNumber: '556677-8899',
      website: 'https://region.test.se',
    }),
  },
  {
    route: 'POST /api/organisations/:id/invitations',
    caller: (w) => w.coordinator.owner,
    method: 'post',
    path: (w) => `/api/organisations/${w.coordinator.id}/invitations`,
    body: (w) => ({ email: w.admin.email, role: 'member' }),
  },
  {
    route: 'PATCH /api/organisations/:id/members/:userId',
    caller: (w) => w.coordinator.owner,
    method: 'patch',
    path: (w) => `/api/organisations/${w.coordinator.id}/members/${w.colleague.id}`,
    body: () => ({ role: 'member' }),
  },
  {
    route: 'POST /api/networks',
    caller: (w) => w.coordinator.owner,
    method: 'post',
    path: () => '/api/networks',
    body: (w) => ({
      organisationId: w.coordinator.id,
      name: 'Nytt nätverk',
      subjectArea: 'Digitalisering',
      description: 'Ett nätverk om digitalisering av offentlig sektor.',
      languages: ['sv'],
      contact: { name: 'Kim', email: 'kim@test.se', phone: '+46 8 123 45' },
    }),
  },
  {
    route: 'PATCH /api/networks/:id',
    caller: (w) => w.coordinator.owner,
    method: 'patch',
    path: (w) => `/api/networks/${w.network.id}`,
    body: () => ({
      name: 'Nytt namn',
      subjectArea: 'Nytt område',
      description: 'En ny beskrivning av nätverket.',
      languages: ['sv', 'en'],
      contact: { name: 'Kim', email: 'kim@test.se' },
    }),
  },
  {
    route: 'POST /api/networks/:id/invitations',
    caller: (w) => w.coordinator.owner,
    method: 'post',
    path: (w) => `/api/networks/${w.network.id}/invitations`,
    body: (w) => ({ organisationId: w.member.id }),
  },
  {
    route: 'POST /api/networks/:id/groups',
    caller: (w) => w.coordinator.owner,
    method: 'post',
    path: (w) => `/api/networks/${w.network.id}/groups`,
    body: (w) => ({ name: 'Grupp', purpose: 'Ett syfte', memberOrgIds: [w.coordinator.id], endsAt: FUTURE }),
  },
  {
    route: 'PATCH /api/networks/:id/groups/:groupId',
    caller: (w) => w.coordinator.owner,
    method: 'patch',
    path: (w) => `/api/networks/${w.network.id}/groups/${w.groupId}`,
    body: (w) => ({ name: 'Grupp', purpose: 'Ett syfte', memberOrgIds: [w.coordinator.id], endsAt: FUTURE }),
  },
  {
    route: 'POST /api/networks/:id/hand-over',
    caller: (w) => w.coordinator.owner,
    method: 'post',
    path: (w) => `/api/networks/${w.network.id}/hand-over`,
    body: (w) => ({ organisationId: w.member.id }),
  },
  {
    route: 'POST /api/admin/organisations/:id/reject',
    caller: (w) => w.admin,
    method: 'post',
    path: (w) => `/api/admin/organisations/${w.member.id}/reject`,
    body: () => ({ reason: 'Fel uppgifter.' }),
  },
  {
    route: 'POST /api/admin/networks/:id/reject',
    caller: (w) => w.admin,
    method: 'post',
    path: (w) => `/api/admin/networks/${w.network.id}/reject`,
    body: () => ({ reason: 'Fel uppgifter.' }),
  },
];

/** Dotted paths of every leaf of a body (array items included). */
function leaves(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${prefix}.${i}`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

function replaced(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1)!] = value;
  return copy;
}

const poison: [string, unknown][] = [
  ['a NoSQL operator', { $gt: '' }],
  ['a wrong type', [true]],
];

describe('input validation of organisations, networks and admin bodies', () => {
  let ctx: TestContext;
  let world: World;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    ctx = await createTestContext();
    const coordinator = await createOrganisation(ctx);
    const member = await createOrganisation(ctx);
    const colleague = await createUser(ctx);
    await addMember(ctx, coordinator, colleague);
    const network = await createNetwork(ctx, { coordinator, members: [member] });
    const groupId = await createBuyerGroup(ctx, network, [coordinator]);
    world = {
      coordinator,
      member,
      network,
      groupId,
      colleague,
      admin: await createUser(ctx, { admin: true }),
    };
    for (const user of [coordinator.owner, colleague, world.admin]) {
      tokens.set(user.id, (await loginAs(ctx, user)).token);
    }
  });
  afterAll(async () => {
    await ctx.close();
  });

  function send(c: BodyCase, body: Record<string, unknown>) {
    const agent = ctx.http();
    const request = agent[c.method](c.path(world));
    return request.set('Authorization', `Bearer ${tokens.get(c.caller(world).id)}`).send(body);
  }

  async function documentCount(): Promise<number> {
    const collections = await ctx.deps.mongo.db!.collections();
    const counts = await Promise.all(
      collections.filter((c) => c.collectionName !== 'sessions').map((c) => c.countDocuments()),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  const table = bodies.flatMap((c) =>
    leaves(
      c.body({ coordinator: { id: 'x' }, member: { id: 'x' }, admin: { email: 'x' } } as unknown as World),
    ).flatMap((field) => poison.map(([what, value]) => ({ route: c.route, field, what, value, c }))),
  );

  it.each(table)(
    'when $route gets $what in $field, then 400 naming it and nothing is written',
    async ({ c, field, value }) => {
      const before = await documentCount();
      const body = replaced(c.body(world), field, value);

      const res = await send(c, body);

      expect(res.status).toBe(400);
      const paths = (res.body.error.details as { path: string }[]).map((d) => d.path);
      expect(paths).toContain(field);
      expect(await documentCount()).toBe(before);
    },
  );

  it('when every body is valid, then the same callers succeed (the table is not testing a closed door)', async () => {
    const statuses: Record<string, number> = {};
    for (const c of bodies) {
      const res = await send(c, c.body(world));
      statuses[c.route] = res.status;
    }

    expect(statuses).toEqual({
      'POST /api/organisations': 201,
      'POST /api/organisations/:id/invitations': 201,
      'PATCH /api/organisations/:id/members/:userId': 200,
      'POST /api/networks': 201,
      'PATCH /api/networks/:id': 200,
      'POST /api/networks/:id/invitations': 409, // already a member: got past validation and the policy
      'POST /api/networks/:id/groups': 201,
      'PATCH /api/networks/:id/groups/:groupId': 200,
      'POST /api/networks/:id/hand-over': 200,
      'POST /api/admin/organisations/:id/reject': 200,
      'POST /api/admin/networks/:id/reject': 200,
    });
  });
});
