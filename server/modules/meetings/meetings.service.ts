import type { Connection } from 'mongoose';
import { errors, type FieldProblem } from '../../platform/errors.js';
import { inTransaction, type Outbox } from '../../platform/outbox/outbox.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Authorizer } from '../policy/guards.js';
import { actingBuyerOrgIds } from '../policy/policy.js';
import { actorOf, type Subject } from '../policy/subject.js';
import { supplierOrganisationIds, type LoadedMeeting, type MeetingAccess } from './meetings.access.js';
import { toMeetingDto, type MeetingDto } from './meetings.dto.js';
import { meetingEvents } from './meetings.events.js';
import type { MeetingsRepository } from './meetings.repository.js';
import type { CreateMeetingInput, SummaryInput, UpdateMeetingInput } from './meetings.schemas.js';
import { TIME_AND_PLACE, type Meeting, type MeetingChanges } from './meetings.types.js';
import type { RegistrationsRepository } from './registrations.repository.js';
import type { Waitlist } from './waitlist.js';

export interface MeetingsServiceDeps {
  mongo: Connection;
  meetings: MeetingsRepository;
  registrations: RegistrationsRepository;
  outbox: Outbox;
  authorizer: Authorizer;
  access: MeetingAccess;
  waitlist: Waitlist;
  audit: AuditService;
}

const invalid = (path: string, message: string): FieldProblem => ({
  location: 'body',
  path,
  message,
  code: 'invalid',
});

function check(problems: FieldProblem[]) {
  if (problems.length > 0) throw errors.validation(problems);
}

export const meetingCancelled = () => errors.conflict('meeting_cancelled', 'The meeting is cancelled.');

export function createMeetingsService(deps: MeetingsServiceDeps) {
  const { mongo, meetings, registrations, outbox, authorizer, access, waitlist, audit } = deps;

  /** The meeting as this subject may see it (their registration, the link if they take part). */
  async function view(subject: Subject, loaded: LoadedMeeting): Promise<MeetingDto> {
    const [dto] = await views(subject, loaded, [loaded.meeting]);
    return dto!;
  }

  async function views(subject: Subject, need: Omit<LoadedMeeting, 'meeting'>, list: Meeting[]) {
    const ids = list.map((m) => m.id);
    const orgIds = supplierOrganisationIds(subject);
    const [counts, mine] = await Promise.all([
      registrations.countsFor(ids),
      registrations.activeFor(ids, orgIds),
    ]);
    const canManage = access.manages(subject, need);
    return Promise.all(
      list.map(async (meeting) => {
        const own = mine.find((r) => r.meetingId === meeting.id);
        const position =
          own?.status === 'waitlisted' && own.waitlistSeq !== undefined
            ? await registrations.waitlistPosition(meeting.id, own.waitlistSeq)
            : undefined;
        return toMeetingDto(
          meeting,
          counts.get(meeting.id) ?? { registered: 0, waitlisted: 0 },
          { canManage, ...(own ? { mine: { registration: own, position } } : {}) },
          access.baseUrl,
        );
      }),
    );
  }

  async function loadManaged(subject: Subject, id: string): Promise<LoadedMeeting> {
    const loaded = await access.load(id);
    await authorizer.assertCan(subject, 'meeting.manage', loaded.resource);
    return loaded;
  }

  function actingOrg(subject: Subject, loaded: LoadedMeeting | Omit<LoadedMeeting, 'meeting'>) {
    const members = new Set(loaded.network.members.map((m) => m.organisationId));
    return actingBuyerOrgIds(subject).find((id) => members.has(id));
  }

  return {
    view,

    async create(subject: Subject, needId: string, input: CreateMeetingInput): Promise<MeetingDto> {
      const loaded = await access.loadNeed(needId);
      await authorizer.assertCan(subject, 'meeting.manage', loaded.resource);
      if (loaded.need.status !== 'published' || loaded.need.hidden) {
        throw errors.conflict('need_not_published', 'Meetings can be held only for published needs.');
      }
      const slots = [...(input.slots ?? [])].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      const startsAt = input.startsAt ?? slots[0]!.startsAt;
      const endsAt = input.endsAt ?? new Date(Math.max(...slots.map((s) => s.endsAt.getTime())));
      const deadline = input.registrationDeadline ?? startsAt;
      const problems: FieldProblem[] = [];
      if (startsAt.getTime() <= Date.now())
        problems.push(invalid(input.startsAt ? 'startsAt' : 'slots', 'Must be in the future.'));
      if (deadline > startsAt) problems.push(invalid('registrationDeadline', 'Must be before the start.'));
      if (slots.some((s) => s.startsAt < startsAt || s.endsAt > endsAt)) {
        problems.push(invalid('slots', 'Slots must lie between startsAt and endsAt.'));
      }
      check(problems);
      const status = input.draft ? 'draft' : 'scheduled';
      const meeting = await inTransaction(mongo, async (tx) => {
        const created = await meetings.create(
          {
            needId,
            networkId: loaded.network.id,
            kind: input.kind,
            status,
            title: input.title,
            agenda: input.agenda,
            format: input.format,
            ...(input.format !== 'online' && input.address ? { address: input.address } : {}),
            ...(input.format !== 'in_person' && input.onlineUrl ? { onlineUrl: input.onlineUrl } : {}),
            startsAt,
            endsAt,
            capacity: input.kind === 'one_to_one' ? slots.length : input.capacity!,
            slots,
            maxParticipantsPerSupplier: input.maxParticipantsPerSupplier,
            registrationDeadline: deadline,
            registrationQuestions: input.registrationQuestions,
            language: input.language,
            inviteMinScore: input.inviteMinScore,
            ...(status === 'scheduled' ? { publishedAt: new Date() } : {}),
            createdBy: subject.principal?.userId,
            createdByOrgId: actingOrg(subject, loaded),
          },
          tx,
        );
        if (status === 'scheduled') {
          await outbox.record(tx, [
            meetingEvents.published(created.id, created.sequence),
            meetingEvents.scheduled(created.id, created.sequence, created.startsAt),
          ]);
        }
        return created;
      });
      return view(subject, { ...loaded, meeting });
    },

    async publish(subject: Subject, id: string): Promise<MeetingDto> {
      const loaded = await loadManaged(subject, id);
      if (loaded.meeting.status === 'cancelled') throw meetingCancelled();
      if (loaded.meeting.status === 'scheduled') return view(subject, loaded);
      if (loaded.meeting.startsAt.getTime() <= Date.now()) {
        throw errors.conflict('meeting_in_past', 'The meeting has already started; reschedule it first.');
      }
      const meeting = await inTransaction(mongo, async (tx) => {
        const updated = await meetings.update(
          id,
          ['draft'],
          { status: 'scheduled', publishedAt: new Date() },
          false,
          tx,
        );
        if (!updated)
          throw errors.conflict('meeting_not_draft', 'The meeting is already published or cancelled.');
        await outbox.record(tx, [
          meetingEvents.published(updated.id, updated.sequence),
          meetingEvents.scheduled(updated.id, updated.sequence, updated.startsAt),
        ]);
        return updated;
      });
      return view(subject, { ...loaded, meeting });
    },

    async update(subject: Subject, id: string, input: UpdateMeetingInput): Promise<MeetingDto> {
      const loaded = await loadManaged(subject, id);
      const current = loaded.meeting;
      if (current.status === 'cancelled') throw meetingCancelled();
      const changes: MeetingChanges & { slotShiftMs?: number } = { ...input };
      const problems: FieldProblem[] = [];
      if (current.kind === 'one_to_one') {
        if (input.capacity !== undefined)
          problems.push(invalid('capacity', 'One supplier per slot: capacity follows the slots.'));
        if (input.startsAt && input.startsAt.getTime() !== current.startsAt.getTime()) {
          // The slots move with the start; the end moves by the same amount unless given.
          changes.slotShiftMs = input.startsAt.getTime() - current.startsAt.getTime();
          changes.endsAt ??= new Date(current.endsAt.getTime() + changes.slotShiftMs);
        }
      }
      const next = {
        ...current,
        ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
      } as Meeting;
      if (input.address === null) next.address = undefined;
      if (input.onlineUrl === null) next.onlineUrl = undefined;
      if (next.format !== 'online' && !next.address)
        problems.push(invalid('address', 'Required for in_person and hybrid meetings.'));
      if (next.format !== 'in_person' && !next.onlineUrl)
        problems.push(invalid('onlineUrl', 'Required for online and hybrid meetings.'));
      if (input.startsAt && input.startsAt.getTime() <= Date.now())
        problems.push(invalid('startsAt', 'Must be in the future.'));
      if (next.endsAt <= next.startsAt) problems.push(invalid('endsAt', 'Must be after the start.'));
      if (next.registrationDeadline > next.startsAt) {
        if (input.registrationDeadline)
          problems.push(invalid('registrationDeadline', 'Must be before the start.'));
        else changes.registrationDeadline = next.startsAt;
      }
      check(problems);
      if (input.capacity !== undefined && input.capacity < current.confirmedCount) {
        throw errors.conflict(
          'capacity_below_registered',
          `${current.confirmedCount} organisations are registered; cancel registrations before lowering the capacity.`,
          { registered: current.confirmedCount },
        );
      }
      const timeOrPlace = TIME_AND_PLACE.some((field) => {
        if (!(field in changes) || changes[field] === undefined) return false;
        const before = current[field as keyof Meeting];
        const after = changes[field];
        if (before instanceof Date && after instanceof Date) return before.getTime() !== after.getTime();
        return (before ?? null) !== (after ?? null);
      });
      const bump = timeOrPlace && current.status === 'scheduled';
      const mail = access.mailContext(loaded);
      const meeting = await inTransaction(mongo, async (tx) => {
        const updated = await meetings.update(id, ['draft', 'scheduled'], changes, bump, tx);
        if (!updated) throw meetingCancelled();
        if (
          updated.status === 'scheduled' &&
          input.capacity !== undefined &&
          input.capacity > current.capacity
        ) {
          await waitlist.fillNewPlaces(tx, updated, mail);
        }
        if (bump) {
          // Everyone registered hears of it; the reminder is re-planned under the new sequence.
          await outbox.record(tx, [
            meetingEvents.changed(updated.id, updated.sequence),
            meetingEvents.scheduled(updated.id, updated.sequence, updated.startsAt),
          ]);
        }
        return (await meetings.findById(id, tx)) ?? updated;
      });
      return view(subject, { ...loaded, meeting });
    },

    async cancel(subject: Subject, id: string, reason: string | undefined): Promise<MeetingDto> {
      const loaded = await loadManaged(subject, id);
      if (loaded.meeting.status === 'cancelled') throw meetingCancelled();
      const meeting = await inTransaction(mongo, async (tx) => {
        const cancelled = await meetings.cancel(id, reason, new Date(), tx);
        if (!cancelled) throw meetingCancelled();
        if (loaded.meeting.status === 'scheduled') {
          await outbox.record(tx, [meetingEvents.cancelled(cancelled.id, cancelled.sequence)]);
        }
        await audit.record(
          {
            action: 'meeting.cancelled',
            ...actorOf(subject),
            targetType: 'meeting',
            targetId: id,
            details: { reason },
          },
          tx,
        );
        return cancelled;
      });
      return view(subject, { ...loaded, meeting });
    },

    async get(subject: Subject, id: string): Promise<MeetingDto> {
      return view(subject, await access.loadVisible(subject, id));
    },

    async listForNeed(subject: Subject, needId: string): Promise<MeetingDto[]> {
      const loaded = await access.loadVisibleNeed(subject, needId);
      const statuses = access.manages(subject, loaded)
        ? (['draft', 'scheduled', 'cancelled'] as const)
        : (['scheduled', 'cancelled'] as const);
      return views(subject, loaded, await meetings.listForNeed(needId, statuses));
    },

    async publishSummary(subject: Subject, id: string, input: SummaryInput): Promise<MeetingDto> {
      const loaded = await loadManaged(subject, id);
      const m = loaded.meeting;
      if (m.status === 'cancelled') throw meetingCancelled();
      if (m.status === 'draft')
        throw errors.conflict('meeting_not_published', 'The meeting was never published.');
      if (m.startsAt.getTime() > Date.now()) {
        throw errors.conflict('meeting_not_held', 'A summary can be published once the meeting has started.');
      }
      let participantsCount = input.participantsCount;
      if (participantsCount === undefined) {
        const registered = await registrations.list(id, ['registered']);
        const attended = registered.filter((r) => r.attended === true).length;
        participantsCount = attended > 0 ? attended : registered.length;
      }
      const meeting = await inTransaction(mongo, async (tx) => {
        const before = await meetings.findById(id, tx);
        const now = new Date();
        const updated = await meetings.setSummary(
          id,
          {
            presented: input.presented,
            questionsAsked: input.questionsAsked,
            participantsCount,
            changesToNeed: input.changesToNeed,
          },
          before?.summary?.publishedAt ?? now,
          now,
          tx,
        );
        if (!updated) throw errors.notFound('meeting');
        // Followers are told once, when the summary first appears; later corrections are quiet.
        if (!before?.summary) await outbox.record(tx, [meetingEvents.summaryPublished(id)]);
        return updated;
      });
      return view(subject, { ...loaded, meeting });
    },
  };
}

export type MeetingsService = ReturnType<typeof createMeetingsService>;
