import mongoose, { type ClientSession, type Connection } from 'mongoose';
import { sessionModel, type SessionDoc } from './session.model.js';

export type SessionKind = 'cookie' | 'bearer';

export interface Session {
  id: string;
  userId: string;
  kind: SessionKind;
  csrfHash?: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent?: string;
  ip?: string;
  revokedAt?: Date;
}

export interface NewSession {
  userId: string;
  tokenHash: string;
  kind: SessionKind;
  csrfHash?: string;
  expiresAt: Date;
  userAgent?: string;
  ip?: string;
}

export interface SessionsRepository {
  create(session: NewSession): Promise<Session>;
  /** The session with this token hash if it is neither revoked nor expired. */
  findActiveByTokenHash(tokenHash: string, now: Date): Promise<Session | undefined>;
  /** Updates lastSeenAt unless it was updated less than `minIntervalMs` ago. */
  touch(id: string, now: Date, minIntervalMs: number): Promise<void>;
  listActive(userId: string, now: Date): Promise<Session[]>;
  /** Revokes one of the user's sessions; false if there is no such active session. */
  revoke(userId: string, sessionId: string, now: Date): Promise<boolean>;
  /** Revokes every active session of the user except `keepId`; returns how many. */
  revokeAll(userId: string, now: Date, options?: { keepId?: string; tx?: ClientSession }): Promise<number>;
  /** Every session of the user, revoked and expired ones included (for the export). */
  listAll(userId: string): Promise<Session[]>;
}

function toSession(doc: SessionDoc): Session {
  return {
    id: String(doc._id),
    userId: String(doc.userId),
    kind: doc.kind,
    csrfHash: doc.csrfHash ?? undefined,
    createdAt: doc.createdAt,
    lastSeenAt: doc.lastSeenAt,
    expiresAt: doc.expiresAt,
    userAgent: doc.userAgent ?? undefined,
    ip: doc.ip ?? undefined,
    revokedAt: doc.revokedAt ?? undefined,
  };
}

const notRevoked = () => mongoose.trusted({ $exists: false });

export function createSessionsRepository(connection: Connection): SessionsRepository {
  const model = sessionModel(connection);
  return {
    async create(session) {
      const now = new Date();
      const doc = await model.create({ ...session, lastSeenAt: now });
      return toSession(doc.toObject());
    },
    async findActiveByTokenHash(tokenHash, now) {
      const doc = await model
        .findOne({ tokenHash, revokedAt: notRevoked(), expiresAt: mongoose.trusted({ $gt: now }) })
        .lean<SessionDoc>();
      return doc ? toSession(doc) : undefined;
    },
    async touch(id, now, minIntervalMs) {
      await model.updateOne(
        { _id: id, lastSeenAt: mongoose.trusted({ $lt: new Date(now.getTime() - minIntervalMs) }) },
        { $set: { lastSeenAt: now } },
      );
    },
    async listActive(userId, now) {
      const docs = await model
        .find({ userId, revokedAt: notRevoked(), expiresAt: mongoose.trusted({ $gt: now }) })
        .sort({ lastSeenAt: -1 })
        .lean<SessionDoc[]>();
      return docs.map(toSession);
    },
    async revoke(userId, sessionId, now) {
      if (!mongoose.isValidObjectId(sessionId)) return false;
      const result = await model.updateOne(
        { _id: sessionId, userId, revokedAt: notRevoked(), expiresAt: mongoose.trusted({ $gt: now }) },
        { $set: { revokedAt: now } },
      );
      return result.modifiedCount === 1;
    },
    async revokeAll(userId, now, { keepId, tx } = {}) {
      const filter: Record<string, unknown> = { userId, revokedAt: notRevoked() };
      if (keepId) filter._id = mongoose.trusted({ $ne: keepId });
      const result = await model.updateMany(filter, { $set: { revokedAt: now } }, tx ? { session: tx } : {});
      return result.modifiedCount;
    },
    async listAll(userId) {
      const docs = await model.find({ userId }).sort({ createdAt: -1 }).lean<SessionDoc[]>();
      return docs.map(toSession);
    },
  };
}
