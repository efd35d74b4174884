import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import supertest from 'supertest';
import { loginAs } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, createOrganisation } from '../helpers/factories.js';
import { messagesTo, waitForMessages } from '../helpers/mail.js';
import { createPublishedNeed, createSuppliers, daysFromNow, settle } from '../helpers/meetings.js';
import { meetingModel, registrationModel } from '../../server/modules/meetings/meeting.model.js';
import { deliveryModel } from '../../server/modules/notifications/delivery.model.js';
import { sendEmailJob } from '../../server/modules/notifications/email.jobs.js';
import { sendEmailProcessor } from '../../workers/processors/send-email.js';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers.js';

/**
 * Capacity under contention: many API requests at once against one meeting, through one real
 * HTTP server (as behind a load balancer, nothing is held in process memory).
 *
 * Only the send-email worker runs here, fed with the promotion deliveries: the 200 registration
 * confirmations (an outbox event each) are left unsent, so the test measures the registration
 * path itself. Their pipeline is covered by the meetings API tests.
 */
describe('meeting registration under concurrency', () => {
  let ctx: TestContext;
  let workers: RunningWorkers;
  let server: Server;
  let http: () => supertest.Agent;

  beforeAll(async () => {
    ctx = await createTestContext();
    workers = startWorkers(ctx.deps, [sendEmailProcessor]);
    server = createServer(ctx.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    http = () => supertest.agent(url);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await workers.close();
    await ctx.close();
  });

  it('when 200 suppliers register at once for 20 places, then exactly 20 are registered and 180 waitlisted in order; 5 cancellations promote exactly 5, each emailed once', async () => {
    // Arrange
    const kommun = await createOrganisation(ctx);
    const network = await createNetwork(ctx, { coordinator: kommun });
    const coordinator = await loginAs(ctx, kommun.owner);
    const need = await createPublishedNeed(ctx, network.id);
    const created = await coordinator.bearer(http().post(`/api/needs/${need.id}/meetings`)).send({
      kind: 'information_meeting',
      title: 'Informationsmöte',
      format: 'in_person',
      address: 'Stadshuset',
      startsAt: daysFromNow(14).toISOString(),
      endsAt: daysFromNow(14, 11).toISOString(),
      capacity: 20,
    });
    expect(created.status).toBe(201);
    const meetingId = created.body.id as string;
    const suppliers = await createSuppliers(ctx, 200);

    // Act: 200 registrations at once
    const results = await Promise.all(
      suppliers.map((s) => s.bearer(http().post(`/api/meetings/${meetingId}/registrations`)).send({})),
    );

    // Assert
    expect(results.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    const registered = results.filter((r) => r.body.status === 'registered');
    const waitlisted = results.filter((r) => r.body.status === 'waitlisted');
    expect(registered).toHaveLength(20);
    expect(waitlisted).toHaveLength(180);
    expect(waitlisted.map((r) => r.body.position as number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 180 }, (_, i) => i + 1),
    );
    const meetingOid = new mongoose.Types.ObjectId(meetingId);
    const stored = await registrationModel(ctx.deps.mongo).find({ meetingId: meetingOid }).lean();
    expect(stored).toHaveLength(200);
    expect(new Set(stored.map((r) => String(r.organisationId))).size).toBe(200);
    expect(stored.filter((r) => r.status === 'registered')).toHaveLength(20);
    expect((await meetingModel(ctx.deps.mongo).findById(meetingId).lean())?.confirmedCount).toBe(20);

    // Act: 5 registered suppliers cancel at once
    const leaving = suppliers
      .filter((s) => registered.some((r) => r.body.registration.organisationId === s.organisationId))
      .slice(0, 5);
    const firstInLine = stored
      .filter((r) => r.status === 'waitlisted')
      .sort((a, b) => (a.waitlistSeq ?? 0) - (b.waitlistSeq ?? 0))
      .slice(0, 5)
      .map((r) => String(r.organisationId));
    const cancels = await Promise.all(
      leaving.map((s) => s.bearer(http().delete(`/api/meetings/${meetingId}/registrations/mine`))),
    );

    // Assert
    expect(cancels.map((r) => r.status)).toEqual([204, 204, 204, 204, 204]);
    const after = await registrationModel(ctx.deps.mongo).find({ meetingId: meetingOid }).lean();
    const promoted = after.filter((r) => r.promotedAt);
    expect(after.filter((r) => r.status === 'registered')).toHaveLength(20);
    expect(after.filter((r) => r.status === 'waitlisted')).toHaveLength(175);
    expect(after.filter((r) => r.status === 'cancelled')).toHaveLength(5);
    expect(promoted.map((r) => String(r.organisationId)).sort()).toEqual([...firstInLine].sort());
    expect((await meetingModel(ctx.deps.mongo).findById(meetingId).lean())?.confirmedCount).toBe(20);
    // The promotion emails were recorded with the promotions (same transaction), one each.
    const promotionMails = await deliveryModel(ctx.deps.mongo)
      .find({ key: mongoose.trusted({ $regex: /^meeting\.promoted\./ }) })
      .lean();
    expect(promotionMails.map((d) => d.key).sort()).toEqual(
      promoted.map((r) => `meeting.promoted.${r._id}`).sort(),
    );

    // Act: send them, each delivery twice (a relay retry or a duplicate job must not mail twice)
    for (const delivery of promotionMails) {
      for (const attempt of [1, 2]) {
        await ctx.deps.queues.add(
          sendEmailJob,
          { deliveryId: String(delivery._id) },
          {
            jobId: `send-email.test.${delivery._id}.${attempt}`,
          },
        );
      }
    }

    // Assert
    for (const orgId of firstInLine) {
      const supplier = suppliers.find((s) => s.organisationId === orgId)!;
      await waitForMessages(supplier.email, {
        filter: (m) => m.subject.startsWith('Ditt företag har fått en plats'),
      });
    }
    await settle(ctx, 20_000, { outbox: false });
    for (const orgId of firstInLine) {
      const supplier = suppliers.find((s) => s.organisationId === orgId)!;
      const mails = (await messagesTo(supplier.email)).filter((m) =>
        m.subject.startsWith('Ditt företag har fått en plats'),
      );
      expect(mails).toHaveLength(1);
    }
  }, 120_000);
});
