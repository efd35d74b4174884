import { loginAs, resetRateLimits, type LoggedIn } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, createOrganisation, type TestNetwork } from '../helpers/factories.js';
import {
  createPublishedNeed,
  createSuppliers,
  daysFromNow,
  parseCalendar,
  type TestNeed,
} from '../helpers/meetings.js';

/** Subscribable iCal feeds per need and per network, and the single-event download. */
describe('calendars', () => {
  let ctx: TestContext;
  let network: TestNetwork;
  let coordinator: LoggedIn;
  let need: TestNeed;

  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await ctx.close();
  });
  beforeEach(async () => {
    await ctx.reset();
    await resetRateLimits(ctx);
    const kommun = await createOrganisation(ctx, { name: 'Umeå kommun' });
    network = await createNetwork(ctx, { coordinator: kommun, name: 'Smarta byggnader i norr' });
    coordinator = await loginAs(ctx, kommun.owner);
    need = await createPublishedNeed(ctx, network.id, { title: 'Energieffektiva skolor' });
  });

  async function schedule(needId: string, overrides: Record<string, unknown> = {}) {
    const res = await coordinator.bearer(ctx.http().post(`/api/needs/${needId}/meetings`)).send({
      kind: 'information_meeting',
      title: 'Dialogmöte',
      format: 'hybrid',
      address: 'Rådhuset, Umeå',
      onlineUrl: 'https://meet.example.se/hemlig-lank',
      startsAt: daysFromNow(20).toISOString(),
      endsAt: daysFromNow(20, 11).toISOString(),
      capacity: 10,
      ...overrides,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  }

  it('when a need has meetings, then its feed lists the public ones (cancelled marked, drafts left out) linking back to the need, without online links', async () => {
    // Arrange
    const kept = await schedule(need.id, { title: 'Informationsmöte' });
    const cancelled = await schedule(need.id, { title: 'Inställt möte' });
    await schedule(need.id, { title: 'Utkast', draft: true });
    await coordinator.bearer(ctx.http().post(`/api/meetings/${cancelled.id}/cancel`)).send({});

    // Act
    const res = await ctx.http().get(`/api/needs/${need.id}/calendar.ics`);

    // Assert
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const calendar = parseCalendar(res.text);
    expect(calendar.method).toBe('PUBLISH');
    const byUid = new Map(calendar.events.map((e) => [e.uid, e]));
    expect([...byUid.keys()].sort()).toEqual(
      [`meeting-${kept.id}@localhost`, `meeting-${cancelled.id}@localhost`].sort(),
    );
    expect(byUid.get(`meeting-${kept.id}@localhost`)).toMatchObject({
      summary: 'Informationsmöte',
      status: 'CONFIRMED',
    });
    expect(byUid.get(`meeting-${cancelled.id}@localhost`)).toMatchObject({ status: 'CANCELLED' });
    expect(Number(byUid.get(`meeting-${cancelled.id}@localhost`)!.sequence)).toBe(1);
    expect(JSON.stringify(byUid.get(`meeting-${kept.id}@localhost`)!.url)).toContain(`/behov/${need.id}`);
    expect(res.text).not.toContain('hemlig-lank');
  });

  it('when a network has needs, then its feed holds the meetings of its published needs only, and unapproved networks have none', async () => {
    const other = await createPublishedNeed(ctx, network.id, { title: 'Solceller på tak' });
    const hidden = await createPublishedNeed(ctx, network.id, { title: 'Dolt behov' });
    await schedule(need.id, { title: 'Skolmöte' });
    await schedule(other.id, { title: 'Solmöte' });
    await schedule(hidden.id, { title: 'Dolt möte' });
    await ctx.deps.mongo
      .collection('needs')
      .updateOne({ title: 'Dolt behov' }, { $set: { status: 'closed', hidden: true } });
    const pending = await createNetwork(ctx, { coordinator: network.coordinator, approved: false });

    const res = await ctx.http().get(`/api/networks/${network.id}/calendar.ics`);
    const notApproved = await ctx.http().get(`/api/networks/${pending.id}/calendar.ics`);

    expect(res.status).toBe(200);
    const calendar = parseCalendar(res.text);
    expect(calendar.events.map((e) => e.summary).sort()).toEqual(['Skolmöte', 'Solmöte']);
    expect(res.text).toContain('Smarta byggnader i norr');
    expect(notApproved.status).toBe(404);
  });

  it('when a registered supplier downloads the event, then it has their slot and the link; others get neither', async () => {
    const [registered, outsider] = await createSuppliers(ctx, 2);
    const meeting = await coordinator.bearer(ctx.http().post(`/api/needs/${need.id}/meetings`)).send({
      kind: 'one_to_one',
      title: 'Enskilda möten',
      format: 'online',
      onlineUrl: 'https://meet.example.se/hemlig-lank',
      slots: [
        { startsAt: daysFromNow(20, 9).toISOString(), endsAt: daysFromNow(20, 10).toISOString() },
        { startsAt: daysFromNow(20, 13).toISOString(), endsAt: daysFromNow(20, 14).toISOString() },
      ],
    });
    const late = meeting.body.slots[1].id as string;
    await registered!
      .bearer(ctx.http().post(`/api/meetings/${meeting.body.id}/registrations`))
      .send({ slotId: late });

    const own = await registered!.bearer(ctx.http().get(`/api/meetings/${meeting.body.id}/event.ics`));
    const theirs = await outsider!.bearer(ctx.http().get(`/api/meetings/${meeting.body.id}/event.ics`));
    const anonymous = await ctx.http().get(`/api/meetings/${meeting.body.id}/event.ics`);

    expect(own.status).toBe(200);
    expect(own.headers['content-disposition']).toContain('.ics');
    const event = parseCalendar(own.text).events[0]!;
    expect(event.start.toISOString()).toBe(daysFromNow(20, 13).toISOString());
    expect(event.end?.toISOString()).toBe(daysFromNow(20, 14).toISOString());
    expect(own.text).toContain('hemlig-lank');
    for (const res of [theirs, anonymous]) {
      expect(res.status).toBe(200);
      expect(parseCalendar(res.text).events[0]!.start.toISOString()).toBe(daysFromNow(20, 9).toISOString());
      expect(res.text).not.toContain('hemlig-lank');
    }
  });

  it('when the need is not public, then its feed and its meetings are not found', async () => {
    const meeting = await schedule(need.id);
    await ctx.deps.mongo
      .collection('needs')
      .updateOne({ title: 'Energieffektiva skolor' }, { $set: { hidden: true } });

    const feed = await ctx.http().get(`/api/needs/${need.id}/calendar.ics`);
    const event = await ctx.http().get(`/api/meetings/${meeting.id}/event.ics`);
    const asNetwork = await coordinator.bearer(ctx.http().get(`/api/meetings/${meeting.id}/event.ics`));

    expect(feed.status).toBe(404);
    expect(event.status).toBe(404);
    expect(asNetwork.status).toBe(200);
  });
});
