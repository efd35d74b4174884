/**
 * The vocabulary of the policy: every action the product authorises and the resource each
 * action is checked against. Features that come later (needs, supplier profiles, matching,
 * meetings, Q&A) are defined here already so that their rules live in one place.
 */
export type OrgKind = 'buyer' | 'supplier';
export type OrgStatus = 'pending' | 'verified' | 'rejected';
export type MembershipRole = 'owner' | 'member';
export type NetworkStatus = 'pending' | 'approved' | 'rejected';

export interface OrganisationResource {
  type: 'organisation';
  id: string;
  kind: OrgKind;
  status: OrgStatus;
}

/** A membership of `userId` in `organisation`, e.g. the one an owner wants to remove. */
export interface MemberResource {
  type: 'member';
  organisation: OrganisationResource;
  userId: string;
}

export interface NetworkResource {
  type: 'network';
  id: string;
  status: NetworkStatus;
  coordinatorOrgId: string;
  memberOrgIds: string[];
  /** Organisations with a pending invitation: their people may see the network before approval. */
  invitedOrgIds?: string[];
}

/** A network membership of one organisation, e.g. the one that wants to leave. */
export interface NetworkMemberResource {
  type: 'networkMember';
  network: NetworkResource;
  organisationId: string;
}

export interface InvitationResource {
  type: 'invitation';
  id: string;
  organisationId: string;
  network: NetworkResource;
}

/** A need as the policy sees it: who owns it and whether the public may see it. */
export interface NeedResource {
  type: 'need';
  id: string;
  network: NetworkResource;
  /** True once published (moderated and visible to the public). */
  published: boolean;
}

export interface SupplierProfileResource {
  type: 'supplierProfile';
  id: string;
  organisationId: string;
  /** An approved version is visible to others (approved at least once and not suspended). */
  listed?: boolean;
  /** The supplier turned on the public variant (visible without login, never its contacts). */
  public?: boolean;
}

export interface ActionResources {
  /** Read one's own memberships, invitations, networks. */
  'me.read': undefined;
  'organisation.create': undefined;
  'organisation.read': OrganisationResource;
  'organisation.readMembers': OrganisationResource;
  'organisation.manageMembers': OrganisationResource;
  /** Remove a member: owners remove anyone, a member removes themself. */
  'organisation.removeMember': MemberResource;
  /** Without a resource: "may create a network for some organisation"; with one: for that one. */
  'network.create': OrganisationResource | undefined;
  'network.read': NetworkResource;
  'network.update': NetworkResource;
  'network.invite': NetworkResource;
  'network.manageGroups': NetworkResource;
  'network.handOver': NetworkResource;
  'network.leave': NetworkMemberResource;
  'network.respondInvitation': InvitationResource;
  'admin.verifyOrganisations': undefined;
  'admin.moderateNetworks': undefined;
  'admin.moderateNeeds': undefined;
  'admin.readAuditLog': undefined;
  /** Queues, failed jobs and deliveries; retrying them; the queue dashboard. */
  'admin.operations': undefined;
  'need.create': NetworkResource;
  'need.edit': NeedResource;
  'need.submit': NeedResource;
  'need.close': NeedResource;
  'need.readDraft': NeedResource;
  /** Download the need's eForms E1 notice (for the network to file with TED or a national portal). */
  'need.exportNotice': NeedResource;
  /** Report a published need to the moderators (any logged-in user who can see it). */
  'need.report': NeedResource;
  'supplierProfile.edit': SupplierProfileResource;
  'supplierProfile.readContacts': SupplierProfileResource;
  /** See the profile as others do (listed: verified buyers; public: anyone; own org and admins always). */
  'supplierProfile.read': SupplierProfileResource;
  /** See the own organisation's profile with its moderation state and unapproved changes. */
  'supplierProfile.readOwn': SupplierProfileResource;
  /** Search every listed profile, not only the public ones. */
  'supplierProfile.searchAll': undefined;
  'supplierProfile.report': SupplierProfileResource;
  'admin.moderateSupplierProfiles': undefined;
  /** Data rights of an organisation: export everything it holds, delete it. */
  'organisation.exportData': OrganisationResource;
  'organisation.delete': OrganisationResource;
  'matches.readForNeed': NeedResource;
  'meeting.manage': NeedResource;
  'question.answer': NeedResource;
}

export type Action = keyof ActionResources;

export type Resource = NonNullable<ActionResources[Action]>;

export const actions = [
  'me.read',
  'organisation.create',
  'organisation.read',
  'organisation.readMembers',
  'organisation.manageMembers',
  'organisation.removeMember',
  'organisation.exportData',
  'organisation.delete',
  'network.create',
  'network.read',
  'network.update',
  'network.invite',
  'network.manageGroups',
  'network.handOver',
  'network.leave',
  'network.respondInvitation',
  'admin.verifyOrganisations',
  'admin.moderateNetworks',
  'admin.moderateNeeds',
  'admin.readAuditLog',
  'admin.operations',
  'admin.moderateSupplierProfiles',
  'need.create',
  'need.edit',
  'need.submit',
  'need.close',
  'need.readDraft',
  'need.exportNotice',
  'need.report',
  'supplierProfile.read',
  'supplierProfile.readOwn',
  'supplierProfile.searchAll',
  'supplierProfile.report',
  'supplierProfile.edit',
  'supplierProfile.readContacts',
  'matches.readForNeed',
  'meeting.manage',
  'question.answer',
] as const satisfies readonly Action[];

// Compile-time check that the list above names every action.
const everyActionListed: [Exclude<Action, (typeof actions)[number]>] extends [never] ? true : false = true;
void everyActionListed;
