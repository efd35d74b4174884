import type {
  Action,
  ActionResources,
  NeedResource,
  NetworkResource,
  OrganisationResource,
  SupplierProfileResource,
} from '../../server/modules/policy/actions.js';
import { actions } from '../../server/modules/policy/actions.js';
import { can, decide } from '../../server/modules/policy/policy.js';
import type { Subject, SubjectMembership } from '../../server/modules/policy/subject.js';

/** The pure policy: who may do what, and whether a denial is 401, 403 or 404. */

const ids = {
  coordinatorOrg: 'c00000000000000000000001',
  memberOrg: 'b00000000000000000000001',
  invitedOrg: 'e00000000000000000000001',
  pendingBuyerOrg: 'f00000000000000000000001',
  otherCoordinatorOrg: 'd00000000000000000000001',
  supplierOrg: 'a00000000000000000000001',
};

function user(
  id: string,
  memberships: SubjectMembership[],
  extra: { admin?: boolean; verified?: boolean } = {},
): Subject {
  return {
    principal: {
      userId: id,
      sessionId: 's',
      email: `${id}@test.se`,
      emailVerified: extra.verified ?? true,
      isAdmin: extra.admin ?? false,
      language: 'sv',
      via: 'bearer',
    },
    memberships,
  };
}

const buyer = (
  organisationId: string,
  role: 'owner' | 'member' = 'owner',
  status: 'verified' | 'pending' = 'verified',
) => ({ organisationId, role, kind: 'buyer', status }) as const;

const actors = {
  anonymous: { principal: null, memberships: [] } as Subject,
  unverifiedEmail: user('u1', [], { verified: false }),
  plainUser: user('u2', []),
  supplier: user('u3', [
    { organisationId: ids.supplierOrg, role: 'owner', kind: 'supplier', status: 'verified' },
  ]),
  buyerMember: user('u4', [buyer(ids.memberOrg, 'member')]),
  invited: user('u5', [buyer(ids.invitedOrg, 'member')]),
  pendingBuyer: user('u6', [buyer(ids.pendingBuyerOrg, 'owner', 'pending')]),
  coordinator: user('u7', [buyer(ids.coordinatorOrg)]),
  otherCoordinator: user('u8', [buyer(ids.otherCoordinatorOrg)]),
  admin: user('u9', [], { admin: true }),
};

const network = (status: NetworkResource['status']): NetworkResource => ({
  type: 'network',
  id: '000000000000000000000001',
  status,
  coordinatorOrgId: ids.coordinatorOrg,
  memberOrgIds: [ids.coordinatorOrg, ids.memberOrg, ids.pendingBuyerOrg],
  invitedOrgIds: [ids.invitedOrg],
});
const approved = network('approved');
const pending = network('pending');

const org = (
  id: string,
  status: OrganisationResource['status'],
  kind: OrganisationResource['kind'] = 'buyer',
) => ({ type: 'organisation', id, kind, status }) as OrganisationResource;

const need = (published: boolean, n = approved): NeedResource => ({
  type: 'need',
  id: '000000000000000000000abc',
  network: n,
  published,
});

const profile = (listed: boolean, isPublic: boolean): SupplierProfileResource => ({
  type: 'supplierProfile',
  id: ids.supplierOrg,
  organisationId: ids.supplierOrg,
  listed,
  public: isPublic,
});

type Actor = keyof typeof actors;
type Expect = 200 | 401 | 403 | 404;

function status<A extends Action>(actor: Actor, action: A, resource: ActionResources[A]): Expect {
  const d = decide(actors[actor], action, resource);
  return d.allowed ? 200 : d.status;
}

/** Runs one row per actor: expected status by actor, `rest` for everyone not named. */
function row<A extends Action>(
  name: string,
  action: A,
  resource: ActionResources[A],
  expected: Partial<Record<Actor, Expect>> & { rest: Expect },
) {
  describe(name, () => {
    for (const actor of Object.keys(actors) as Actor[]) {
      const want = expected[actor] ?? expected.rest;
      it(`when ${actor} asks, then ${want}`, () => {
        expect(status(actor, action, resource)).toBe(want);
      });
    }
  });
}

describe('policy', () => {
  row('organisation.create', 'organisation.create', undefined, {
    anonymous: 401,
    unverifiedEmail: 403,
    rest: 200,
  });

  row(
    'organisation.read of a pending organisation',
    'organisation.read',
    org(ids.pendingBuyerOrg, 'pending'),
    {
      pendingBuyer: 200,
      admin: 200,
      rest: 404,
    },
  );
  row('organisation.read of a verified organisation', 'organisation.read', org(ids.memberOrg, 'verified'), {
    rest: 200,
  });
  row('organisation.manageMembers', 'organisation.manageMembers', org(ids.memberOrg, 'verified'), {
    anonymous: 401,
    // buyerMember is a plain member, not an owner
    rest: 403,
  });
  row(
    'organisation.manageMembers by the owner',
    'organisation.manageMembers',
    org(ids.coordinatorOrg, 'verified'),
    {
      anonymous: 401,
      coordinator: 200,
      rest: 403,
    },
  );
  row(
    'organisation.readMembers of a pending organisation',
    'organisation.readMembers',
    org(ids.pendingBuyerOrg, 'pending'),
    {
      anonymous: 401,
      pendingBuyer: 200,
      admin: 200,
      rest: 404,
    },
  );
  row(
    'organisation.removeMember of oneself',
    'organisation.removeMember',
    { type: 'member', organisation: org(ids.memberOrg, 'verified'), userId: 'u4' },
    { anonymous: 401, buyerMember: 200, rest: 403 },
  );

  row('network.create without a resource', 'network.create', undefined, {
    anonymous: 401,
    buyerMember: 200,
    invited: 200,
    coordinator: 200,
    otherCoordinator: 200,
    rest: 403,
  });
  row('network.create for a pending buyer', 'network.create', org(ids.pendingBuyerOrg, 'pending'), {
    anonymous: 401,
    pendingBuyer: 403,
    admin: 403,
    rest: 404,
  });
  row('network.create for a supplier', 'network.create', org(ids.supplierOrg, 'verified', 'supplier'), {
    anonymous: 401,
    rest: 403,
  });

  row('network.read of an approved network', 'network.read', approved, { rest: 200 });
  row('network.read of a pending network', 'network.read', pending, {
    buyerMember: 200,
    invited: 200,
    pendingBuyer: 200,
    coordinator: 200,
    admin: 200,
    rest: 404,
  });
  for (const action of [
    'network.update',
    'network.invite',
    'network.manageGroups',
    'network.handOver',
  ] as const) {
    row(`${action} on an approved network`, action, approved, {
      anonymous: 401,
      coordinator: 200,
      rest: 403,
    });
    row(`${action} on a pending network`, action, pending, {
      anonymous: 401,
      buyerMember: 403,
      invited: 403,
      pendingBuyer: 403,
      coordinator: 200,
      admin: 403,
      rest: 404,
    });
  }
  row(
    'network.leave for the own organisation',
    'network.leave',
    { type: 'networkMember', network: approved, organisationId: ids.memberOrg },
    { anonymous: 401, buyerMember: 200, rest: 403 },
  );
  row(
    'network.leave by a member whose organisation is no longer verified',
    'network.leave',
    { type: 'networkMember', network: approved, organisationId: ids.pendingBuyerOrg },
    { anonymous: 401, pendingBuyer: 200, rest: 403 },
  );
  row(
    'network.respondInvitation',
    'network.respondInvitation',
    { type: 'invitation', id: 'i', organisationId: ids.invitedOrg, network: pending },
    { anonymous: 401, invited: 200, rest: 404 },
  );
  row(
    'network.respondInvitation for an organisation that is not verified',
    'network.respondInvitation',
    { type: 'invitation', id: 'i', organisationId: ids.pendingBuyerOrg, network: pending },
    { anonymous: 401, pendingBuyer: 403, rest: 404 },
  );

  for (const action of [
    'admin.verifyOrganisations',
    'admin.moderateNetworks',
    'admin.readAuditLog',
  ] as const) {
    row(action, action, undefined, { anonymous: 401, admin: 200, rest: 403 });
  }

  row('need.create', 'need.create', approved, {
    anonymous: 401,
    buyerMember: 200,
    coordinator: 200,
    rest: 403,
  });
  row('need.edit of a draft', 'need.edit', need(false), {
    anonymous: 401,
    buyerMember: 200,
    coordinator: 200,
    // belongs to a member organisation that is not verified: may see it, may not act
    pendingBuyer: 403,
    admin: 403,
    rest: 404,
  });
  row('need.submit of a draft', 'need.submit', need(false), {
    anonymous: 401,
    buyerMember: 403,
    pendingBuyer: 403,
    coordinator: 200,
    admin: 403,
    rest: 404,
  });
  row('need.close of a published need', 'need.close', need(true), {
    anonymous: 401,
    coordinator: 200,
    rest: 403,
  });
  row('need.readDraft', 'need.readDraft', need(false), {
    anonymous: 401,
    buyerMember: 200,
    coordinator: 200,
    admin: 200,
    rest: 404,
  });
  row('matches.readForNeed', 'matches.readForNeed', need(true), {
    anonymous: 401,
    buyerMember: 200,
    coordinator: 200,
    admin: 200,
    rest: 403,
  });
  row('meeting.manage', 'meeting.manage', need(true), {
    anonymous: 401,
    buyerMember: 200,
    coordinator: 200,
    rest: 403,
  });
  row('question.answer', 'question.answer', need(true), {
    anonymous: 401,
    buyerMember: 200,
    coordinator: 200,
    rest: 403,
  });

  row('supplierProfile.edit', 'supplierProfile.edit', profile(true, true), {
    anonymous: 401,
    supplier: 200,
    rest: 403,
  });
  row('supplierProfile.readContacts', 'supplierProfile.readContacts', profile(true, true), {
    anonymous: 401,
    unverifiedEmail: 403,
    plainUser: 403,
    pendingBuyer: 403,
    rest: 200,
  });
  row('supplierProfile.read of a listed, non-public profile', 'supplierProfile.read', profile(true, false), {
    anonymous: 404,
    unverifiedEmail: 404,
    plainUser: 404,
    pendingBuyer: 404,
    rest: 200,
  });

  it('when the action list is read, then it names every action once', () => {
    expect(new Set(actions).size).toBe(actions.length);
  });

  it('when a denial must not leak existence, then can() is false and decide() says 404', () => {
    expect(can(actors.otherCoordinator, 'network.read', pending)).toBe(false);
    expect(decide(actors.otherCoordinator, 'network.read', pending)).toEqual({
      allowed: false,
      reason: 'not_visible',
      status: 404,
    });
  });

  it('when the coordinating organisation loses its verification, then its people cannot coordinate', () => {
    const unverified = user('u10', [buyer(ids.coordinatorOrg, 'owner', 'pending')]);

    expect(decide(unverified, 'network.invite', approved)).toMatchObject({ allowed: false, status: 403 });
    expect(can(unverified, 'network.read', pending)).toBe(true);
  });
});
