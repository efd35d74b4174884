import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Connection, Types } from 'mongoose';
import type { Config } from '../../config.js';
import type { Logger } from '../../platform/logger.js';
import { isDatabaseUnavailable } from '../../platform/http/service-unavailable.js';
import { createCommitMarker } from './commit-marker.js';
import { deliveryModel } from './delivery.model.js';
import { createSmtpClient, type SmtpClient, type SmtpError } from './smtp-client.js';
import { renderTemplate, type TemplateRegistry } from './templates/index.js';
import { trusted } from '../../platform/mongo.js';

/**
 * Sends one recorded delivery at most once, and never leaves one unsent.
 *
 * The order of writes is what makes a crash safe:
 *  1. claim:   pending → sending (owner = this process)          [MongoDB]
 *  2. our own SMTP transaction (smtp-client.ts): MAIL, RCPT, DATA, the body, the final "."
 *  3. mark:    sending → committing, written to MongoDB's socket (a connection of our own,
 *              commit-marker.ts) synchronously right after the "." was handed to the kernel
 *  4. on 250:  committing → sent                                  [MongoDB]
 *
 * A process that dies before the "." reached the kernel leaves `sending`: the server has no
 * complete message and throws what it got away (RFC 5321 §4.1.1.4), so the delivery goes back to
 * pending and is sent again — also when the server stalled before or after its 354. Once the "."
 * is in the kernel's socket buffer it reaches the server even if the process dies at once, and so
 * does the mark once it is in the MongoDB socket's buffer: a process that dies after that leaves
 * `committing`, which counts as sent (marked `uncertain`: the server had the whole message but
 * its answer was not seen), as RFC 1047 recommends to avoid duplicates. No window is left in which
 * a crash loses a message; the one in which it duplicates one is the few microseconds between the
 * two socket writes (or the driver's asynchronous path where our own connection cannot be used;
 * see the README's delivery decision). An admin sees
 * `uncertain` deliveries and can resend them from the operations API.
 *
 * The writes after the SMTP exchange wait out a MongoDB without a primary (an election) rather
 * than give up, so a failover never leaves a claim behind under a living worker.
 *
 * Whether a claim's owner is dead is told by its heartbeat (every 5 s in `worker_heartbeats`),
 * so recovery after a crash takes seconds, not a long lease.
 */
export interface DeliverySender {
  readonly owner: string;
  send(deliveryId: string): Promise<SendResult>;
  /** Resolves claims of dead owners; returns the ids that are pending again (to be re-queued). */
  reconcile(): Promise<{ requeue: string[]; assumedSent: number }>;
  /** Pending deliveries untouched for `quietMs` (their job may be gone: failed for good, or Redis lost it). */
  quietPending(quietMs: number, limit?: number): Promise<string[]>;
  stop(): void;
}

export type SendResult =
  | { sent: true; uncertain?: boolean }
  | { skipped: string }
  | { busy: true }
  | { failed: 'permanent' | 'render'; message: string };

export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

export const HEARTBEAT_MS = 5_000;
/** An owner whose heartbeat is older than this is dead. */
export const DEAD_AFTER_MS = 15_000;
/** A claim older than this is released even if its owner still beats (a send that hangs). */
const STUCK_AFTER_MS = 10 * 60_000;
/** After this many attempts a delivery is failed for an admin to look at, not retried forever. */
export const MAX_ATTEMPTS = 25;
/** How long a delivery's state write waits out a MongoDB without a primary. */
const PERSIST_FOR_MS = 120_000;

export function createDeliverySender(deps: {
  mongo: Connection;
  logger: Logger;
  config: Pick<Config, 'PUBLIC_BASE_URL' | 'SMTP_URL' | 'MAIL_FROM'>;
  /** Every email by name (server/email-templates.ts). */
  templates: TemplateRegistry;
  /** Defaults to a client for `SMTP_URL`. */
  smtp?: SmtpClient;
}): DeliverySender {
  const deliveries = deliveryModel(deps.mongo);
  const heartbeats = deps.mongo.collection<{ _id: string; seenAt: Date }>('worker_heartbeats');
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const baseUrl = deps.config.PUBLIC_BASE_URL.replace(/\/$/, '');
  const host = new URL(baseUrl).hostname;
  const smtp = deps.smtp ?? createSmtpClient(deps.config);
  const marker = createCommitMarker(deps.mongo, deps.logger);
  /** Deliveries this process is sending right now. */
  const inFlight = new Set<string>();
  let stopped = false;

  /**
   * A write that must land: while MongoDB has no primary (an election, a lost connection) it is
   * tried again with backoff for up to PERSIST_FOR_MS, so a failover does not strand a claim.
   */
  async function persist<T>(write: () => Promise<T>): Promise<T> {
    const until = Date.now() + PERSIST_FOR_MS;
    for (let wait = 100; ; wait = Math.min(wait * 2, 2_000)) {
      try {
        return await write();
      } catch (err) {
        if (stopped || !isDatabaseUnavailable(err) || Date.now() + wait > until) throw err;
        deps.logger.warn({ err }, 'MongoDB unavailable; the delivery write is tried again');
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  const beat = () =>
    heartbeats
      .updateOne({ _id: owner }, { $set: { seenAt: new Date() } }, { upsert: true })
      .catch((err: unknown) => deps.logger.warn({ err }, 'heartbeat not written'));
  let beating: Promise<unknown> = beat();
  const timer = setInterval(() => {
    beating = beat();
  }, HEARTBEAT_MS);
  timer.unref();

  async function deadOwners(owners: string[]): Promise<Set<string>> {
    const unique = [...new Set(owners.filter((o) => o && o !== owner))];
    if (unique.length === 0) return new Set();
    const alive = await heartbeats
      .find(
        { _id: { $in: unique }, seenAt: { $gte: new Date(Date.now() - DEAD_AFTER_MS) } },
        { projection: { _id: 1 } },
      )
      .toArray();
    const living = new Set(alive.map((h) => h._id));
    return new Set(unique.filter((o) => !living.has(o)));
  }

  /** Takes a claim over from a dead (or stuck) owner: sending → claim again; committing → sent. */
  async function takeOver(id: Types.ObjectId | string, current: { status: string; owner?: string | null }) {
    if (current.status === 'committing') {
      await deliveries.updateOne(
        { _id: id, status: 'committing', owner: current.owner },
        { $set: { status: 'sent', sentAt: new Date(), uncertain: true } },
      );
      return 'assumed-sent' as const;
    }
    const res = await deliveries.updateOne(
      { _id: id, status: 'sending', owner: current.owner },
      { $set: { status: 'pending', lastError: `released from ${current.owner ?? 'an unknown worker'}` } },
    );
    return res.modifiedCount === 1 ? ('released' as const) : ('lost-race' as const);
  }

  async function claim(deliveryId: string) {
    return deliveries
      .findOneAndUpdate(
        { _id: deliveryId, status: 'pending' },
        { $set: { status: 'sending', sendingAt: new Date(), owner }, $inc: { attempts: 1 } },
        { returnDocument: 'after' },
      )
      .lean();
  }

  async function send(deliveryId: string): Promise<SendResult> {
    // One attempt per delivery in this process at a time: a second job for the same delivery
    // here waits its turn, and an own claim with no attempt in flight is known to be stale.
    if (inFlight.has(deliveryId)) return { busy: true };
    inFlight.add(deliveryId);
    try {
      return await attempt(deliveryId);
    } finally {
      inFlight.delete(deliveryId);
    }
  }

  async function attempt(deliveryId: string): Promise<SendResult> {
    await beating;
    let claimed = await claim(deliveryId);
    if (!claimed) {
      const current = await deliveries.findById(deliveryId, { status: 1, owner: 1, sendingAt: 1 }).lean();
      if (!current) return { skipped: 'missing' };
      if (current.status !== 'sending' && current.status !== 'committing') return { skipped: current.status };
      const stuck = (current.sendingAt?.getTime() ?? 0) < Date.now() - STUCK_AFTER_MS;
      const dead = current.owner ? (await deadOwners([current.owner])).has(current.owner) : true;
      // Our own claim with no send of ours in flight: an earlier attempt here could not record
      // its outcome (MongoDB was away for longer than PERSIST_FOR_MS); settled like a dead one's.
      const ownStale = current.owner === owner;
      if (!ownStale && !dead && !stuck) return { busy: true };
      const outcome = await takeOver(current._id, current);
      if (outcome === 'assumed-sent') return { sent: true, uncertain: true };
      claimed = await claim(deliveryId);
      if (!claimed) return { busy: true };
    }
    if (claimed.attempts > MAX_ATTEMPTS) {
      await deliveries.updateOne(
        { _id: deliveryId, owner },
        {
          $set: {
            status: 'failed',
            permanent: false,
            lastError: `gave up after ${MAX_ATTEMPTS} attempts: ${claimed.lastError ?? ''}`,
          },
        },
      );
      return { failed: 'permanent', message: 'too many attempts' };
    }
    let rendered;
    try {
      rendered = renderTemplate(
        deps.templates,
        claimed.template,
        claimed.data as Record<string, unknown>,
        claimed.locale ?? 'sv',
        { baseUrl },
      );
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await deliveries.updateOne(
        { _id: deliveryId, owner },
        { $set: { status: 'failed', permanent: true, lastError: message } },
      );
      return { failed: 'render', message };
    }
    const messageId = `<${deliveryId}@${host}>`;
    let mark: Promise<unknown> | undefined;
    const markFilter = { _id: claimed._id, status: 'sending', owner };
    const markUpdate = { $set: { status: 'committing' } };
    const driverMark = () =>
      persist(() => deliveries.collection.updateOne(markFilter, markUpdate)).then(() => undefined);
    // Serialised now, so that the "." and the mark are a few microseconds apart (commit-marker.ts).
    const prepared = (await marker.ready())
      ? marker.prepare(deliveries.collection.collectionName, markFilter, markUpdate)
      : undefined;
    try {
      await smtp.send(
        {
          to: claimed.to,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          headers: rendered.headers,
          attachments: rendered.attachments,
          // Stable per delivery: receiving systems can spot a copy, and admins can trace it.
          messageId,
        },
        () => {
          // Called synchronously as the "." enters the kernel; the mark follows it on the next
          // line. If our own connection cannot take it, the driver writes it (and retries).
          const fast = prepared?.write();
          mark = fast
            ? fast.catch((err: unknown) => {
                deps.logger.warn({ err, deliveryId }, 'delivery mark written again through the driver');
                return driverMark();
              })
            : driverMark();
        },
      );
      await mark;
      await persist(() =>
        deliveries.updateOne(
          { _id: deliveryId, owner },
          { $set: { status: 'sent', sentAt: new Date(), messageId }, $unset: { lastError: 1 } },
        ),
      );
      return { sent: true };
    } catch (err) {
      await mark?.catch(() => undefined);
      const responseCode = (err as SmtpError).responseCode;
      const message = err instanceof Error ? err.message : String(err);
      if (responseCode && responseCode >= 500 && responseCode < 600) {
        await persist(() =>
          deliveries.updateOne(
            { _id: deliveryId, owner },
            { $set: { status: 'failed', permanent: true, lastError: message, responseCode } },
          ),
        );
        return { failed: 'permanent', message };
      }
      if (mark && !responseCode) {
        // The final "." was written but no answer came: the server most likely has it.
        await persist(() =>
          deliveries.updateOne(
            { _id: deliveryId, owner, status: trusted({ $in: ['sending', 'committing'] }) },
            { $set: { status: 'sent', sentAt: new Date(), uncertain: true, lastError: message } },
          ),
        );
        return { sent: true, uncertain: true };
      }
      // No "." yet, or the server answered it with a temporary refusal: it does not have the
      // message, so it is sent again.
      await persist(() =>
        deliveries.updateOne(
          { _id: deliveryId, owner, status: trusted({ $in: ['sending', 'committing'] }) },
          { $set: { status: 'pending', lastError: message, ...(responseCode ? { responseCode } : {}) } },
        ),
      );
      throw err;
    }
  }

  return {
    owner,
    send,
    async reconcile() {
      const claims = await deliveries
        .find({ status: trusted({ $in: ['sending', 'committing'] }) }, { status: 1, owner: 1, sendingAt: 1 })
        .limit(5_000)
        .lean();
      const dead = await deadOwners(claims.map((c) => c.owner ?? ''));
      const stuckBefore = Date.now() - STUCK_AFTER_MS;
      const requeue: string[] = [];
      let assumedSent = 0;
      for (const c of claims) {
        const orphan = !c.owner || dead.has(c.owner) || (c.sendingAt?.getTime() ?? 0) < stuckBefore;
        if (!orphan || c.owner === owner) continue;
        const outcome = await takeOver(c._id, c);
        if (outcome === 'released') requeue.push(String(c._id));
        if (outcome === 'assumed-sent') assumedSent += 1;
      }
      return { requeue, assumedSent };
    },
    async quietPending(quietMs, limit = 5_000) {
      const rows = await deliveries
        .find({ status: 'pending', updatedAt: trusted({ $lt: new Date(Date.now() - quietMs) }) }, { _id: 1 })
        .limit(limit)
        .lean();
      return rows.map((d) => String(d._id));
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      smtp.close();
      marker.close();
    },
  };
}
