import type { Connection } from 'mongoose';
import { errors } from '../../platform/errors.js';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import { inTransaction } from '../../platform/outbox/outbox.js';
import type { AuditService } from '../audit/audit.service.js';
import type { EmailService } from '../notifications/email.service.js';
import { membershipTemplateNames } from './memberships.emails.js';
import type { MembershipRole } from '../policy/actions.js';
import { actorOf, type Subject } from '../policy/subject.js';
import type { OrgInvitation, OrgInvitationsRepository } from './org-invitations.repository.js';
import type {
  MembershipsRepository,
  Organisation,
  OrganisationsRepository,
} from './organisations.repository.js';
import type { UserDirectory } from './user-directory.js';

/** How long an invitation can be answered. */
export const INVITATION_TTL_MS = 14 * 24 * 3600 * 1000;

export interface InvitationWithOrganisation {
  invitation: OrgInvitation;
  organisation: Organisation;
}

export interface OrgInvitationsService {
  /** Owners invite an address; the answer is the same whether or not it has an account. */
  invite(
    subject: Subject,
    organisationId: string,
    input: { email: string; role: MembershipRole },
  ): Promise<OrgInvitation>;
  listForOrganisation(organisationId: string): Promise<OrgInvitation[]>;
  revoke(subject: Subject, organisationId: string, invitationId: string): Promise<void>;
  /** Open invitations to the subject's verified email address. */
  mine(subject: Subject): Promise<InvitationWithOrganisation[]>;
  respond(
    subject: Subject,
    invitationId: string,
    answer: 'accept' | 'decline',
  ): Promise<InvitationWithOrganisation>;
}

export interface OrgInvitationsServiceDeps {
  mongo: Connection;
  organisations: OrganisationsRepository;
  memberships: MembershipsRepository;
  invitations: OrgInvitationsRepository;
  users: UserDirectory;
  audit: AuditService;
  emails: EmailService;
  /** Invitations sent per inviting account (they email addresses of the inviter's choice). */
  limiter: RateLimiter;
  now?: () => Date;
}

export const normaliseInvitedEmail = (email: string) => email.trim().toLowerCase();

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

export function createOrgInvitationsService(deps: OrgInvitationsServiceDeps): OrgInvitationsService {
  const { mongo, organisations, memberships, invitations, users, audit, emails, limiter } = deps;
  const now = deps.now ?? (() => new Date());

  function principalOf(subject: Subject) {
    if (!subject.principal) throw errors.unauthorized();
    return subject.principal;
  }

  async function mustFind(id: string): Promise<Organisation> {
    const organisation = await organisations.findById(id);
    if (!organisation) throw errors.notFound('organisation');
    return organisation;
  }

  /** The invitation if it is addressed to the subject; otherwise the same 404 as a missing one. */
  async function addressedTo(subject: Subject, invitationId: string): Promise<OrgInvitation> {
    const principal = principalOf(subject);
    const invitation = await invitations.findById(invitationId);
    if (
      !invitation ||
      !principal.emailVerified ||
      invitation.email !== normaliseInvitedEmail(principal.email)
    ) {
      throw errors.notFound('invitation');
    }
    return invitation;
  }

  return {
    async invite(subject, organisationId, input) {
      const inviter = principalOf(subject);
      const email = normaliseInvitedEmail(input.email);
      const organisation = await mustFind(organisationId);
      await limiter.enforce(inviter.userId);
      const [person, [inviterUser]] = await Promise.all([
        users.findByEmail(email),
        users.findByIds([inviter.userId]),
      ]);
      // Only people already in the organisation are told apart, and the owner sees those anyway.
      const current = person ? await memberships.find(organisationId, person.id) : null;
      if (current && current.consented && (current.role === 'owner' || current.role === input.role)) {
        throw errors.conflict('already_member', 'This person is already a member with this role.');
      }
      const at = now();
      try {
        return await inTransaction(mongo, async (tx) => {
          await invitations.expire(organisationId, email, at, tx);
          const created = await invitations.create(
            {
              organisationId,
              email,
              role: input.role,
              invitedBy: inviter.userId,
              expiresAt: new Date(at.getTime() + INVITATION_TTL_MS),
            },
            tx,
          );
          await audit.record(
            {
              ...actorOf(subject),
              action: 'organisation.invitation.created',
              targetType: 'organisation',
              targetId: organisationId,
              details: { invitationId: created.id, role: input.role },
            },
            tx,
          );
          await emails.queue(tx, [
            {
              key: `organisation-invitation.${created.id}`,
              to: email,
              ...(person ? { userId: person.id } : {}),
              template: membershipTemplateNames.invitation,
              locale: person?.language ?? inviter.language,
              data: {
                invitationId: created.id,
                organisationName: organisation.name,
                kind: organisation.kind,
                verified: organisation.status === 'verified',
                role: input.role,
                inviterName: inviterUser?.name ?? '',
                hasAccount: person !== null,
                expiresAt: created.expiresAt.toISOString(),
              },
            },
          ]);
          return created;
        });
      } catch (err) {
        if (isDuplicateKey(err)) {
          throw errors.conflict(
            'already_invited',
            'This address already has an open invitation to the organisation.',
          );
        }
        throw err;
      }
    },

    listForOrganisation: (organisationId) => invitations.listForOrganisation(organisationId, 100),

    async revoke(subject, organisationId, invitationId) {
      await inTransaction(mongo, async (tx) => {
        const invitation = await invitations.findById(invitationId, tx);
        if (!invitation || invitation.organisationId !== organisationId) throw errors.notFound('invitation');
        if (!(await invitations.close(invitationId, 'revoked', now(), tx))) {
          throw errors.conflict('invalid_status', `The invitation is already ${invitation.status}.`);
        }
        await audit.record(
          {
            ...actorOf(subject),
            action: 'organisation.invitation.revoked',
            targetType: 'organisation',
            targetId: organisationId,
            details: { invitationId },
          },
          tx,
        );
      });
    },

    async mine(subject) {
      const principal = principalOf(subject);
      if (!principal.emailVerified) return [];
      const open = await invitations.pendingForEmail(normaliseInvitedEmail(principal.email), now());
      const orgs = new Map(
        (await organisations.findByIds(open.map((i) => i.organisationId))).map((o) => [o.id, o]),
      );
      return open.flatMap((invitation) => {
        const organisation = orgs.get(invitation.organisationId);
        return organisation ? [{ invitation, organisation }] : [];
      });
    },

    async respond(subject, invitationId, answer) {
      const userId = principalOf(subject).userId;
      const invitation = await addressedTo(subject, invitationId);
      const organisation = await mustFind(invitation.organisationId);
      const at = now();
      if (invitation.status === 'pending' && invitation.expiresAt <= at) {
        throw errors.conflict('invitation_expired', 'The invitation has expired. Ask for a new one.');
      }
      const status = answer === 'accept' ? 'accepted' : 'declined';
      await inTransaction(mongo, async (tx) => {
        if (!(await invitations.close(invitationId, status, at, tx))) {
          const current = await invitations.findById(invitationId, tx);
          throw errors.conflict(
            'invalid_status',
            `The invitation is already ${current?.status ?? 'closed'}.`,
          );
        }
        if (answer === 'accept') {
          // Touch first: concurrent membership changes conflict and are retried with fresh data.
          await organisations.touchMembers(invitation.organisationId, tx);
          const current = await memberships.find(invitation.organisationId, userId, tx);
          if (!current) {
            await memberships.add(
              { userId, organisationId: invitation.organisationId, role: invitation.role },
              tx,
            );
          } else {
            // An owner invited as member keeps ownership; anyone else takes the offered role.
            const role = current.role === 'owner' ? 'owner' : invitation.role;
            await memberships.setRole(invitation.organisationId, userId, role, tx, true);
          }
        }
        await audit.record(
          {
            ...actorOf(subject),
            action: `organisation.invitation.${status}`,
            targetType: 'organisation',
            targetId: invitation.organisationId,
            details: { invitationId, role: invitation.role },
          },
          tx,
        );
      });
      return { invitation: { ...invitation, status, respondedAt: at }, organisation };
    },
  };
}
