import type { Config } from '../../config.js';
import { AppError, errors } from '../../platform/errors.js';
import type { NeedsRepository } from '../needs/needs.repository.js';
import { isPublic, type Need } from '../needs/needs.types.js';
import { networkResource } from '../networks/networks.resources.js';
import type { Network, NetworksRepository } from '../networks/networks.repository.js';
import type { NeedResource } from '../policy/actions.js';
import { can } from '../policy/policy.js';
import type { Subject } from '../policy/subject.js';
import { addressOf } from './meetings.ical.js';
import type { MailContext } from './meetings.mail.js';
import type { MeetingsRepository } from './meetings.repository.js';
import type { Meeting } from './meetings.types.js';

/** A need with its network and the policy's view of it. */
export interface LoadedNeed {
  need: Need;
  network: Network;
  resource: NeedResource;
}

export interface LoadedMeeting extends LoadedNeed {
  meeting: Meeting;
}

export interface MeetingAccessDeps {
  config: Pick<Config, 'PUBLIC_BASE_URL' | 'MAIL_FROM'>;
  needs: NeedsRepository;
  networks: NetworksRepository;
  meetings: MeetingsRepository;
}

/**
 * Loading meetings with their need and network, and who may see and do what. Visibility follows
 * the need: public needs' meetings are public (drafts only for the network); a hidden need's
 * meetings are hidden with it (404, as if they did not exist).
 */
export function createMeetingAccess(deps: MeetingAccessDeps) {
  const { needs, networks, meetings, config } = deps;
  const baseUrl = config.PUBLIC_BASE_URL.replace(/\/$/, '');

  async function loadNeed(needId: string): Promise<LoadedNeed> {
    const need = await needs.findById(needId);
    if (!need) throw errors.notFound('need');
    const network = await networks.findById(need.networkId);
    if (!network) throw errors.notFound('need');
    return {
      need,
      network,
      resource: { type: 'need', id: need.id, network: networkResource(network), published: isPublic(need) },
    };
  }

  async function load(meetingId: string): Promise<LoadedMeeting> {
    const meeting = await meetings.findById(meetingId);
    if (!meeting) throw errors.notFound('meeting');
    const loaded = await loadNeed(meeting.needId).catch(() => {
      throw errors.notFound('meeting');
    });
    return { ...loaded, meeting };
  }

  /** Members of the owning network (acting for a verified buyer organisation). */
  function manages(subject: Subject, loaded: LoadedNeed): boolean {
    return subject.principal !== null && can(subject, 'meeting.manage', loaded.resource);
  }

  function canSeeNeed(subject: Subject, loaded: LoadedNeed): boolean {
    if (loaded.resource.published) return true;
    return subject.principal !== null && can(subject, 'need.readDraft', loaded.resource);
  }

  async function loadVisibleNeed(subject: Subject, needId: string): Promise<LoadedNeed> {
    const loaded = await loadNeed(needId);
    if (!canSeeNeed(subject, loaded)) throw errors.notFound('need');
    return loaded;
  }

  async function loadVisible(subject: Subject, meetingId: string): Promise<LoadedMeeting> {
    const loaded = await load(meetingId);
    const visible =
      canSeeNeed(subject, loaded) && (loaded.meeting.status !== 'draft' || manages(subject, loaded));
    if (!visible) throw errors.notFound('meeting');
    return loaded;
  }

  function mailContext(loaded: LoadedNeed): MailContext {
    return {
      baseUrl,
      needTitle: loaded.need.title,
      networkName: loaded.network.name,
      organizerEmail: addressOf(config.MAIL_FROM),
    };
  }

  return { loadNeed, load, loadVisibleNeed, loadVisible, manages, canSeeNeed, mailContext, baseUrl };
}

export type MeetingAccess = ReturnType<typeof createMeetingAccess>;

/**
 * The supplier organisation a user acts for: the one named, or their only one. Only verified
 * supplier organisations take seats and ask questions (an admin checked the org number), and
 * only with a confirmed email address.
 */
export function supplierOrganisationOf(subject: Subject, organisationId?: string): string {
  if (!subject.principal) throw errors.unauthorized();
  if (!subject.principal.emailVerified) {
    throw new AppError('email_not_verified', 'Confirm your email address first.', 403);
  }
  const suppliers = subject.memberships.filter((m) => m.kind === 'supplier');
  const chosen = organisationId
    ? suppliers.find((m) => m.organisationId === organisationId)
    : suppliers.length === 1
      ? suppliers[0]
      : undefined;
  if (!chosen) {
    if (suppliers.length > 1 && !organisationId) {
      throw errors.badRequest(
        'organisation_required',
        'You belong to several supplier organisations: name the one you act for (organisationId).',
        { organisationIds: suppliers.map((m) => m.organisationId) },
      );
    }
    throw new AppError('not_a_supplier', 'Only members of a supplier organisation can do this.', 403);
  }
  if (chosen.status !== 'verified') {
    throw new AppError(
      'organisation_not_verified',
      'Your supplier organisation must be verified by an administrator first.',
      403,
    );
  }
  return chosen.organisationId;
}

/** Supplier organisations the subject belongs to (any status): whose registrations they see. */
export function supplierOrganisationIds(subject: Subject): string[] {
  return subject.memberships.filter((m) => m.kind === 'supplier').map((m) => m.organisationId);
}
