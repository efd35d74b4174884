import mongoose, { type ClientSession, type Connection } from 'mongoose';
import { accountTokenModel, type AccountTokenDoc, type TokenPurpose } from './token.model.js';

export interface TokensRepository {
  create(
    token: { userId: string; purpose: TokenPurpose; tokenHash: string; expiresAt: Date },
    tx?: ClientSession,
  ): Promise<{ id: string }>;
  /**
   * Marks the token used and returns its user id, atomically: of two concurrent uses only one
   * succeeds. Undefined when the token is unknown, used or expired.
   */
  consume(
    purpose: TokenPurpose,
    tokenHash: string,
    now: Date,
    tx?: ClientSession,
  ): Promise<{ userId: string } | undefined>;
  /** Retires the user's unused tokens of one purpose (a newer one replaces them). */
  retireAll(userId: string, purpose: TokenPurpose, now: Date, tx?: ClientSession): Promise<void>;
  deleteAllFor(userId: string, tx: ClientSession): Promise<void>;
}

export function createTokensRepository(connection: Connection): TokensRepository {
  const model = accountTokenModel(connection);
  const opts = (tx?: ClientSession) => (tx ? { session: tx } : {});
  return {
    async create(token, tx) {
      const [doc] = await model.create([token], opts(tx));
      return { id: String(doc!._id) };
    },
    async consume(purpose, tokenHash, now, tx) {
      const doc = await model
        .findOneAndUpdate(
          {
            tokenHash,
            purpose,
            usedAt: mongoose.trusted({ $exists: false }),
            expiresAt: mongoose.trusted({ $gt: now }),
          },
          { $set: { usedAt: now } },
          { returnDocument: 'after', ...opts(tx) },
        )
        .lean<AccountTokenDoc>();
      return doc ? { userId: String(doc.userId) } : undefined;
    },
    async retireAll(userId, purpose, now, tx) {
      await model.updateMany(
        { userId, purpose, usedAt: mongoose.trusted({ $exists: false }) },
        { $set: { usedAt: now } },
        opts(tx),
      );
    },
    async deleteAllFor(userId, tx) {
      await model.deleteMany({ userId }, { session: tx });
    },
  };
}
