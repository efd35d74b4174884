import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import ical from 'node-ical';
import type supertest from 'supertest';
import { hashPassword } from '../../server/modules/accounts/passwords.js';
import { hashToken, newToken } from '../../server/modules/accounts/secrets.js';
import { sessionModel } from '../../server/modules/accounts/session.model.js';
import { userModel } from '../../server/modules/accounts/user.model.js';
import { matchModel } from '../../server/modules/matching/match.model.js';
import { createNeedsRepository } from '../../server/modules/needs/needs.repository.js';
import type { NewNeed } from '../../server/modules/needs/needs.types.js';
import { membershipModel } from '../../server/modules/organisations/membership.model.js';
import { generateSwedishOrgNumber } from '../../server/modules/organisations/org-number.js';
import { organisationModel } from '../../server/modules/organisations/organisation.model.js';
import { inTransaction } from '../../server/platform/outbox/outbox.js';
import { outboxModel } from '../../server/platform/outbox/outbox.model.js';
import type { TestContext } from './context.js';
import type { CaughtMessage } from './mail.js';

/**
 * Helpers for the meetings and Q&A tests: published needs, many supplier organisations at once
 * (bulk inserts plus Bearer sessions, so 200 suppliers take a fraction of a second), stored
 * matches, and parsing `.ics` attachments with a real iCal parser (node-ical).
 */

export interface TestNeed {
  id: string;
  title: string;
  networkId: string;
}

/** A published need of the network, written through the needs repository. */
export async function createPublishedNeed(
  ctx: TestContext,
  networkId: string,
  overrides: Partial<NewNeed> = {},
): Promise<TestNeed> {
  const needs = createNeedsRepository(ctx.deps.mongo);
  const title = overrides.title ?? `Fossilfri hemtjänst ${randomUUID().slice(0, 4)}`;
  const need = await inTransaction(ctx.deps.mongo, (tx) =>
    needs.create(
      {
        networkId,
        title,
        summary: 'Transporter i hemtjänsten utan fossila bränslen, med laddning vid arbetsplatsen.',
        cpvAll: [],
        regionsAll: [],
        status: 'published',
        publishedAt: new Date(),
        ...overrides,
      },
      tx,
    ),
  );
  return { id: need.id, title, networkId };
}

export interface TestSupplier {
  userId: string;
  email: string;
  organisationId: string;
  organisationName: string;
  orgNumber: string;
  token: string;
  /** Adds `Authorization: Bearer <token>`. */
  bearer: <T extends supertest.Test>(req: T) => T;
}

let passwordHash: Promise<string> | undefined;

/** `count` verified supplier organisations, each with one verified owner holding a Bearer session. */
export async function createSuppliers(
  ctx: TestContext,
  count: number,
  options: { language?: 'sv' | 'en'; status?: 'verified' | 'pending' } = {},
): Promise<TestSupplier[]> {
  passwordHash ??= hashPassword('Lingonsylt-och-kanelbulle-7');
  const hash = await passwordHash;
  const tag = randomUUID().slice(0, 6);
  const now = new Date();
  const users = await userModel(ctx.deps.mongo).insertMany(
    Array.from({ length: count }, (_, i) => ({
      email: `supplier-${tag}-${i}@test.behovstorget.se`,
      passwordHash: hash,
      emailVerifiedAt: now,
      language: options.language ?? 'sv',
      name: `Lev ${i}`,
    })),
  );
  const numbers = new Set<string>();
  while (numbers.size < count) numbers.add(generateSwedishOrgNumber(Math.random));
  const orgNumbers = [...numbers];
  const orgs = await organisationModel(ctx.deps.mongo).insertMany(
    orgNumbers.map((orgNumber, i) => ({
      kind: 'supplier',
      name: `Leverantör ${tag}-${i} AB`,
      country: 'SE',
      orgNumber,
      status: options.status ?? 'verified',
      ...(options.status === 'pending' ? {} : { verifiedAt: now }),
    })),
  );
  await membershipModel(ctx.deps.mongo).insertMany(
    users.map((u, i) => ({ userId: u._id, organisationId: orgs[i]!._id, role: 'owner' })),
  );
  const tokens = users.map(() => newToken());
  await sessionModel(ctx.deps.mongo).insertMany(
    users.map((u, i) => ({
      userId: u._id,
      tokenHash: hashToken(tokens[i]!),
      kind: 'bearer',
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + 24 * 3600 * 1000),
    })),
  );
  return users.map((u, i) => ({
    userId: String(u._id),
    email: u.email,
    organisationId: String(orgs[i]!._id),
    organisationName: orgs[i]!.name,
    orgNumber: orgNumbers[i]!,
    token: tokens[i]!,
    bearer: (req) => req.set('Authorization', `Bearer ${tokens[i]}`),
  }));
}

/** A stored match of a supplier organisation to a need, as the matcher writes it. */
export async function addMatch(ctx: TestContext, need: TestNeed, organisationId: string, score: number) {
  await matchModel(ctx.deps.mongo).create({
    needId: new mongoose.Types.ObjectId(need.id),
    supplierId: new mongoose.Types.ObjectId(organisationId),
    networkId: new mongoose.Types.ObjectId(need.networkId),
    score,
    parts: { cpv: score, region: 1, text: 0, completeness: 1 },
    weights: { cpv: 0.5, region: 0.2, text: 0.2, completeness: 0.1 },
    explanation: { sv: [], en: [] },
    needOpen: true,
  });
}

/**
 * Waits until the outbox is relayed (unless `outbox: false`: no relay runs) and no job is waiting
 * or running. Delayed jobs (reminders a day before a meeting) are not waited for.
 */
export async function settle(
  ctx: TestContext,
  timeoutMs = 20_000,
  options: { outbox?: boolean } = {},
): Promise<void> {
  const outbox = outboxModel(ctx.deps.mongo);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = options.outbox === false ? 0 : await outbox.countDocuments({ status: 'pending' });
    const counts = await Promise.all(
      ctx.deps.queues.all().map((q) => q.getJobCounts('waiting', 'active', 'prioritized')),
    );
    const busy = counts.reduce((sum, c) => sum + Object.values(c).reduce((a, b) => a + b, 0), 0);
    if (pending === 0 && busy === 0) return;
    if (Date.now() > deadline)
      throw new Error(`not settled after ${timeoutMs} ms: ${pending} outbox, ${busy} jobs`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface ParsedCalendar {
  method?: string;
  events: ical.VEvent[];
}

/** Parses iCalendar text with node-ical. */
export function parseCalendar(text: string): ParsedCalendar {
  const parsed = ical.sync.parseICS(text);
  const calendar = Object.values(parsed).find((c) => c?.type === 'VCALENDAR') as
    { method?: string } | undefined;
  const events = Object.values(parsed).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
  return { method: calendar?.method, events };
}

/** The `.ics` attachment of a caught message, parsed. */
export function icsOf(message: CaughtMessage): ParsedCalendar & { contentType: string } {
  const attachment = message.attachments.find(
    (a) => a.contentType.startsWith('text/calendar') || a.filename.endsWith('.ics'),
  );
  if (!attachment) throw new Error(`no .ics attachment in "${message.subject}"`);
  return {
    ...parseCalendar(Buffer.from(attachment.content, 'base64').toString('utf8')),
    contentType: attachment.contentType,
  };
}

/** A date `days` from now at 09:00 UTC (whole minutes, so iCal round-trips exactly). */
export function daysFromNow(days: number, hour = 9): Date {
  const d = new Date(Date.now() + days * 24 * 3600 * 1000);
  d.setUTCHours(hour, 0, 0, 0);
  return d;
}
