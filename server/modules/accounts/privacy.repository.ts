import mongoose, { type ClientSession, type Connection } from 'mongoose';
import { auditModel } from '../audit/audit.model.js';
import { deliveryModel } from '../notifications/delivery.model.js';

/** Keys in stored email data that carry secrets (links with tokens): never exported. */
const SECRET_KEYS = new Set(['token', 'url', 'link']);

function redact(data: unknown): unknown {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data;
  return Object.fromEntries(Object.entries(data).filter(([k]) => !SECRET_KEYS.has(k)));
}

/**
 * What other platform modules (audit log, email deliveries) hold about a user, read and
 * scrubbed for the data-rights endpoints. The one place in accounts that touches their models.
 */
export interface PrivacyRepository {
  auditEntriesAbout(userId: string, email: string): Promise<Record<string, unknown>[]>;
  deliveriesTo(userId: string, email: string): Promise<Record<string, unknown>[]>;
  /**
   * Drops the email address from the audit log (entries keep the user id) and from email
   * deliveries (whose data is emptied; unsent ones are cancelled).
   */
  scrub(userId: string, email: string, tx: ClientSession): Promise<void>;
}

export function createPrivacyRepository(connection: Connection): PrivacyRepository {
  const audit = auditModel(connection);
  const deliveries = deliveryModel(connection);
  const aboutUser = (userId: string, email: string) => ({
    $or: [{ actorId: userId }, { targetType: 'user', targetId: userId }, { actorEmail: email }],
  });
  return {
    async auditEntriesAbout(userId, email) {
      const docs = await audit.find(aboutUser(userId, email)).sort({ createdAt: -1 }).limit(10_000).lean();
      return docs.map(({ _id, __v: _v, ...rest }) => ({ id: String(_id), ...rest }));
    },
    async deliveriesTo(userId, email) {
      const docs = await deliveries
        .find({ $or: [{ userId }, { to: email }] })
        .sort({ createdAt: -1 })
        .limit(10_000)
        .lean();
      return docs.map(({ _id, __v: _v, data, key: _key, messageId: _m, ...rest }) => ({
        id: String(_id),
        ...rest,
        data: redact(data),
      }));
    },
    async scrub(userId, email, tx) {
      await audit.updateMany(
        aboutUser(userId, email),
        { $unset: { actorEmail: 1, 'details.email': 1 } },
        { session: tx },
      );
      const mine = { $or: [{ userId }, { to: email }] };
      await deliveries.updateMany(
        { ...mine, status: mongoose.trusted({ $in: ['pending', 'sending'] }) },
        { $set: { status: 'failed', permanent: true, lastError: 'account deleted' } },
        { session: tx },
      );
      await deliveries.updateMany(
        mine,
        { $set: { to: `deleted-${userId}@deleted.invalid`, data: {} } },
        { session: tx },
      );
    },
  };
}
