import type supertest from 'supertest';
import { createUser, loginAs, resetRateLimits, type TestUser } from '../helpers/auth.js';
import type { TestContext } from '../helpers/context.js';
import {
  addMember,
  createNetwork,
  createOrganisation,
  type TestNetwork,
  type TestOrganisation,
} from '../helpers/factories.js';

/**
 * The people and organisations of the needs tests: a network coordinated by a kommun with a
 * region as member, a plain member user of the region, an outsider buyer, a supplier and an
 * admin — each logged in as a browser (cookie + CSRF header preset).
 */
export interface NeedsWorld {
  network: TestNetwork;
  coordinator: TestOrganisation;
  member: TestOrganisation;
  outsiderOrg: TestOrganisation;
  admin: TestUser;
  /** Owner of the coordinating organisation. */
  coordinatorAgent: supertest.Agent;
  /** Owner of the member organisation (not the coordinator). */
  memberAgent: supertest.Agent;
  /** Owner of a verified buyer outside the network. */
  outsiderAgent: supertest.Agent;
  /** A supplier's user: logged in, no part in the network. */
  supplierAgent: supertest.Agent;
  adminAgent: supertest.Agent;
}

export async function needsWorld(
  ctx: TestContext,
  options: { networkName?: string } = {},
): Promise<NeedsWorld> {
  const coordinator = await createOrganisation(ctx, { kind: 'buyer', buyerType: 'kommun' });
  const member = await createOrganisation(ctx, { kind: 'buyer', buyerType: 'region' });
  const outsiderOrg = await createOrganisation(ctx, { kind: 'buyer' });
  const supplier = await createOrganisation(ctx, { kind: 'supplier' });
  const network = await createNetwork(ctx, {
    coordinator,
    members: [member],
    ...(options.networkName ? { name: options.networkName } : {}),
  });
  const admin = await createUser(ctx, { admin: true });
  const [c, m, o, s, a] = await Promise.all([
    loginAs(ctx, coordinator.owner),
    loginAs(ctx, member.owner),
    loginAs(ctx, outsiderOrg.owner),
    loginAs(ctx, supplier.owner),
    loginAs(ctx, admin),
  ]);
  await resetRateLimits(ctx);
  return {
    network,
    coordinator,
    member,
    outsiderOrg,
    admin,
    coordinatorAgent: c.agent,
    memberAgent: m.agent,
    outsiderAgent: o.agent,
    supplierAgent: s.agent,
    adminAgent: a.agent,
  };
}

/** Adds a plain (non-owner) user to an organisation and logs them in. */
export async function memberUser(ctx: TestContext, organisation: TestOrganisation): Promise<supertest.Agent> {
  const user = await createUser(ctx);
  await addMember(ctx, organisation, user);
  const { agent } = await loginAs(ctx, user);
  return agent;
}

/** A complete need, ready for review. Override any field. */
export function needBody(
  world: Pick<NeedsWorld, 'network' | 'coordinator' | 'member'>,
  overrides: Record<string, unknown> = {},
) {
  return {
    networkId: world.network.id,
    title: 'Laddinfrastruktur för kommunala fordonsflottor',
    summary:
      'Kommunerna i nätverket behöver ladda 400 tjänstebilar vid arbetsplatser och depåer utan att bygga ut elnätet.',
    description:
      'Våra fordonsflottor ställs om till el. Elnätets kapacitet vid depåerna räcker inte och laddningen måste styras efter verksamhetens behov, elpris och effekttoppar.',
    requirements: [
      'Laddningen ska styras så att effekttoppen per depå inte överstiger abonnerad effekt.',
      'Förare ska kunna se när bilen är tillräckligt laddad för nästa körning.',
    ],
    desiredOutcomes: 'Lägre effektavgifter och inga strandade fordon.',
    cpvCodes: ['31158100-9', '48000000'],
    regions: ['SE110', 'SE121'],
    innovationType: 'new_service',
    stage: 'market_dialogue',
    questionsDeadline: '2026-09-30T15:00:00Z',
    dialoguePeriod: { start: '2026-09-01', end: '2026-10-15' },
    plannedProcurementStart: '2027-01-15',
    language: 'sv',
    contact: { name: 'Upphandlingsenheten', email: 'upphandling@test.behovstorget.se' },
    attachments: [{ title: 'Förstudie', url: 'https://example.org/forstudie.pdf' }],
    demand: [
      {
        organisationId: world.coordinator.id,
        quantity: { amount: 250, unit: 'laddpunkter' },
        value: { amount: 12_000_000 },
        timeframe: { from: '2027-01-01', to: '2029-12-31' },
      },
      {
        organisationId: world.member.id,
        quantity: { amount: 150, unit: 'Laddpunkter' },
        value: { amount: 8_500_000, currency: 'SEK' },
      },
    ],
    ...overrides,
  };
}

async function ok(res: supertest.Response, status: number, what: string): Promise<supertest.Response> {
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** Creates a complete need as the coordinator; returns its id. */
export async function draftNeed(world: NeedsWorld, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await ok(
    await world.coordinatorAgent.post('/api/needs').send(needBody(world, overrides)),
    201,
    'create',
  );
  return String(res.body.id);
}

export async function submittedNeed(
  world: NeedsWorld,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const id = await draftNeed(world, overrides);
  await ok(await world.coordinatorAgent.post(`/api/needs/${id}/submit`), 200, 'submit');
  return id;
}

/** Created, submitted and approved through the API. */
export async function publishedNeed(
  world: NeedsWorld,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const id = await submittedNeed(world, overrides);
  await ok(await world.adminAgent.post(`/api/admin/moderation/needs/${id}/approve`).send({}), 200, 'approve');
  return id;
}

/** Polls until `check` returns a truthy value (e.g. the search index caught up); returns it. */
export async function eventually<T>(
  check: () => Promise<T>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what} not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until public search (by `q`) lists — or no longer lists — the need. */
export async function searchable(
  http: () => supertest.Agent,
  id: string,
  query: Record<string, string>,
  present = true,
  timeoutMs = 15_000,
): Promise<void> {
  await eventually(
    async () => {
      const res = await http().get('/api/needs').query(query);
      const ids: string[] = res.body.items?.map((i: { id: string }) => i.id) ?? [];
      return ids.includes(id) === present && res.body.degraded !== true;
    },
    timeoutMs,
    `need ${id} ${present ? 'in' : 'out of'} search for ${JSON.stringify(query)}`,
  );
}
