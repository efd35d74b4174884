import { Types, type Connection } from 'mongoose';
import { errors, type FieldProblem } from '../../platform/errors.js';
import { inTransaction, type Outbox } from '../../platform/outbox/outbox.js';
import type { UsersRepository } from '../accounts/users.repository.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OrganisationsRepository } from '../organisations/organisations.repository.js';
import type { Authorizer } from '../policy/guards.js';
import { actorOf, type Subject } from '../policy/subject.js';
import { toAttendanceCsv } from './attendance.csv.js';
import { createKeyedLimiter } from './keyed-limiter.js';
import {
  supplierOrganisationIds,
  supplierOrganisationOf,
  type LoadedMeeting,
  type MeetingAccess,
} from './meetings.access.js';
import {
  registrationOpen,
  toMyRegistrationDto,
  toRegistrationDto,
  type MyRegistrationDto,
  type MyRegistrationItemDto,
  type RegistrationDto,
} from './meetings.dto.js';
import { meetingEvents } from './meetings.events.js';
import type { MeetingsRepository } from './meetings.repository.js';
import type { RegisterInput } from './meetings.schemas.js';
import { meetingCancelled } from './meetings.service.js';
import type { Meeting, Registration } from './meetings.types.js';
import { isDuplicateKey, type RegistrationsRepository } from './registrations.repository.js';
import type { Waitlist } from './waitlist.js';

export interface RegistrationsServiceDeps {
  mongo: Connection;
  meetings: MeetingsRepository;
  registrations: RegistrationsRepository;
  organisations: OrganisationsRepository;
  users: UsersRepository;
  outbox: Outbox;
  authorizer: Authorizer;
  access: MeetingAccess;
  waitlist: Waitlist;
  audit: AuditService;
}

export interface RegisterResult {
  status: 'registered' | 'waitlisted';
  position?: number;
  registration: MyRegistrationDto;
}

const alreadyRegistered = () =>
  errors.conflict(
    'already_registered',
    'Your organisation is already registered (or waitlisted) for this meeting.',
  );
const registrationClosed = () =>
  errors.conflict('registration_closed', 'Registration for this meeting is closed.');

function bodyProblem(path: string, message: string, code = 'invalid'): FieldProblem {
  return { location: 'body', path, message, code };
}

export function createRegistrationsService(deps: RegistrationsServiceDeps) {
  // Registration changes of one meeting all write its document: a few at a time per process
  // keeps a burst from becoming a storm of write conflicts (see keyed-limiter.ts).
  const perMeeting = createKeyedLimiter(4);
  const {
    mongo,
    meetings,
    registrations,
    organisations,
    users,
    outbox,
    authorizer,
    access,
    waitlist,
    audit,
  } = deps;

  async function loadManaged(subject: Subject, id: string): Promise<LoadedMeeting> {
    const loaded = await access.load(id);
    await authorizer.assertCan(subject, 'meeting.manage', loaded.resource);
    return loaded;
  }

  function checkInput(meeting: Meeting, input: RegisterInput, participants: number) {
    const problems: FieldProblem[] = [];
    if (participants > meeting.maxParticipantsPerSupplier) {
      problems.push(
        bodyProblem(
          'participants',
          `At most ${meeting.maxParticipantsPerSupplier} participants per organisation.`,
          'too_many',
        ),
      );
    }
    if (input.slotId && !meeting.slots.some((s) => s.id === input.slotId)) {
      problems.push(bodyProblem('slotId', 'Not a slot of this meeting.', 'not_found'));
    }
    const known = new Set(meeting.registrationQuestions.map((q) => q.id));
    input.answers.forEach((a, i) => {
      if (!known.has(a.questionId))
        problems.push(bodyProblem(`answers.${i}.questionId`, 'Not a question of this meeting.'));
    });
    meeting.registrationQuestions.forEach((q) => {
      if (q.required && !input.answers.some((a) => a.questionId === q.id && a.text.trim())) {
        problems.push(bodyProblem('answers', `Answer the question “${q.text}”.`, 'required'));
      }
    });
    if (problems.length > 0) throw errors.validation(problems);
  }

  return {
    async register(subject: Subject, meetingId: string, input: RegisterInput): Promise<RegisterResult> {
      const loaded = await access.loadVisible(subject, meetingId);
      const organisationId = supplierOrganisationOf(subject, input.organisationId);
      const { meeting } = loaded;
      if (meeting.status === 'cancelled') throw meetingCancelled();
      if (!registrationOpen(meeting) || loaded.need.status !== 'published') throw registrationClosed();
      const principal = subject.principal!;
      const user = await users.findById(principal.userId);
      if (!user) throw errors.unauthorized();
      const participants = input.participants ?? [{ name: user.name ?? user.email, email: user.email }];
      checkInput(meeting, input, participants.length);
      if (await registrations.findActive(meetingId, organisationId)) throw alreadyRegistered();

      const id = new Types.ObjectId().toString();
      const result = await perMeeting(meetingId, () =>
        inTransaction(mongo, async (tx) => {
          // The seat (or slot) and the registration are written together: capacity is checked by
          // the conditional update on the meeting, "once" by the unique index on registrations.
          // The meeting write comes first: every registration of this meeting contends for it, and
          // an attempt that loses (WriteConflict, retried by withTransaction with backoff) has then
          // spent one operation; the winner holds it only for the insert, the outbox event and the
          // commit. The confirmation email is decided by a job reading the outcome.
          const seated =
            meeting.kind === 'one_to_one'
              ? await meetings.takeSlot(meetingId, input.slotId, { registrationId: id, organisationId }, tx)
              : await meetings.takeSeat(meetingId, tx);
          let waitlist: { number: number; position: number } | undefined;
          if (!seated) {
            if (input.slotId) {
              const now = await meetings.findById(meetingId, tx);
              if (now?.status === 'cancelled') throw meetingCancelled();
              throw errors.conflict('slot_taken', 'That slot is already booked; choose another one.', {
                freeSlots: (now?.slots ?? []).filter((s) => !s.registrationId).map((s) => s.id),
              });
            }
            const next = await meetings.nextWaitlistNumber(meetingId, tx);
            if (next === null) throw meetingCancelled();
            waitlist = next;
          }
          const slotId = seated?.slots.find((s) => s.registrationId === id)?.id;
          let registration: Registration;
          try {
            registration = await registrations.insert(
              {
                id,
                meetingId,
                needId: meeting.needId,
                networkId: meeting.networkId,
                organisationId,
                userId: user.id,
                status: seated ? 'registered' : 'waitlisted',
                ...(slotId ? { slotId } : {}),
                ...(waitlist ? { waitlistSeq: waitlist.number } : {}),
                participants,
                answers: input.answers,
                ...(seated ? { confirmedAt: new Date() } : {}),
              },
              tx,
            );
          } catch (err) {
            if (isDuplicateKey(err)) throw alreadyRegistered();
            throw err;
          }
          await outbox.record(tx, [meetingEvents.registrationCreated(id)]);
          return { registration, position: waitlist?.position, meeting: seated ?? meeting };
        }),
      );
      return {
        status: result.registration.status === 'registered' ? 'registered' : 'waitlisted',
        ...(result.position !== undefined ? { position: result.position } : {}),
        registration: toMyRegistrationDto(result.meeting, result.registration, result.position),
      };
    },

    /** The organisation leaves; the first on the waitlist is promoted in the same transaction. */
    async cancelMine(subject: Subject, meetingId: string, organisationId?: string): Promise<void> {
      const loaded = await access.loadVisible(subject, meetingId);
      const own = supplierOrganisationIds(subject);
      if (organisationId && !own.includes(organisationId)) throw errors.notFound('registration');
      const active = await registrations.activeFor([meetingId], organisationId ? [organisationId] : own);
      if (active.length === 0) throw errors.notFound('registration');
      if (active.length > 1) {
        throw errors.badRequest(
          'organisation_required',
          'Name the organisation whose registration to cancel.',
          {
            organisationIds: active.map((r) => r.organisationId),
          },
        );
      }
      if (loaded.meeting.startsAt.getTime() <= Date.now() && loaded.meeting.status === 'scheduled') {
        throw errors.conflict('meeting_started', 'The meeting has already started.');
      }
      const mail = access.mailContext(loaded);
      await perMeeting(meetingId, () =>
        inTransaction(mongo, async (tx) => {
          const before = await registrations.cancelActive(
            meetingId,
            active[0]!.organisationId,
            new Date(),
            tx,
          );
          if (!before) throw errors.notFound('registration');
          const meeting = await meetings.findById(meetingId, tx);
          if (!meeting) throw errors.notFound('meeting');
          if (before.status === 'registered') await waitlist.fillFreedPlace(tx, meeting, before.slotId, mail);
          else await meetings.leftWaitlist(meetingId, undefined, tx);
        }),
      );
    },

    async mine(subject: Subject): Promise<MyRegistrationItemDto[]> {
      const list = await registrations.listForOrganisations(supplierOrganisationIds(subject));
      const byId = new Map((await meetings.findByIds(list.map((r) => r.meetingId))).map((m) => [m.id, m]));
      const items: MyRegistrationItemDto[] = [];
      for (const r of list) {
        const m = byId.get(r.meetingId);
        if (!m) continue;
        const position =
          r.status === 'waitlisted' && r.waitlistSeq !== undefined
            ? await registrations.waitlistPosition(m.id, r.waitlistSeq)
            : undefined;
        items.push({
          ...toMyRegistrationDto(m, r, position),
          meeting: {
            id: m.id,
            needId: m.needId,
            title: m.title,
            status: m.status,
            startsAt: m.startsAt.toISOString(),
            endsAt: m.endsAt.toISOString(),
            format: m.format,
            ...(m.address ? { address: m.address } : {}),
            ...(r.status === 'registered' && m.onlineUrl ? { onlineUrl: m.onlineUrl } : {}),
          },
        });
      }
      return items;
    },

    async list(subject: Subject, meetingId: string): Promise<RegistrationDto[]> {
      const { meeting } = await loadManaged(subject, meetingId);
      const list = await registrations.list(meetingId);
      const orgs = new Map(
        (await organisations.findByIds(list.map((r) => r.organisationId))).map((o) => [o.id, o]),
      );
      let place = 0;
      return list.map((r) =>
        toRegistrationDto(
          meeting,
          r,
          orgs.get(r.organisationId),
          r.status === 'waitlisted' ? ++place : undefined,
        ),
      );
    },

    async setAttended(subject: Subject, meetingId: string, registrationId: string, attended: boolean) {
      const { meeting } = await loadManaged(subject, meetingId);
      const current = await registrations.findById(registrationId);
      if (!current || current.meetingId !== meetingId) throw errors.notFound('registration');
      if (current.status !== 'registered') {
        throw errors.conflict('not_registered', 'Only registered organisations can be marked as attending.');
      }
      if (meeting.startsAt.getTime() > Date.now()) {
        throw errors.conflict('meeting_not_held', 'Attendance can be recorded once the meeting has started.');
      }
      const updated = await registrations.setAttended(meetingId, registrationId, attended);
      if (!updated) throw errors.notFound('registration');
      const [org] = await organisations.findByIds([updated.organisationId]);
      return toRegistrationDto(meeting, updated, org);
    },

    /** Who registered and who attended, for the network only (personal data: the export is audited). */
    async attendanceCsv(subject: Subject, meetingId: string): Promise<{ filename: string; csv: string }> {
      const { meeting } = await loadManaged(subject, meetingId);
      const list = await registrations.list(meetingId);
      const orgs = new Map(
        (await organisations.findByIds(list.map((r) => r.organisationId))).map((o) => [o.id, o]),
      );
      await audit.record({
        action: 'meeting.attendance_exported',
        ...actorOf(subject),
        targetType: 'meeting',
        targetId: meetingId,
        details: { rows: list.length },
      });
      return {
        filename: `deltagare-${meeting.startsAt.toISOString().slice(0, 10)}-${meeting.id}.csv`,
        csv: toAttendanceCsv(meeting, list, orgs),
      };
    },
  };
}

export type RegistrationsService = ReturnType<typeof createRegistrationsService>;
