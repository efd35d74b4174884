import type {
  Action,
  ActionResources,
  NeedResource,
  NetworkResource,
  OrganisationResource,
  SupplierProfileResource,
} from './actions.js';
import type { Subject, SubjectMembership } from './subject.js';

/**
 * The rules, as pure functions of (subject, action, resource). No I/O: the guards load the
 * subject and the resource, ask here, and turn a denial into 401/403/404 plus a log entry.
 *
 * Vocabulary:
 *  - a user *belongs to* an organisation when they have a membership there (any role, any
 *    organisation status); that is enough to *see* things of the organisation and its networks;
 *  - a user *acts for* an organisation when, in addition, the organisation is a verified buyer:
 *    unverified buyer organisations cannot do anything in networks;
 *  - a network's *members* are organisations; its *coordinator* is one of them.
 */
export type DenialReason =
  | 'unauthenticated'
  | 'email_not_verified'
  | 'not_admin'
  | 'not_visible'
  | 'not_member'
  | 'not_owner'
  | 'not_network_member'
  | 'not_coordinator'
  | 'no_verified_buyer_organisation'
  | 'buyer_organisation_pending'
  | 'organisation_not_verified'
  | 'not_a_buyer';

export type Decision = { allowed: true } | { allowed: false; reason: DenialReason; status: 401 | 403 | 404 };

const ALLOW: Decision = { allowed: true };
const deny = (reason: DenialReason, status: 401 | 403 | 404 = 403): Decision => ({
  allowed: false,
  reason,
  status,
});

/** Actions that anonymous visitors may attempt (the resource decides). */
const PUBLIC_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  'organisation.read',
  'network.read',
  'supplierProfile.read',
  'supplierProfile.searchAll',
]);

/** Actions a user with an unverified email address may still perform: reading. */
const UNVERIFIED_EMAIL_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  'me.read',
  'organisation.read',
  'network.read',
  'supplierProfile.read',
  'supplierProfile.readOwn',
  'organisation.exportData',
]);

export function requiresUser(action: Action): boolean {
  return !PUBLIC_ACTIONS.has(action);
}

// ---------------------------------------------------------------------------------------------
// Facts about a subject

export function isAdmin(s: Subject): boolean {
  return s.principal?.isAdmin === true;
}

function membershipIn(s: Subject, organisationId: string): SubjectMembership | undefined {
  return s.memberships.find((m) => m.organisationId === organisationId);
}

export function belongsTo(s: Subject, organisationId: string): boolean {
  return membershipIn(s, organisationId) !== undefined;
}

export function isOwnerOf(s: Subject, organisationId: string): boolean {
  return membershipIn(s, organisationId)?.role === 'owner';
}

/** Organisations the subject may act for in networks: verified buyers. */
export function actingBuyerOrgIds(s: Subject): string[] {
  return s.memberships
    .filter((m) => m.kind === 'buyer' && m.status === 'verified')
    .map((m) => m.organisationId);
}

function actsFor(s: Subject, organisationId: string): boolean {
  return actingBuyerOrgIds(s).includes(organisationId);
}

export function isNetworkMember(s: Subject, n: NetworkResource): boolean {
  return n.memberOrgIds.some((id) => actsFor(s, id));
}

export function isCoordinator(s: Subject, n: NetworkResource): boolean {
  return actsFor(s, n.coordinatorOrgId);
}

/** Belongs to a member or invited organisation (whatever its status): may see the network. */
function involvedIn(s: Subject, n: NetworkResource): boolean {
  return [...n.memberOrgIds, ...(n.invitedOrgIds ?? [])].some((id) => belongsTo(s, id));
}

export function canSeeOrganisation(s: Subject, o: OrganisationResource): boolean {
  return o.status === 'verified' || isAdmin(s) || belongsTo(s, o.id);
}

export function canSeeNetwork(s: Subject, n: NetworkResource): boolean {
  return n.status === 'approved' || isAdmin(s) || involvedIn(s, n);
}

export function canSeeNeed(s: Subject, need: NeedResource): boolean {
  if (need.published) return canSeeNetwork(s, need.network);
  return isAdmin(s) || need.network.memberOrgIds.some((id) => belongsTo(s, id));
}

/**
 * Supplier profiles: an approved, listed profile is for verified buyers (and everyone when the
 * supplier made it public); the organisation's own people and admins always see it.
 */
export function canSeeSupplierProfile(s: Subject, p: SupplierProfileResource): boolean {
  if (isAdmin(s) || belongsTo(s, p.organisationId)) return true;
  if (!p.listed) return false;
  return p.public === true || actingBuyerOrgIds(s).length > 0;
}

// ---------------------------------------------------------------------------------------------
// The rules

/** Denies with 404 when the subject may not even see the resource, else 403. */
function hiddenOr(visible: boolean, reason: DenialReason): Decision {
  return visible ? deny(reason) : deny('not_visible', 404);
}

function networkRule(s: Subject, n: NetworkResource, ok: boolean, reason: DenialReason): Decision {
  return ok ? ALLOW : hiddenOr(canSeeNetwork(s, n), reason);
}

function needRule(s: Subject, need: NeedResource, ok: boolean, reason: DenialReason): Decision {
  return ok ? ALLOW : hiddenOr(canSeeNeed(s, need), reason);
}

type Rules = { [A in Action]: (s: Subject, r: ActionResources[A]) => Decision };

const rules: Rules = {
  'me.read': () => ALLOW,
  'organisation.create': () => ALLOW,
  'organisation.read': (s, o) => (canSeeOrganisation(s, o) ? ALLOW : deny('not_visible', 404)),
  'organisation.readMembers': (s, o) =>
    belongsTo(s, o.id) || isAdmin(s) ? ALLOW : hiddenOr(canSeeOrganisation(s, o), 'not_member'),
  'organisation.manageMembers': (s, o) =>
    isOwnerOf(s, o.id) ? ALLOW : hiddenOr(canSeeOrganisation(s, o), 'not_owner'),
  'organisation.removeMember': (s, m) => {
    const self = m.userId === s.principal?.userId && belongsTo(s, m.organisation.id);
    return isOwnerOf(s, m.organisation.id) || self
      ? ALLOW
      : hiddenOr(canSeeOrganisation(s, m.organisation), 'not_owner');
  },

  'network.create': (s, o) => {
    if (!o) {
      if (actingBuyerOrgIds(s).length > 0) return ALLOW;
      const pending = s.memberships.some((m) => m.kind === 'buyer' && m.status === 'pending');
      return deny(pending ? 'buyer_organisation_pending' : 'no_verified_buyer_organisation');
    }
    if (!belongsTo(s, o.id)) return hiddenOr(canSeeOrganisation(s, o), 'not_member');
    if (o.kind !== 'buyer') return deny('not_a_buyer');
    if (o.status !== 'verified') return deny('organisation_not_verified');
    return ALLOW;
  },
  'network.read': (s, n) => (canSeeNetwork(s, n) ? ALLOW : deny('not_visible', 404)),
  'network.update': (s, n) => networkRule(s, n, isCoordinator(s, n), 'not_coordinator'),
  'network.invite': (s, n) => networkRule(s, n, isCoordinator(s, n), 'not_coordinator'),
  'network.manageGroups': (s, n) => networkRule(s, n, isCoordinator(s, n), 'not_coordinator'),
  'network.handOver': (s, n) => networkRule(s, n, isCoordinator(s, n), 'not_coordinator'),
  // Leaving is not "acting": a member of an organisation whose verification was withdrawn may leave.
  'network.leave': (s, r) =>
    networkRule(
      s,
      r.network,
      belongsTo(s, r.organisationId) && r.network.memberOrgIds.includes(r.organisationId),
      'not_member',
    ),
  'network.respondInvitation': (s, i) => {
    if (actsFor(s, i.organisationId)) return ALLOW;
    return belongsTo(s, i.organisationId) ? deny('organisation_not_verified') : deny('not_visible', 404);
  },

  'admin.verifyOrganisations': (s) => (isAdmin(s) ? ALLOW : deny('not_admin')),
  'admin.moderateNetworks': (s) => (isAdmin(s) ? ALLOW : deny('not_admin')),
  'admin.moderateNeeds': (s) => (isAdmin(s) ? ALLOW : deny('not_admin')),
  'admin.readAuditLog': (s) => (isAdmin(s) ? ALLOW : deny('not_admin')),
  'admin.operations': (s) => (isAdmin(s) ? ALLOW : deny('not_admin')),

  // Needs: only members of the owning network draft and edit; only the coordinator submits and closes.
  'need.create': (s, n) => networkRule(s, n, isNetworkMember(s, n), 'not_network_member'),
  'need.edit': (s, need) => needRule(s, need, isNetworkMember(s, need.network), 'not_network_member'),
  'need.submit': (s, need) => needRule(s, need, isCoordinator(s, need.network), 'not_coordinator'),
  'need.close': (s, need) => needRule(s, need, isCoordinator(s, need.network), 'not_coordinator'),
  'need.readDraft': (s, need) =>
    isNetworkMember(s, need.network) || isAdmin(s) ? ALLOW : deny('not_visible', 404),
  'need.exportNotice': (s, need) => needRule(s, need, isNetworkMember(s, need.network), 'not_network_member'),
  'need.report': (s, need) => (need.published && canSeeNeed(s, need) ? ALLOW : deny('not_visible', 404)),
  'matches.readForNeed': (s, need) =>
    needRule(s, need, isNetworkMember(s, need.network) || isAdmin(s), 'not_network_member'),
  'meeting.manage': (s, need) => needRule(s, need, isNetworkMember(s, need.network), 'not_network_member'),
  'question.answer': (s, need) => needRule(s, need, isNetworkMember(s, need.network), 'not_network_member'),

  // Supplier profiles: the supplier's own people edit (also while the organisation is pending);
  // contact persons are personal data, shown to verified buyers, the supplier itself and admins.
  'supplierProfile.edit': (s, p) =>
    belongsTo(s, p.organisationId) ? ALLOW : hiddenOr(canSeeSupplierProfile(s, p), 'not_member'),
  'supplierProfile.readContacts': (s, p) =>
    isAdmin(s) || belongsTo(s, p.organisationId) || actingBuyerOrgIds(s).length > 0
      ? ALLOW
      : deny('no_verified_buyer_organisation'),
  'supplierProfile.read': (s, p) => (canSeeSupplierProfile(s, p) ? ALLOW : deny('not_visible', 404)),
  'supplierProfile.readOwn': (s, p) =>
    belongsTo(s, p.organisationId) || isAdmin(s) ? ALLOW : deny('not_visible', 404),
  'supplierProfile.searchAll': (s) =>
    isAdmin(s) || actingBuyerOrgIds(s).length > 0 ? ALLOW : deny('no_verified_buyer_organisation'),
  // "Reports from buyers": people of a verified buyer organisation (and admins) who can see it.
  'supplierProfile.report': (s, p) =>
    actingBuyerOrgIds(s).length > 0 || isAdmin(s)
      ? ALLOW
      : hiddenOr(canSeeSupplierProfile(s, p), 'no_verified_buyer_organisation'),
  'admin.moderateSupplierProfiles': (s) => (isAdmin(s) ? ALLOW : deny('not_admin')),
  'organisation.exportData': (s, o) =>
    isOwnerOf(s, o.id) ? ALLOW : hiddenOr(canSeeOrganisation(s, o), 'not_owner'),
  'organisation.delete': (s, o) =>
    isOwnerOf(s, o.id) ? ALLOW : hiddenOr(canSeeOrganisation(s, o), 'not_owner'),
};

/** Decides whether `subject` may do `action` on `resource`, and if not, why and with which status. */
export function decide<A extends Action>(
  subject: Subject,
  action: A,
  resource: ActionResources[A],
): Decision {
  const principal = subject.principal;
  if (!principal && requiresUser(action)) return deny('unauthenticated', 401);
  const decision = (rules[action] as (s: Subject, r: ActionResources[A]) => Decision)(subject, resource);
  if (principal && !principal.emailVerified && !UNVERIFIED_EMAIL_ACTIONS.has(action)) {
    // What the user may not see stays a 404, so the answer does not reveal that it exists.
    return !decision.allowed && decision.status === 404 ? decision : deny('email_not_verified');
  }
  return decision;
}

/** May `subject` do `action` on `resource`? */
export function can<A extends Action>(subject: Subject, action: A, resource: ActionResources[A]): boolean {
  return decide(subject, action, resource).allowed;
}
