import { loginAs, resetRateLimits, type LoggedIn } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, createOrganisation, type TestNetwork } from '../helpers/factories.js';
import { messagesTo, waitForMessages } from '../helpers/mail.js';
import {
  addMatch,
  createPublishedNeed,
  createSuppliers,
  daysFromNow,
  icsOf,
  settle,
  type TestNeed,
  type TestSupplier,
} from '../helpers/meetings.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';
import { meetingModel } from '../../server/modules/meetings/meeting.model.js';

/** Scheduling dialogue meetings, invitations with .ics, registration rules, changes and cancellations. */
describe('meetings API', () => {
  let ctx: TestContext;
  let workers: InProcessWorkers;
  let network: TestNetwork;
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
    const kommun = await createOrganisation(ctx, { name: 'Växjö kommun' });
    network = await createNetwork(ctx, { coordinator: kommun, name: 'Fossilfria transporter i Småland' });
    coordinator = await loginAs(ctx, kommun.owner);
    need = await createPublishedNeed(ctx, network.id, { title: 'Fossilfria hemtjänstresor' });
  });

  const informationMeeting = (overrides: Record<string, unknown> = {}) => ({
    kind: 'information_meeting',
    title: 'Informationsmöte om hemtjänstresor',
    agenda: 'Behovet presenteras, sedan frågor.',
    format: 'hybrid',
    address: 'Stadshuset, Västra Esplanaden 18, Växjö',
    onlineUrl: 'https://meet.example.se/hemtjanst-42',
    startsAt: daysFromNow(10).toISOString(),
    endsAt: daysFromNow(10, 11).toISOString(),
    capacity: 2,
    registrationDeadline: daysFromNow(8).toISOString(),
    inviteMinScore: 0.5,
    ...overrides,
  });

  async function schedule(overrides: Record<string, unknown> = {}) {
    const res = await coordinator
      .bearer(ctx.http().post(`/api/needs/${need.id}/meetings`))
      .send(informationMeeting(overrides));
    expect(res.status).toBe(201);
    return res.body as { id: string; sequence: number; startsAt: string; status: string };
  }

  const register = (supplier: TestSupplier, meetingId: string, body: Record<string, unknown> = {}) =>
    supplier.bearer(ctx.http().post(`/api/meetings/${meetingId}/registrations`)).send(body);

  const subjectStarts = (prefix: string) => ({
    filter: (m: { subject: string }) => m.subject.startsWith(prefix),
  });

  it('when a meeting is published, then matched suppliers above the threshold and followers get one invitation each with a parseable .ics', async () => {
    // Arrange
    const [matched, below, follower, both] = await createSuppliers(ctx, 4);
    await addMatch(ctx, need, matched!.organisationId, 0.8);
    await addMatch(ctx, need, below!.organisationId, 0.3);
    await addMatch(ctx, need, both!.organisationId, 0.9);
    for (const s of [follower!, both!]) {
      const followed = await s
        .bearer(ctx.http().post('/api/subscriptions'))
        .send({ kind: 'need', needId: need.id });
      expect(followed.status).toBe(201);
    }

    // Act
    const meeting = await schedule();
    await settle(ctx);

    // Assert
    const [invitation] = await waitForMessages(matched!.email, subjectStarts('Inbjudan'));
    const ics = icsOf(invitation!);
    expect(ics.method).toBe('REQUEST');
    expect(ics.events).toHaveLength(1);
    const event = ics.events[0]!;
    expect(event.uid).toBe(`meeting-${meeting.id}@localhost`);
    expect(Number(event.sequence)).toBe(0);
    expect(event.start.toISOString()).toBe(meeting.startsAt);
    expect(event.summary).toBe('Informationsmöte om hemtjänstresor');
    expect(JSON.stringify(event.url)).toContain(`http://localhost:3000/behov/${need.id}`);
    expect(String(event.location)).toContain('Stadshuset');
    expect(JSON.stringify(event)).not.toContain('meet.example.se');
    expect(await waitForMessages(follower!.email, subjectStarts('Inbjudan'))).toHaveLength(1);
    const followerMail = (await messagesTo(follower!.email))[0]!;
    expect(followerMail.headers['list-unsubscribe']).toContain('/api/unsubscribe?token=');
    await waitForMessages(both!.email, subjectStarts('Inbjudan'));
    await settle(ctx);
    expect((await messagesTo(both!.email)).filter((m) => m.subject.startsWith('Inbjudan'))).toHaveLength(1);
    expect(await messagesTo(below!.email)).toHaveLength(0);
  });

  it('when suppliers register, then each answer says registered or waitlisted with a place; twice, late or cancelled answers 409 with a code', async () => {
    const [a, b, c, d] = await createSuppliers(ctx, 4);
    const meeting = await schedule({ capacity: 2 });

    const first = await register(a!, meeting.id);
    const second = await register(b!, meeting.id, {
      participants: [{ name: 'Bo Berg' }, { name: 'Cia Ek' }],
    });
    const third = await register(c!, meeting.id);
    const again = await register(a!, meeting.id);
    const tooMany = await register(d!, meeting.id, {
      participants: [{ name: 'Ett' }, { name: 'Två' }, { name: 'Tre' }],
    });

    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      status: 'registered',
      registration: { organisationId: a!.organisationId },
    });
    expect(second.body.status).toBe('registered');
    expect(third.status).toBe(201);
    expect(third.body).toMatchObject({ status: 'waitlisted', position: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_registered');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details[0]).toMatchObject({ path: 'participants', code: 'too_many' });

    await meetingModel(ctx.deps.mongo).updateOne(
      { _id: meeting.id },
      { $set: { registrationDeadline: new Date(Date.now() - 60_000) } },
    );
    const late = await register(d!, meeting.id);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('registration_closed');

    const other = await schedule({ title: 'Andra mötet' });
    expect(
      (await coordinator.bearer(ctx.http().post(`/api/meetings/${other.id}/cancel`)).send({})).status,
    ).toBe(200);
    const cancelled = await register(d!, other.id);
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.error.code).toBe('meeting_cancelled');

    const view = await a!.bearer(ctx.http().get(`/api/meetings/${meeting.id}`));
    expect(view.body).toMatchObject({ registeredCount: 2, waitlistCount: 1, placesLeft: 0 });
    expect(view.body.myRegistration.status).toBe('registered');
  });

  it('when the meeting has an online link, then only registered suppliers and the network see it', async () => {
    const [registered, waitlisted, outsider] = await createSuppliers(ctx, 3);
    const meeting = await schedule({ capacity: 1 });
    await register(registered!, meeting.id);
    await register(waitlisted!, meeting.id);

    const asRegistered = await registered!.bearer(ctx.http().get(`/api/meetings/${meeting.id}`));
    const asWaitlisted = await waitlisted!.bearer(ctx.http().get(`/api/meetings/${meeting.id}`));
    const asOutsider = await outsider!.bearer(ctx.http().get(`/api/meetings/${meeting.id}`));
    const anonymous = await ctx.http().get(`/api/meetings/${meeting.id}`);
    const asNetwork = await coordinator.bearer(ctx.http().get(`/api/meetings/${meeting.id}`));
    const list = await ctx.http().get(`/api/needs/${need.id}/meetings`);

    expect(asRegistered.body.onlineUrl).toBe('https://meet.example.se/hemtjanst-42');
    expect(asNetwork.body.onlineUrl).toBe('https://meet.example.se/hemtjanst-42');
    expect(asNetwork.body.inviteMinScore).toBe(0.5);
    for (const res of [asWaitlisted, asOutsider, anonymous]) {
      expect(res.status).toBe(200);
      expect(res.body.onlineUrl).toBeUndefined();
      expect(res.body.inviteMinScore).toBeUndefined();
    }
    expect(list.body.items).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain('meet.example.se');
  });

  it('when a meeting is rescheduled, then everyone registered gets the event with a higher SEQUENCE and the reminder moves', async () => {
    const [a, b] = await createSuppliers(ctx, 2);
    const meeting = await schedule({ capacity: 1 });
    await register(a!, meeting.id);
    await register(b!, meeting.id);
    await settle(ctx);
    const queue = ctx.deps.queues.get('email');
    const firstReminder = await queue.getJob(`remind-meeting.${meeting.id}.0`);
    expect(firstReminder).toBeDefined();

    const newStart = daysFromNow(12);
    const res = await coordinator
      .bearer(ctx.http().patch(`/api/meetings/${meeting.id}`))
      .send({ startsAt: newStart.toISOString(), endsAt: daysFromNow(12, 11).toISOString() });
    await settle(ctx);

    expect(res.status).toBe(200);
    expect(res.body.sequence).toBe(1);
    const [changed] = await waitForMessages(a!.email, subjectStarts('Ändrat dialogmöte'));
    const ics = icsOf(changed!);
    expect(ics.method).toBe('REQUEST');
    expect(Number(ics.events[0]!.sequence)).toBe(1);
    expect(ics.events[0]!.uid).toBe(`meeting-${meeting.id}@localhost`);
    expect(ics.events[0]!.start.toISOString()).toBe(newStart.toISOString());
    expect(JSON.stringify(ics.events[0])).toContain('meet.example.se');
    const [waitlistNotice] = await waitForMessages(b!.email, subjectStarts('Ändrat dialogmöte'));
    expect(waitlistNotice!.attachments).toHaveLength(0);

    const moved = await queue.getJob(`remind-meeting.${meeting.id}.1`);
    expect(moved).toBeDefined();
    expect(await moved!.isDelayed()).toBe(true);
    const due = moved!.timestamp + (moved!.opts.delay ?? 0);
    expect(Math.abs(due - (newStart.getTime() - 24 * 3600 * 1000))).toBeLessThan(60_000);
  });

  it('when a meeting is cancelled, then everyone registered gets METHOD:CANCEL with a higher SEQUENCE', async () => {
    const [a] = await createSuppliers(ctx, 1);
    const meeting = await schedule();
    await register(a!, meeting.id);

    const res = await coordinator
      .bearer(ctx.http().post(`/api/meetings/${meeting.id}/cancel`))
      .send({ reason: 'Lokalen är inte tillgänglig.' });
    const twice = await coordinator.bearer(ctx.http().post(`/api/meetings/${meeting.id}/cancel`)).send({});
    await settle(ctx);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'cancelled',
      sequence: 1,
      cancelReason: 'Lokalen är inte tillgänglig.',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('meeting_cancelled');
    const [mail] = await waitForMessages(a!.email, subjectStarts('Inställt'));
    expect(mail!.text).toContain('Lokalen är inte tillgänglig.');
    const ics = icsOf(mail!);
    expect(ics.method).toBe('CANCEL');
    expect(ics.events[0]).toMatchObject({ uid: `meeting-${meeting.id}@localhost`, status: 'CANCELLED' });
    expect(Number(ics.events[0]!.sequence)).toBe(1);
  });

  it('when a registered supplier cancels, then the first on the waitlist is promoted and told by email', async () => {
    const [a, b, c] = await createSuppliers(ctx, 3);
    const meeting = await schedule({ capacity: 1 });
    await register(a!, meeting.id);
    await register(b!, meeting.id);
    await register(c!, meeting.id);

    const cancel = await a!.bearer(ctx.http().delete(`/api/meetings/${meeting.id}/registrations/mine`));
    const again = await a!.bearer(ctx.http().delete(`/api/meetings/${meeting.id}/registrations/mine`));
    await settle(ctx);

    expect(cancel.status).toBe(204);
    expect(again.status).toBe(404);
    const [promoted] = await waitForMessages(b!.email, subjectStarts('Ditt företag har fått en plats'));
    expect(promoted!.text).toContain('meet.example.se');
    expect(icsOf(promoted!).method).toBe('REQUEST');
    const asB = await b!.bearer(ctx.http().get(`/api/meetings/${meeting.id}`));
    const asC = await c!.bearer(ctx.http().get(`/api/meetings/${meeting.id}`));
    expect(asB.body.myRegistration.status).toBe('registered');
    expect(asC.body.myRegistration).toMatchObject({ status: 'waitlisted', position: 1 });
    expect(
      (await messagesTo(c!.email)).filter((m) => m.subject.startsWith('Ditt företag har fått')),
    ).toHaveLength(0);
    const mine = await a!.bearer(ctx.http().get('/api/me/registrations'));
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({ status: 'cancelled', meeting: { id: meeting.id } });
  });

  it('when a network member raises the capacity, then the waitlist moves up in order', async () => {
    const [a, b, c] = await createSuppliers(ctx, 3);
    const meeting = await schedule({ capacity: 1 });
    for (const s of [a!, b!, c!]) await register(s, meeting.id);

    const lower = await coordinator
      .bearer(ctx.http().patch(`/api/meetings/${meeting.id}`))
      .send({ capacity: 0 });
    const raise = await coordinator
      .bearer(ctx.http().patch(`/api/meetings/${meeting.id}`))
      .send({ capacity: 2 });
    await settle(ctx);

    expect(lower.status).toBe(400);
    expect(raise.status).toBe(200);
    expect(raise.body).toMatchObject({ capacity: 2, registeredCount: 2, waitlistCount: 1, sequence: 0 });
    await waitForMessages(b!.email, subjectStarts('Ditt företag har fått en plats'));
    expect(
      (await messagesTo(c!.email)).filter((m) => m.subject.startsWith('Ditt företag har fått')),
    ).toHaveLength(0);
  });

  it('when a one-to-one meeting has slots, then each supplier books one slot, a taken slot answers 409 and a freed slot goes to the waitlist', async () => {
    const [a, b, c] = await createSuppliers(ctx, 3);
    const res = await coordinator.bearer(ctx.http().post(`/api/needs/${need.id}/meetings`)).send({
      kind: 'one_to_one',
      title: 'Enskilda dialogmöten',
      format: 'online',
      onlineUrl: 'https://meet.example.se/enskilt',
      slots: [
        { startsAt: daysFromNow(10, 9).toISOString(), endsAt: daysFromNow(10, 10).toISOString() },
        { startsAt: daysFromNow(10, 10).toISOString(), endsAt: daysFromNow(10, 11).toISOString() },
      ],
      registrationDeadline: daysFromNow(9).toISOString(),
    });
    expect(res.status).toBe(201);
    const [early, late] = res.body.slots as { id: string }[];

    const booked = await register(a!, res.body.id, { slotId: late!.id });
    const taken = await register(b!, res.body.id, { slotId: late!.id });
    const any = await register(b!, res.body.id);
    const full = await register(c!, res.body.id);
    await a!.bearer(ctx.http().delete(`/api/meetings/${res.body.id}/registrations/mine`));
    await settle(ctx);

    expect(res.body).toMatchObject({ capacity: 2, startsAt: daysFromNow(10, 9).toISOString() });
    expect(booked.body).toMatchObject({ status: 'registered', registration: { slot: { id: late!.id } } });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'slot_taken', details: { freeSlots: [early!.id] } });
    expect(any.body).toMatchObject({ status: 'registered', registration: { slot: { id: early!.id } } });
    expect(full.body).toMatchObject({ status: 'waitlisted', position: 1 });
    const asC = await c!.bearer(ctx.http().get(`/api/meetings/${res.body.id}`));
    expect(asC.body.myRegistration).toMatchObject({ status: 'registered', slot: { id: late!.id } });
    expect(asC.body.slots).toEqual([
      expect.objectContaining({ id: early!.id, booked: true, mine: false }),
      expect.objectContaining({ id: late!.id, booked: true, mine: true }),
    ]);
    const [promoted] = await waitForMessages(c!.email, subjectStarts('Ditt företag har fått en plats'));
    expect(icsOf(promoted!).events[0]!.start.toISOString()).toBe(daysFromNow(10, 10).toISOString());
  });

  it('when someone outside the network or an anonymous visitor manages a meeting, then it is refused', async () => {
    const [supplier] = await createSuppliers(ctx, 1);
    const meeting = await schedule();

    const create = await supplier!
      .bearer(ctx.http().post(`/api/needs/${need.id}/meetings`))
      .send(informationMeeting());
    const patch = await supplier!
      .bearer(ctx.http().patch(`/api/meetings/${meeting.id}`))
      .send({ title: 'Kapat' });
    const list = await supplier!.bearer(ctx.http().get(`/api/meetings/${meeting.id}/registrations`));
    const anonymous = await ctx.http().post(`/api/meetings/${meeting.id}/cancel`).send({});
    const buyerRegisters = await coordinator
      .bearer(ctx.http().post(`/api/meetings/${meeting.id}/registrations`))
      .send({});

    expect(create.status).toBe(403);
    expect(patch.status).toBe(403);
    expect(list.status).toBe(403);
    expect(anonymous.status).toBe(401);
    expect(buyerRegisters.status).toBe(403);
    expect(buyerRegisters.body.error.code).toBe('not_a_supplier');
  });

  it('when the input is inconsistent, then the answer names the fields', async () => {
    const res = await coordinator.bearer(ctx.http().post(`/api/needs/${need.id}/meetings`)).send(
      informationMeeting({
        format: 'online',
        onlineUrl: undefined,
        capacity: undefined,
        endsAt: daysFromNow(9).toISOString(),
      }),
    );
    const past = await coordinator
      .bearer(ctx.http().post(`/api/needs/${need.id}/meetings`))
      .send(informationMeeting({ startsAt: daysFromNow(-1).toISOString(), registrationDeadline: undefined }));

    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'capacity',
      'endsAt',
      'onlineUrl',
    ]);
    expect(past.status).toBe(400);
    expect(past.body.error.details[0].path).toBe('startsAt');
  });
});
