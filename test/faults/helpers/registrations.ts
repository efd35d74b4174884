import mongoose from 'mongoose';
import { loginAs } from '../../helpers/auth.js';
import type { TestContext } from '../../helpers/context.js';
import { createNetwork, createOrganisation } from '../../helpers/factories.js';
import {
  createPublishedNeed,
  createSuppliers,
  daysFromNow,
  type TestSupplier,
} from '../../helpers/meetings.js';
import { meetingModel, registrationModel } from '../../../server/modules/meetings/meeting.model.js';
import { deliveryModel } from '../../../server/modules/notifications/delivery.model.js';
import type { CountingSink } from './smtp-sink.js';

/**
 * A meeting of capacity 20 created through one API process, and `suppliers` supplier
 * organisations with Bearer sessions, for the registration scenarios over several APIs.
 */
export interface RegistrationScenario {
  meetingId: string;
  suppliers: TestSupplier[];
}

export async function prepareMeeting(
  ctx: TestContext,
  apiUrl: string,
  suppliers: number,
): Promise<RegistrationScenario> {
  const kommun = await createOrganisation(ctx);
  const network = await createNetwork(ctx, { coordinator: kommun });
  const coordinator = await loginAs(ctx, kommun.owner);
  const need = await createPublishedNeed(ctx, network.id);
  const res = await fetch(`${apiUrl}/api/needs/${need.id}/meetings`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${coordinator.token}` },
    body: JSON.stringify({
      kind: 'information_meeting',
      title: 'Informationsmöte',
      format: 'in_person',
      address: 'Stadshuset',
      startsAt: daysFromNow(14).toISOString(),
      endsAt: daysFromNow(14, 11).toISOString(),
      capacity: 20,
    }),
  });
  if (res.status !== 201) throw new Error(`creating the meeting answered ${res.status}: ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  return { meetingId: id, suppliers: await createSuppliers(ctx, suppliers) };
}

export interface Answer {
  status: number;
  body: { status?: string; error?: { code?: string } };
}

/** One HTTP call to an API process; a refused connection counts as status 0. */
export async function call(url: string, method: string, token: string): Promise<Answer> {
  try {
    const res = await fetch(url, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      ...(method === 'POST' ? { body: '{}' } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Answer['body']) : {} };
  } catch {
    return { status: 0, body: {} };
  }
}

export async function registrationState(ctx: TestContext, meetingId: string) {
  const rows = await registrationModel(ctx.deps.mongo)
    .find({ meetingId: new mongoose.Types.ObjectId(meetingId) })
    .lean();
  const meeting = await meetingModel(ctx.deps.mongo).findById(meetingId).lean();
  return {
    rows,
    registered: rows.filter((r) => r.status === 'registered').length,
    waitlisted: rows.filter((r) => r.status === 'waitlisted').length,
    cancelled: rows.filter((r) => r.status === 'cancelled').length,
    confirmedCount: meeting?.confirmedCount,
  };
}

/**
 * Every delivery recorded in MongoDB against what the SMTP sink received, per address: `lost`
 * were recorded (and not failed) but never arrived, `duplicated` arrived more often than recorded.
 */
export async function compareWithSink(ctx: TestContext, sink: CountingSink) {
  const deliveries = await deliveryModel(ctx.deps.mongo).find({}, { to: 1, status: 1, key: 1 }).lean();
  const recorded = new Map<string, number>();
  for (const d of deliveries) {
    if (d.status === 'failed') continue;
    const to = d.to.toLowerCase();
    recorded.set(to, (recorded.get(to) ?? 0) + 1);
  }
  let lost = 0;
  let duplicated = 0;
  for (const address of new Set([...recorded.keys(), ...sink.perRecipient.keys()])) {
    const want = recorded.get(address) ?? 0;
    const got = sink.perRecipient.get(address) ?? 0;
    if (got < want) lost += want - got;
    if (got > want) duplicated += got - want;
  }
  return { deliveries: deliveries.length, lost, duplicated };
}
