import mongoose, { type ClientSession, type Connection } from 'mongoose';
import type { Outbox } from '../../platform/outbox/outbox.js';
import { deliveryModel } from './delivery.model.js';
import { EMAIL_REQUESTED, EMAILS_REQUESTED } from './email.jobs.js';
import type { TemplateName } from './templates/index.js';

export interface EmailRequest {
  /** Idempotency key: recipient + event, e.g. `verify-email.<userId>.<tokenId>`. */
  key: string;
  to: string;
  userId?: string;
  template: TemplateName;
  locale: 'sv' | 'en';
  data: Record<string, unknown>;
}

export interface EmailService {
  /**
   * Records the email and its outbox event in the caller's transaction; the workers send it.
   * A request whose key already exists is ignored, so repeating an event mails nobody twice.
   */
  queue(session: ClientSession, requests: EmailRequest[], options?: QueueOptions): Promise<number>;
}

export interface QueueOptions {
  /**
   * Record one outbox event per this many deliveries instead of one each (for fan-outs: the
   * relay writes once per event, so 5,000 emails are 50 events, not 5,000).
   */
  batch?: number;
}

export function createEmailService(deps: { mongo: Connection; outbox: Outbox }): EmailService {
  const deliveries = deliveryModel(deps.mongo);
  return {
    async queue(session, requests, options = {}) {
      if (requests.length === 0) return 0;
      const keys = requests.map((r) => r.key);
      const existing = new Set(
        // trusted(): the global sanitizeFilter would otherwise turn the operator into an $eq value.
        (await deliveries.find({ key: mongoose.trusted({ $in: keys }) }, { key: 1 }, { session }).lean()).map(
          (d) => d.key,
        ),
      );
      const fresh = requests.filter((r, i) => !existing.has(r.key) && keys.indexOf(r.key) === i);
      if (fresh.length === 0) return 0;
      const created = await deliveries.insertMany(
        fresh.map((r) => ({ ...r, to: r.to.toLowerCase() })),
        { session, ordered: true },
      );
      const ids = created.map((d) => String(d._id));
      if (options.batch && options.batch > 1) {
        const events = [];
        for (let i = 0; i < ids.length; i += options.batch) {
          events.push({ type: EMAILS_REQUESTED, payload: { deliveryIds: ids.slice(i, i + options.batch) } });
        }
        await deps.outbox.record(session, events);
      } else {
        await deps.outbox.record(
          session,
          ids.map((deliveryId) => ({ type: EMAIL_REQUESTED, payload: { deliveryId } })),
        );
      }
      return created.length;
    },
  };
}
