import type { Connection } from 'mongoose';
import { errors } from '../../platform/errors.js';
import { inTransaction } from '../../platform/outbox/outbox.js';
import type { AuditService } from '../audit/audit.service.js';
import { organisationTemplateNames } from '../organisations/organisations.emails.js';
import type { OrganisationsRepository } from '../organisations/organisations.repository.js';
import type { OwnerNotifier } from '../organisations/owner-notifier.js';
import { actorOf, type Subject } from '../policy/subject.js';
import type { Invitation, InvitationsRepository } from './invitations.repository.js';
import type { OrgNames } from './networks.dto.js';
import type { Network, NetworksRepository } from './networks.repository.js';

/** Invitations with the networks and organisation names they refer to. */
export interface InvitationsView {
  items: Invitation[];
  networks: Map<string, Network>;
  names: OrgNames;
}

export interface InvitationsService {
  invite(subject: Subject, networkId: string, organisationId: string): Promise<InvitationsView>;
  listForNetwork(networkId: string): Promise<InvitationsView>;
  revoke(subject: Subject, networkId: string, invitationId: string): Promise<void>;
  /** Pending invitations to the organisations the subject belongs to. */
  mine(subject: Subject): Promise<InvitationsView>;
  respond(subject: Subject, invitationId: string, answer: 'accept' | 'decline'): Promise<InvitationsView>;
}

export interface InvitationsServiceDeps {
  mongo: Connection;
  networks: NetworksRepository;
  invitations: InvitationsRepository;
  organisations: OrganisationsRepository;
  audit: AuditService;
  notifier: OwnerNotifier;
}

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

export function createInvitationsService(deps: InvitationsServiceDeps): InvitationsService {
  const { mongo, networks, invitations, organisations, audit, notifier } = deps;

  async function present(items: Invitation[]): Promise<InvitationsView> {
    const networkIds = [...new Set(items.map((i) => i.networkId))];
    const found = await Promise.all(networkIds.map((id) => networks.findById(id)));
    const byId = new Map(found.filter((n): n is Network => n !== null).map((n) => [n.id, n]));
    const orgs = await organisations.findByIds([...new Set(items.map((i) => i.organisationId))]);
    return { items, networks: byId, names: new Map(orgs.map((o) => [o.id, o])) };
  }

  function userIdOf(subject: Subject): string {
    if (!subject.principal) throw errors.unauthorized();
    return subject.principal.userId;
  }

  return {
    async invite(subject, networkId, organisationId) {
      const invitedBy = userIdOf(subject);
      const target = await organisations.findById(organisationId);
      if (!target) {
        throw errors.validation([
          { location: 'body', path: 'organisationId', message: 'No such organisation.' },
        ]);
      }
      if (target.kind !== 'buyer' || target.status !== 'verified') {
        throw errors.conflict(
          'organisation_not_eligible',
          'Only verified buyer organisations can be invited.',
          [{ location: 'body', path: 'organisationId', message: 'Not a verified buyer organisation.' }],
        );
      }
      try {
        const invitation = await inTransaction(mongo, async (tx) => {
          const network = await networks.findById(networkId, tx);
          if (!network) throw errors.notFound('network');
          if (network.members.some((m) => m.organisationId === organisationId)) {
            throw errors.conflict('already_member', 'The organisation is already a member of the network.');
          }
          const created = await invitations.create({ networkId, organisationId, invitedBy }, tx);
          const coordinator = await organisations.findById(network.coordinatorOrgId, tx);
          await audit.record(
            {
              ...actorOf(subject),
              action: 'network.invitation.created',
              targetType: 'network',
              targetId: networkId,
              details: { invitationId: created.id, organisationId },
            },
            tx,
          );
          await notifier.notify(tx, [
            {
              organisationId,
              template: organisationTemplateNames.networkInvitation,
              eventKey: `network-invitation.${created.id}`,
              data: {
                invitationId: created.id,
                networkId,
                networkName: network.name,
                subjectArea: network.subjectArea,
                coordinatorName: coordinator?.name ?? '',
                organisationName: target.name,
              },
            },
          ]);
          return created;
        });
        return present([invitation]);
      } catch (err) {
        if (isDuplicateKey(err)) {
          throw errors.conflict(
            'already_invited',
            'The organisation already has an open invitation to this network.',
          );
        }
        throw err;
      }
    },

    async listForNetwork(networkId) {
      return present(await invitations.listForNetwork(networkId));
    },

    async revoke(subject, networkId, invitationId) {
      const by = userIdOf(subject);
      await inTransaction(mongo, async (tx) => {
        const invitation = await invitations.findById(invitationId, tx);
        if (!invitation || invitation.networkId !== networkId) throw errors.notFound('invitation');
        if (!(await invitations.close(invitationId, 'revoked', by, new Date(), tx))) {
          throw errors.conflict('invalid_status', `The invitation is already ${invitation.status}.`);
        }
        await audit.record(
          {
            ...actorOf(subject),
            action: 'network.invitation.revoked',
            targetType: 'network',
            targetId: networkId,
            details: { invitationId, organisationId: invitation.organisationId },
          },
          tx,
        );
      });
    },

    async mine(subject) {
      return present(await invitations.pendingFor(subject.memberships.map((m) => m.organisationId)));
    },

    async respond(subject, invitationId, answer) {
      const by = userIdOf(subject);
      const updated = await inTransaction(mongo, async (tx) => {
        const invitation = await invitations.findById(invitationId, tx);
        if (!invitation) throw errors.notFound('invitation');
        const at = new Date();
        const status = answer === 'accept' ? 'accepted' : 'declined';
        if (!(await invitations.close(invitationId, status, by, at, tx))) {
          throw errors.conflict('invalid_status', `The invitation is already ${invitation.status}.`);
        }
        if (answer === 'accept') {
          const network = await networks.findById(invitation.networkId, tx);
          if (!network) throw errors.notFound('network');
          await networks.addMember(invitation.networkId, invitation.organisationId, at, tx);
        }
        await audit.record(
          {
            ...actorOf(subject),
            action: `network.invitation.${status}`,
            targetType: 'network',
            targetId: invitation.networkId,
            details: { invitationId, organisationId: invitation.organisationId },
          },
          tx,
        );
        return { ...invitation, status, respondedAt: at } as Invitation;
      });
      return present([updated]);
    },
  };
}
