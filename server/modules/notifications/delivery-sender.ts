import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import mongoose, { type Connection } from 'mongoose';
import type { Config } from '../../config.js';
import type { Logger } from '../../platform/logger.js';
import { deliveryModel } from './delivery.model.js';
import { createSmtpClient, type SmtpClient, type SmtpError } from './smtp-client.js';
import { renderTemplate } from './templates/index.js';

/**
 * Sends one recorded delivery at most once, and never leaves one unsent.
 *
 * The order of writes is what makes a crash safe:
 *  1. claim:   pending → sending (owner = this process)          [MongoDB]
 *  2. our own SMTP transaction (smtp-client.ts): MAIL, RCPT, DATA; after the server's 354 the
 *     whole body is written until it has left this process; the server has all but the "."
 *  3. commit:  sending → committing                               [MongoDB]
 *  4. write the final "." (the SMTP server accepts the message on it)
 *  5. on 250:  committing → sent                                  [MongoDB]
 *
 * A process that dies in 1–3 left a `sending` claim: the server never got the final "." and
 * threw the message away (RFC 5321 §4.1.1.4), so the delivery goes back to pending and is sent
 * again — also when the server stalled before or after its 354. A process that dies in 4–5 left
 * `committing`: the server had the final "." (or gets it from the kernel's socket buffer as the
 * process dies), so the delivery counts as sent (marked `uncertain`), as RFC 1047 recommends to
 * avoid duplicates. The window for `uncertain` is the server's reply time to the "."; the one
 * residual loss window is between MongoDB applying step 3 and the "." being written to the
 * socket (the acknowledgement's trip back plus a few event-loop ticks; step 3 is acknowledged on
 * apply, without waiting for the journal, to keep it short). Both are visible to admins
 * (sent + uncertain), who can resend from the operations API.
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

const trusted = <T>(v: T) => mongoose.trusted(v) as T;

export function createDeliverySender(deps: {
  mongo: Connection;
  logger: Logger;
  config: Pick<Config, 'PUBLIC_BASE_URL' | 'SMTP_URL' | 'MAIL_FROM'>;
  /** Defaults to a client for `SMTP_URL`. */
  smtp?: SmtpClient;
}): DeliverySender {
  const deliveries = deliveryModel(deps.mongo);
  const heartbeats = deps.mongo.collection<{ _id: string; seenAt: Date }>('worker_heartbeats');
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const baseUrl = deps.config.PUBLIC_BASE_URL.replace(/\/$/, '');
  const host = new URL(baseUrl).hostname;
  const smtp = deps.smtp ?? createSmtpClient(deps.config);

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
  async function takeOver(
    id: mongoose.Types.ObjectId | string,
    current: { status: string; owner?: string | null },
  ) {
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
    await beating;
    let claimed = await claim(deliveryId);
    if (!claimed) {
      const current = await deliveries.findById(deliveryId, { status: 1, owner: 1, sendingAt: 1 }).lean();
      if (!current) return { skipped: 'missing' };
      if (current.status !== 'sending' && current.status !== 'committing') return { skipped: current.status };
      const stuck = (current.sendingAt?.getTime() ?? 0) < Date.now() - STUCK_AFTER_MS;
      const dead = current.owner ? (await deadOwners([current.owner])).has(current.owner) : true;
      if (current.owner === owner || (!dead && !stuck)) return { busy: true };
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
    let committed = false;
    const messageId = `<${deliveryId}@${host}>`;
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
        async () => {
          // Acknowledged on apply (w:1, no journal wait): the shorter this write's round trip,
          // the shorter the window in which a crash leaves `committing` without the "." sent.
          // Should MongoDB itself crash before journaling it, the claim reads `sending` again
          // and the message is resent (a duplicate, never a loss).
          const res = await deliveries.updateOne(
            { _id: deliveryId, status: 'sending', owner },
            { $set: { status: 'committing' } },
            { writeConcern: { w: 1, j: false } },
          );
          if (res.modifiedCount !== 1) throw new Error(`lost the claim on delivery ${deliveryId}`);
          committed = true;
        },
      );
      await deliveries.updateOne(
        { _id: deliveryId, owner },
        { $set: { status: 'sent', sentAt: new Date(), messageId }, $unset: { lastError: 1 } },
      );
      return { sent: true };
    } catch (err) {
      const responseCode = (err as SmtpError).responseCode;
      const message = err instanceof Error ? err.message : String(err);
      if (responseCode && responseCode >= 500 && responseCode < 600) {
        await deliveries.updateOne(
          { _id: deliveryId, owner },
          { $set: { status: 'failed', permanent: true, lastError: message, responseCode } },
        );
        return { failed: 'permanent', message };
      }
      if (committed && !responseCode) {
        // The final "." was written but no answer came: the server most likely has it.
        await deliveries.updateOne(
          { _id: deliveryId, owner, status: 'committing' },
          { $set: { status: 'sent', sentAt: new Date(), uncertain: true, lastError: message } },
        );
        return { sent: true, uncertain: true };
      }
      // No "." yet, or the server answered it with a temporary refusal: it does not have the
      // message, so it is sent again.
      await deliveries.updateOne(
        { _id: deliveryId, owner, status: trusted({ $in: ['sending', 'committing'] }) },
        { $set: { status: 'pending', lastError: message, ...(responseCode ? { responseCode } : {}) } },
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
      clearInterval(timer);
      smtp.close();
    },
  };
}
