import type { ClientSession, Connection } from 'mongoose';
import { errors } from '../../platform/errors.js';
import { inTransaction } from '../../platform/outbox/outbox.js';
import type { AuditService } from '../audit/audit.service.js';
import { organisationTemplateNames } from './organisations.emails.js';
import type { MembershipRole, OrgStatus } from '../policy/actions.js';
import type { Authorizer } from '../policy/guards.js';
import { actorOf, type Subject } from '../policy/subject.js';
import type { OwnerNotifier } from './owner-notifier.js';
import type { CreateOrganisationInput } from './organisations.schemas.js';
import type {
  Membership,
  MembershipsRepository,
  Organisation,
  OrganisationsRepository,
  Page,
} from './organisations.repository.js';
import type { UserDirectory } from './user-directory.js';

export interface OrganisationMember extends Membership {
  email: string;
  name?: string;
}

export interface OrganisationsService {
  create(
    subject: Subject,
    input: CreateOrganisationInput,
  ): Promise<{ organisation: Organisation; role: MembershipRole }>;
  get(id: string): Promise<Organisation>;
  mine(subject: Subject): Promise<{ organisation: Organisation; role: MembershipRole }[]>;
  listMembers(organisationId: string): Promise<OrganisationMember[]>;
  changeRole(
    subject: Subject,
    organisationId: string,
    userId: string,
    role: MembershipRole,
  ): Promise<OrganisationMember>;
  removeMember(subject: Subject, organisationId: string, userId: string): Promise<void>;
  /** Admin queue. */
  listByStatus(status: OrgStatus | undefined, page: number, pageSize: number): Promise<Page<Organisation>>;
  verify(subject: Subject, organisationId: string): Promise<Organisation>;
  reject(subject: Subject, organisationId: string, reason: string): Promise<Organisation>;
}

export interface OrganisationsServiceDeps {
  mongo: Connection;
  organisations: OrganisationsRepository;
  memberships: MembershipsRepository;
  users: UserDirectory;
  audit: AuditService;
  notifier: OwnerNotifier;
  authorizer: Authorizer;
}

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

export function createOrganisationsService(deps: OrganisationsServiceDeps): OrganisationsService {
  const { mongo, organisations, memberships, users, audit, notifier, authorizer } = deps;

  async function mustFind(id: string): Promise<Organisation> {
    const organisation = await organisations.findById(id);
    if (!organisation) throw errors.notFound('organisation');
    return organisation;
  }

  async function withPerson(membership: Membership): Promise<OrganisationMember> {
    const [user] = await users.findByIds([membership.userId]);
    return { ...membership, email: user?.email ?? '', name: user?.name };
  }

  function userIdOf(subject: Subject): string {
    if (!subject.principal) throw errors.unauthorized();
    return subject.principal.userId;
  }

  /** Decides a status change by an admin, audits it and emails the owners, all in one transaction. */
  async function moderate(
    subject: Subject,
    organisationId: string,
    to: 'verified' | 'rejected',
    reason?: string,
  ): Promise<Organisation> {
    await authorizer.assertCan(subject, 'admin.verifyOrganisations', undefined);
    const from: OrgStatus[] = to === 'verified' ? ['pending', 'rejected'] : ['pending', 'verified'];
    return inTransaction(mongo, async (tx) => {
      const at = new Date();
      const changed = await organisations.changeStatus(
        organisationId,
        from,
        { status: to, by: userIdOf(subject), at, reason },
        tx,
      );
      if (!changed) {
        const current = await organisations.findById(organisationId, tx);
        if (!current) throw errors.notFound('organisation');
        throw errors.conflict('invalid_status', `The organisation is already ${current.status}.`, {
          status: current.status,
        });
      }
      await audit.record(
        {
          ...actorOf(subject),
          action: to === 'verified' ? 'organisation.verified' : 'organisation.rejected',
          targetType: 'organisation',
          targetId: organisationId,
          details: { name: changed.name, orgNumber: changed.orgNumber, ...(reason ? { reason } : {}) },
        },
        tx,
      );
      await notifier.notify(tx, [
        {
          organisationId,
          template:
            to === 'verified'
              ? organisationTemplateNames.organisationVerified
              : organisationTemplateNames.organisationRejected,
          eventKey: `organisation-${to}.${organisationId}.${at.getTime()}`,
          data: {
            organisationId,
            organisationName: changed.name,
            kind: changed.kind,
            ...(reason ? { reason } : {}),
          },
        },
      ]);
      return changed;
    });
  }

  return {
    async create(subject, input) {
      await authorizer.assertCan(subject, 'organisation.create', undefined);
      const userId = userIdOf(subject);
      try {
        const organisation = await inTransaction(mongo, async (tx) => {
          const created = await organisations.create(input, tx);
          await memberships.add({ userId, organisationId: created.id, role: 'owner' }, tx);
          await audit.record(
            {
              ...actorOf(subject),
              action: 'organisation.created',
              targetType: 'organisation',
              targetId: created.id,
              details: { kind: created.kind, country: created.country, orgNumber: created.orgNumber },
            },
            tx,
          );
          return created;
        });
        return { organisation, role: 'owner' as const };
      } catch (err) {
        if (isDuplicateKey(err)) {
          throw errors.conflict(
            'duplicate_organisation',
            'An organisation with this organisation number is already registered. Ask one of its owners to invite you.',
            [{ location: 'body', path: 'orgNumber', message: 'Already registered.' }],
          );
        }
        throw err;
      }
    },

    get: mustFind,

    async mine(subject) {
      const own = await memberships.listForUser(userIdOf(subject));
      const orgs = new Map(
        (await organisations.findByIds(own.map((m) => m.organisationId))).map((o) => [o.id, o]),
      );
      return own.flatMap((m) => {
        const organisation = orgs.get(m.organisationId);
        return organisation ? [{ organisation, role: m.role }] : [];
      });
    },

    async listMembers(organisationId) {
      const list = await memberships.listForOrganisation(organisationId);
      const people = new Map((await users.findByIds(list.map((m) => m.userId))).map((u) => [u.id, u]));
      return list.map((m) => ({
        ...m,
        email: people.get(m.userId)?.email ?? '',
        name: people.get(m.userId)?.name,
      }));
    },

    async changeRole(subject, organisationId, userId, role) {
      const updated = await inTransaction(mongo, async (tx) => {
        const current = await memberships.find(organisationId, userId, tx);
        if (!current) throw errors.notFound('member');
        // Touch first: concurrent owner changes conflict here and are retried with fresh data.
        await organisations.touchMembers(organisationId, tx);
        if (current.role === role) return current;
        // Ownership carries responsibility (and blocks leaving alone): it takes the person's consent.
        if (role === 'owner') {
          throw errors.conflict(
            'consent_required',
            'A member becomes owner only by accepting: invite them again with the role owner.',
          );
        }
        if (current.role === 'owner') await assertAnotherOwner(organisationId, userId, tx);
        await memberships.setRole(organisationId, userId, role, tx);
        await audit.record(
          {
            ...actorOf(subject),
            action: 'organisation.member.role_changed',
            targetType: 'organisation',
            targetId: organisationId,
            details: { userId, from: current.role, to: role },
          },
          tx,
        );
        return { ...current, role };
      });
      return withPerson(updated);
    },

    async removeMember(subject, organisationId, userId) {
      await inTransaction(mongo, async (tx) => {
        const current = await memberships.find(organisationId, userId, tx);
        if (!current) throw errors.notFound('member');
        await organisations.touchMembers(organisationId, tx);
        // An ownership the person never accepted never keeps them in the organisation.
        if (current.role === 'owner' && current.consented) {
          await assertAnotherOwner(organisationId, userId, tx);
        }
        await memberships.remove(organisationId, userId, tx);
        await audit.record(
          {
            ...actorOf(subject),
            action: 'organisation.member.removed',
            targetType: 'organisation',
            targetId: organisationId,
            details: { userId, role: current.role, self: subject.principal?.userId === userId },
          },
          tx,
        );
      });
    },

    listByStatus: (status, page, pageSize) => organisations.listByStatus(status, page, pageSize),
    verify: (subject, id) => moderate(subject, id, 'verified'),
    reject: (subject, id, reason) => moderate(subject, id, 'rejected', reason),
  };

  async function assertAnotherOwner(organisationId: string, userId: string, tx: ClientSession) {
    const owners = await memberships.ownerIds(organisationId, tx);
    if (!owners.some((id) => id !== userId)) {
      throw errors.conflict(
        'last_owner',
        'An organisation needs at least one owner: make someone else owner first.',
      );
    }
  }
}
