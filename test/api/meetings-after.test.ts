import { parse } from 'csv-parse/sync';
import pino from 'pino';
import { loginAs, resetRateLimits, type LoggedIn } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, createOrganisation } from '../helpers/factories.js';
import { messagesTo, waitForMessages } from '../helpers/mail.js';
import {
  createPublishedNeed,
  createSuppliers,
  daysFromNow,
  settle,
  type TestNeed,
  type TestSupplier,
} from '../helpers/meetings.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';
import { meetingModel, registrationModel } from '../../server/modules/meetings/meeting.model.js';
import { createMeetingsModule } from '../../server/modules/meetings/meetings.module.js';
import { digestItemModel } from '../../server/modules/subscriptions/notice.model.js';
import { organisationModel } from '../../server/modules/organisations/organisation.model.js';
import { createAppPolicy } from '../../server/policy.js';
import { questionModel } from '../../server/modules/questions/question.model.js';
import { createQuestionsModule } from '../../server/modules/questions/questions.module.js';
import { inTransaction } from '../../server/platform/outbox/outbox.js';
import { sendReminderProcessor } from '../../workers/processors/send-reminder.js';

/** Reminders before the meeting; summary, attendance and its export after it. */
describe('meetings: reminders, summary and attendance', () => {
  let ctx: TestContext;
  let workers: InProcessWorkers;
  let coordinator: LoggedIn;
  let need: TestNeed;

  beforeAll(async () => {
    ctx = await createTestContext();
    workers = await runWorkersInProcess(ctx);
  });
  afterAll(async () => {
    await workers.stop();
    await ctx.close();
  });
  beforeEach(async () => {
    await settle(ctx);
    await ctx.reset();
    await resetRateLimits(ctx);
    const kommun = await createOrganisation(ctx, { name: 'Malmö stad' });
    const network = await createNetwork(ctx, { coordinator: kommun });
    coordinator = await loginAs(ctx, kommun.owner);
    need = await createPublishedNeed(ctx, network.id, { title: 'Cirkulära möbler' });
  });

  async function schedule(capacity = 2) {
    const res = await coordinator.bearer(ctx.http().post(`/api/needs/${need.id}/meetings`)).send({
      kind: 'information_meeting',
      title: 'Möbeldialog',
      format: 'online',
      onlineUrl: 'https://meet.example.se/mobler',
      startsAt: daysFromNow(5).toISOString(),
      endsAt: daysFromNow(5, 11).toISOString(),
      capacity,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  }
  const register = (s: TestSupplier, meetingId: string, body: Record<string, unknown> = {}) =>
    s.bearer(ctx.http().post(`/api/meetings/${meetingId}/registrations`)).send(body);
  /** Moves the meeting into the past, as if it had been held. */
  const hold = (meetingId: string) =>
    meetingModel(ctx.deps.mongo).updateOne(
      { _id: meetingId },
      { $set: { startsAt: daysFromNow(-1), endsAt: daysFromNow(-1, 11) } },
    );
  const processorContext = () => ({ deps: ctx.deps, log: pino({ level: 'silent' }) });

  it('when the reminder job runs, then registered suppliers are reminded, not the waitlist or those who cancelled; an outdated or cancelled one does nothing', async () => {
    // Arrange
    const [stays, leaves, promoted, stillWaiting] = await createSuppliers(ctx, 4);
    const meeting = await schedule(2);
    for (const s of [stays!, leaves!, promoted!, stillWaiting!]) await register(s, meeting.id);
    await leaves!.bearer(ctx.http().delete(`/api/meetings/${meeting.id}/registrations/mine`));
    await settle(ctx);
    const job = await ctx.deps.queues.get('email').getJob(`remind-meeting.${meeting.id}.0`);
    expect(job).toBeDefined();

    // Act: the delayed job, run now
    const result = await sendReminderProcessor.handle(job!.data, { ...processorContext(), job: job! });
    await settle(ctx);

    // Assert
    expect(result).toEqual({ queued: 2 });
    const [reminder] = await waitForMessages(stays!.email, {
      filter: (m) => m.subject.startsWith('Påminnelse'),
    });
    expect(reminder!.text).toContain('https://meet.example.se/mobler');
    await waitForMessages(promoted!.email, { filter: (m) => m.subject.startsWith('Påminnelse') });
    for (const s of [leaves!, stillWaiting!]) {
      expect((await messagesTo(s.email)).filter((m) => m.subject.startsWith('Påminnelse'))).toHaveLength(0);
    }

    // Act: rescheduled (old sequence) and then cancelled
    await coordinator
      .bearer(ctx.http().patch(`/api/meetings/${meeting.id}`))
      .send({ startsAt: daysFromNow(6).toISOString(), endsAt: daysFromNow(6, 11).toISOString() });
    const outdated = await sendReminderProcessor.handle(job!.data, { ...processorContext(), job: job! });
    await coordinator.bearer(ctx.http().post(`/api/meetings/${meeting.id}/cancel`)).send({});
    const afterCancel = await sendReminderProcessor.handle(
      { meetingId: meeting.id, sequence: 2 },
      { ...processorContext(), job: job! },
    );

    // Assert
    expect(outdated).toEqual({ skipped: 'rescheduled' });
    expect(afterCancel).toEqual({ skipped: 'not scheduled' });
  });

  it('when the network publishes the summary, then followers are told once (email or digest) and participants get it', async () => {
    const [participant, instantFollower, digestFollower] = await createSuppliers(ctx, 3);
    await instantFollower!
      .bearer(ctx.http().post('/api/subscriptions'))
      .send({ kind: 'need', needId: need.id });
    await digestFollower!
      .bearer(ctx.http().post('/api/subscriptions'))
      .send({ kind: 'need', needId: need.id, delivery: 'weekly' });
    const meeting = await schedule();
    await register(participant!, meeting.id);
    const summary = {
      presented: 'Behovet och tidplanen presenterades.',
      questionsAsked: 'Frågor om volymer och återbruk.',
      changesToNeed: 'Kravet på nya möbler ersätts med krav på renoverade.',
    };

    const early = await coordinator
      .bearer(ctx.http().post(`/api/meetings/${meeting.id}/summary`))
      .send(summary);
    await hold(meeting.id);
    const published = await coordinator
      .bearer(ctx.http().post(`/api/meetings/${meeting.id}/summary`))
      .send(summary);
    await settle(ctx);
    const corrected = await coordinator
      .bearer(ctx.http().post(`/api/meetings/${meeting.id}/summary`))
      .send({ ...summary, presented: 'Behovet, tidplanen och budgeten presenterades.' });
    await settle(ctx);
    const asPublic = await ctx.http().get(`/api/meetings/${meeting.id}`);

    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('meeting_not_held');
    expect(published.status).toBe(200);
    expect(published.body.summary).toMatchObject({
      participantsCount: 1,
      changesToNeed: summary.changesToNeed,
    });
    expect(corrected.status).toBe(200);
    expect(asPublic.body.summary.presented).toBe('Behovet, tidplanen och budgeten presenterades.');
    const [alert] = await waitForMessages(instantFollower!.email, {
      filter: (m) => m.subject.includes('Cirkulära möbler'),
    });
    expect(alert!.text).toContain('Kravet på nya möbler ersätts med krav på renoverade.');
    expect(alert!.headers['list-unsubscribe']).toBeDefined();
    const [toParticipant] = await waitForMessages(participant!.email, {
      filter: (m) => m.subject.startsWith('Sammanfattning'),
    });
    expect(toParticipant!.text).toContain('Frågor om volymer och återbruk.');
    const items = await digestItemModel(ctx.deps.mongo).find({ userId: digestFollower!.userId }).lean();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'change', changeId: `meeting-summary.${meeting.id}` });
    expect(
      (await messagesTo(instantFollower!.email)).filter((m) => m.subject.includes('Cirkulära')),
    ).toHaveLength(1);
  });

  it('when attendance is recorded, then the network exports registrations and attendance as CSV, and nobody else can', async () => {
    const [a, b, c] = await createSuppliers(ctx, 3);
    await organisationModel(ctx.deps.mongo).updateOne(
      { _id: a!.organisationId },
      { $set: { name: '=Kalkyl, "Bäst" AB' } },
    );
    const meeting = await schedule(2);
    const regA = await register(a!, meeting.id, {
      participants: [{ name: 'Åsa Öberg' }, { name: 'Per, Jr' }],
    });
    await register(b!, meeting.id);
    await register(c!, meeting.id);
    const tooEarly = await coordinator
      .bearer(ctx.http().patch(`/api/meetings/${meeting.id}/registrations/${regA.body.registration.id}`))
      .send({ attended: true });
    await hold(meeting.id);

    const marked = await coordinator
      .bearer(ctx.http().patch(`/api/meetings/${meeting.id}/registrations/${regA.body.registration.id}`))
      .send({ attended: true });
    const csv = await coordinator.bearer(ctx.http().get(`/api/meetings/${meeting.id}/attendance.csv`));
    const bySupplier = await a!.bearer(ctx.http().get(`/api/meetings/${meeting.id}/attendance.csv`));
    const anonymous = await ctx.http().get(`/api/meetings/${meeting.id}/attendance.csv`);
    const list = await coordinator.bearer(ctx.http().get(`/api/meetings/${meeting.id}/registrations`));

    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error.code).toBe('meeting_not_held');
    expect(marked.body).toMatchObject({ attended: true, status: 'registered' });
    expect(bySupplier.status).toBe(403);
    expect(anonymous.status).toBe(401);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename=".+\.csv"$/);
    const rows = parse(csv.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      'organisation',
      'org_number',
      'status',
      'waitlist_position',
      'slot_starts_at',
      'participants',
      'participant_count',
      'registered_at',
      'promoted_at',
      'cancelled_at',
      'attended',
    ]);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      organisation: `'=Kalkyl, "Bäst" AB`,
      org_number: a!.orgNumber,
      status: 'registered',
      participants: 'Åsa Öberg; Per, Jr',
      participant_count: '2',
      attended: 'yes',
    });
    expect(rows[1]).toMatchObject({ organisation: b!.organisationName, status: 'registered', attended: '' });
    expect(rows[2]).toMatchObject({
      organisation: c!.organisationName,
      status: 'waitlisted',
      waitlist_position: '1',
    });
    expect(list.body.items.map((r: { status: string }) => r.status)).toEqual([
      'registered',
      'registered',
      'waitlisted',
    ]);
  });

  it('when a supplier exports or deletes their account, then registrations and questions are in the export, and deletion removes the person but keeps the place', async () => {
    const [supplier] = await createSuppliers(ctx, 1);
    const meeting = await schedule();
    await register(supplier!, meeting.id, { participants: [{ name: 'Ada Lind', email: supplier!.email }] });
    await supplier!
      .bearer(ctx.http().post(`/api/needs/${need.id}/questions`))
      .send({ question: 'Finns det en budget?' });

    const exported = await supplier!.bearer(ctx.http().get('/api/me/export'));
    const policy = createAppPolicy(ctx.deps);
    const meetings = createMeetingsModule(ctx.deps, policy);
    const questions = createQuestionsModule(ctx.deps, policy, meetings.access);
    await inTransaction(ctx.deps.mongo, async (tx) => {
      await meetings.personalData.deleteFor(supplier!.userId, tx);
      await questions.personalData.deleteFor(supplier!.userId, tx);
    });

    expect(exported.status).toBe(200);
    expect(exported.body.modules.meetingRegistrations).toEqual([
      expect.objectContaining({
        meetingId: meeting.id,
        status: 'registered',
        participants: [{ name: 'Ada Lind', email: supplier!.email }],
      }),
    ]);
    expect(exported.body.modules.questions).toEqual([
      expect.objectContaining({ question: 'Finns det en budget?' }),
    ]);
    const [registration] = await registrationModel(ctx.deps.mongo).find({ meetingId: meeting.id }).lean();
    expect(registration).toMatchObject({ status: 'registered', participants: [{ name: '(borttagen)' }] });
    expect(JSON.stringify(registration)).not.toContain(supplier!.email);
    expect(String(registration!.userId)).not.toBe(supplier!.userId);
    const [question] = await questionModel(ctx.deps.mongo).find({ needId: need.id }).lean();
    expect(question!.askedByUserId).toBeUndefined();
    expect(String(question!.askedByOrgId)).toBe(supplier!.organisationId);
  });
});
