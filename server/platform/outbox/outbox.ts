import type { ClientSession, Connection } from 'mongoose';
import { outboxModel } from './outbox.model.js';

export interface OutboxEventInput {
  type: string;
  payload: Record<string, string | number | boolean | null | string[]>;
  /** Dedupe key, e.g. `need.published.<id>.<version>`. */
  key?: string;
}

export interface Outbox {
  /** Records events inside the caller's transaction. */
  record(session: ClientSession, events: OutboxEventInput[]): Promise<void>;
}

export function createOutbox(connection: Connection): Outbox {
  const model = outboxModel(connection);
  return {
    async record(session, events) {
      if (events.length === 0) return;
      await model.insertMany(events, { session, ordered: true });
    },
  };
}

/**
 * Runs `work` in a MongoDB transaction (retried on transient errors by the driver), so a
 * state change and its outbox events are written together or not at all.
 */
export async function inTransaction<T>(
  connection: Connection,
  work: (session: ClientSession) => Promise<T>,
): Promise<T> {
  const session = await connection.startSession();
  try {
    let result!: T;
    await session.withTransaction(async () => {
      result = await work(session);
    });
    return result;
  } finally {
    await session.endSession();
  }
}
