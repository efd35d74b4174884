import mongoose, { type ClientSession, type Connection } from 'mongoose';
import type { Outbox } from '../../platform/outbox/outbox.js';
import { deliveryModel } from './delivery.model.js';
import { EMAIL_REQUESTED } from './email.jobs.js';
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
  queue(session: ClientSession, requests: EmailRequest[]): Promise<number>;
}

export function createEmailService(deps: { mongo: Connection; outbox: Outbox }): EmailService {
  const deliveries = deliveryModel(deps.mongo);
  return {
    async queue(session, requests) {
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
      await deps.outbox.record(
        session,
        created.map((d) => ({ type: EMAIL_REQUESTED, payload: { deliveryId: String(d._id) } })),
      );
      return created.length;
    },
  };
}
