import mongoose, { type Connection } from 'mongoose';
import type { Config } from '../config.js';

// Reject query selectors smuggled in as values ({"$gt": ""}) even if a schema lets one through.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);

export async function connectMongo(config: Pick<Config, 'MONGODB_URI' | 'MONGODB_DB'>): Promise<Connection> {
  const connection = mongoose.createConnection(config.MONGODB_URI, {
    dbName: config.MONGODB_DB,
    serverSelectionTimeoutMS: 5_000,
    // Our own indexes are created by syncIndexes at start-up, not lazily per model.
    autoIndex: false,
  });
  await connection.asPromise();
  return connection;
}

export async function mongoVersion(connection: Connection): Promise<string> {
  const db = connection.db;
  if (!db) throw new Error('MongoDB is not connected');
  const info = await db.admin().command({ buildInfo: 1 });
  return String(info.version);
}

/** An ObjectId from a validated 24-hex id (callers validate at the edge). */
export const oid = (id: string): mongoose.Types.ObjectId => new mongoose.Types.ObjectId(id);

/**
 * Marks a query operator as ours: the global `sanitizeFilter` would otherwise turn an operator
 * object (e.g. `{ $in: ids }`) into an `$eq` value.
 */
export const trusted = <T>(operator: T): T => mongoose.trusted(operator) as T;
