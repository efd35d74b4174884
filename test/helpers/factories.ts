import { randomUUID } from 'node:crypto';
import type { Principal } from '../../server/platform/auth/principal.js';
import { createNetworksModule, type NetworksModule } from '../../server/modules/networks/networks.module.js';
import {
  createOrganisationsModule,
  type OrganisationsModule,
} from '../../server/modules/organisations/organisations.module.js';
import {
  generateNorwegianOrgNumber,
  generateSwedishOrgNumber,
} from '../../server/modules/organisations/org-number.js';
import type { BuyerType } from '../../server/modules/organisations/organisations.repository.js';
import { createAppPolicy } from '../../server/policy.js';
import type { Subject } from '../../server/modules/policy/subject.js';
import { createUser, type TestUser } from './auth.js';
import type { TestContext } from './context.js';

/**
 * Organisations and networks for API tests, made through the real services (so they hold the
 * same invariants as data made through the API):
 *
 *   const kommun = await createOrganisation(ctx, { kind: 'buyer', verified: true });
 *   const region = await createOrganisation(ctx, { kind: 'buyer', verified: true });
 *   const network = await createNetwork(ctx, { coordinator: kommun, members: [region], approved: true });
 */
export interface TestOrganisation {
  id: string;
  name: string;
  kind: 'buyer' | 'supplier';
  country: 'SE' | 'NO';
  orgNumber: string;
  /** The user who registered it (role owner). */
  owner: TestUser;
}

export interface TestNetwork {
  id: string;
  name: string;
  slug: string;
  coordinator: TestOrganisation;
  members: TestOrganisation[];
}

interface Modules {
  organisations: OrganisationsModule;
  networks: NetworksModule;
}

const modules = new WeakMap<TestContext, Modules>();

function modulesOf(ctx: TestContext): Modules {
  let m = modules.get(ctx);
  if (!m) {
    const policy = createAppPolicy(ctx.deps);
    const organisations = createOrganisationsModule(ctx.deps, policy);
    m = { organisations, networks: createNetworksModule(ctx.deps, policy, organisations) };
    modules.set(ctx, m);
  }
  return m;
}

function principal(user: Pick<TestUser, 'id' | 'email'>, isAdmin = false): Principal {
  return {
    userId: user.id,
    sessionId: 'factory',
    email: user.email,
    emailVerified: true,
    isAdmin,
    language: 'sv',
    via: 'bearer',
  };
}

/** The subject of a user as a request would see it (memberships freshly loaded). */
async function subjectOf(ctx: TestContext, user: Pick<TestUser, 'id' | 'email'>): Promise<Subject> {
  const { memberships } = modulesOf(ctx).organisations.repositories;
  return { principal: principal(user), memberships: await memberships.membershipsForUser(user.id) };
}

/** An admin acting for the factories (not a stored user). */
const factoryAdmin: Subject = {
  principal: principal({ id: '000000000000000000000001', email: 'factory-admin@test.behovstorget.se' }, true),
  memberships: [],
};

let sequence = 0;
const rng = () => Math.random();

export interface CreateOrganisationOptions {
  kind?: 'buyer' | 'supplier';
  buyerType?: BuyerType;
  /** Verified by an admin (default true). */
  verified?: boolean;
  /** Rejected by an admin instead (wins over `verified`). */
  rejected?: boolean;
  owner?: TestUser;
  name?: string;
  country?: 'SE' | 'NO';
}

export async function createOrganisation(
  ctx: TestContext,
  options: CreateOrganisationOptions = {},
): Promise<TestOrganisation> {
  const { service } = modulesOf(ctx).organisations;
  const kind = options.kind ?? 'buyer';
  const country = options.country ?? 'SE';
  const owner = options.owner ?? (await createUser(ctx, { verified: true }));
  sequence += 1;
  const name =
    options.name ??
    `${kind === 'buyer' ? 'Testkommun' : 'Testleverantör AB'} ${sequence}-${randomUUID().slice(0, 4)}`;
  const { organisation } = await service.create(await subjectOf(ctx, owner), {
    kind,
    ...(kind === 'buyer' ? { buyerType: options.buyerType ?? 'kommun' } : {}),
    name,
    country,
    orgNumber: country === 'SE' ? generateSwedishOrgNumber(rng) : generateNorwegianOrgNumber(rng),
  });
  if (options.rejected) await service.reject(factoryAdmin, organisation.id, 'Rejected by the test factory.');
  else if (options.verified !== false) await service.verify(factoryAdmin, organisation.id);
  return { id: organisation.id, name, kind, country, orgNumber: organisation.orgNumber, owner };
}

/** Adds `user` to the organisation: its owner invites them and they accept, as through the API. */
export async function addMember(
  ctx: TestContext,
  organisation: TestOrganisation,
  user: TestUser,
  role: 'owner' | 'member' = 'member',
): Promise<void> {
  const { invitations } = modulesOf(ctx).organisations;
  const invitation = await invitations.invite(await subjectOf(ctx, organisation.owner), organisation.id, {
    email: user.email,
    role,
  });
  await invitations.respond(await subjectOf(ctx, user), invitation.id, 'accept');
}

export interface CreateNetworkOptions {
  coordinator: TestOrganisation;
  /** Organisations invited by the coordinator that accept (they must be verified buyers). */
  members?: TestOrganisation[];
  /** Approved by an admin (default true). */
  approved?: boolean;
  name?: string;
  subjectArea?: string;
}

export async function createNetwork(ctx: TestContext, options: CreateNetworkOptions): Promise<TestNetwork> {
  const { service, invitations } = modulesOf(ctx).networks;
  const coordinatorSubject = await subjectOf(ctx, options.coordinator.owner);
  sequence += 1;
  const name = options.name ?? `Testnätverk ${sequence} ${randomUUID().slice(0, 4)}`;
  const { network } = await service.create(coordinatorSubject, {
    organisationId: options.coordinator.id,
    name,
    subjectArea: options.subjectArea ?? 'Fossilfria transporter',
    description: 'Ett nätverk för tester: gemensamma behov, tidig dialog och samordnad köpkraft.',
    languages: ['sv'],
    contact: { name: 'Kim Kontakt', email: 'kontakt@test.behovstorget.se' },
  });
  for (const member of options.members ?? []) {
    const view = await invitations.invite(coordinatorSubject, network.id, member.id);
    await invitations.respond(await subjectOf(ctx, member.owner), view.items[0]!.id, 'accept');
  }
  if (options.approved !== false) await service.approve(factoryAdmin, network.id);
  return {
    id: network.id,
    name,
    slug: network.slug,
    coordinator: options.coordinator,
    members: options.members ?? [],
  };
}

/** Invites an organisation without answering; returns the invitation id. */
export async function inviteOrganisation(
  ctx: TestContext,
  network: TestNetwork,
  organisation: TestOrganisation,
): Promise<string> {
  const { invitations } = modulesOf(ctx).networks;
  const view = await invitations.invite(
    await subjectOf(ctx, network.coordinator.owner),
    network.id,
    organisation.id,
  );
  return view.items[0]!.id;
}

/** Creates a buyer group of some member organisations; returns its id. */
export async function createBuyerGroup(
  ctx: TestContext,
  network: TestNetwork,
  members: TestOrganisation[],
  overrides: { name?: string; endsAt?: Date } = {},
): Promise<string> {
  const { groups } = modulesOf(ctx).networks;
  const view = await groups.create(await subjectOf(ctx, network.coordinator.owner), network.id, {
    name: overrides.name ?? 'Testgrupp',
    purpose: 'En upphandling av testtjänster',
    memberOrgIds: members.map((m) => m.id),
    endsAt: overrides.endsAt ?? new Date(Date.now() + 90 * 24 * 3600 * 1000),
  });
  return view.items[0]!.id;
}
