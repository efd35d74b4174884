import { Binary, type Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import type { DocumentKind } from './types.js';

/**
 * One stored vector per need or profile, keyed `need:<id>` / `supplier:<id>`, with the hash of
 * the text it was computed from. Float32 in a Binary: 1.5 kB for 384 dimensions instead of
 * ~5 kB as a BSON array of doubles, which matters at 100,000 profiles.
 */
export interface StoredEmbedding {
  _id: string;
  kind: DocumentKind;
  hash: string;
  model: string;
  vector: Binary;
  embeddedAt: Date;
}

export interface EmbeddingsRepository {
  /** Hash and model by id, for the ids that have a vector. */
  hashes(kind: DocumentKind, ids: string[]): Promise<Map<string, { hash: string; model: string }>>;
  vectors(kind: DocumentKind, ids: string[], model: string): Promise<Map<string, number[]>>;
  save(
    kind: DocumentKind,
    rows: { id: string; hash: string; vector: number[] }[],
    model: string,
  ): Promise<void>;
}

const key = (kind: DocumentKind, id: string) => `${kind}:${id}`;

export function toBinary(vector: number[]): Binary {
  return new Binary(Buffer.from(new Float32Array(vector).buffer));
}

export function fromBinary(b: Binary): number[] {
  // A copy: the driver's bytes may sit at any offset of a shared buffer, a Float32Array needs 4.
  const bytes = new Uint8Array(b.buffer);
  return Array.from(new Float32Array(bytes.buffer, 0, bytes.byteLength / 4));
}

export function createEmbeddingsRepository(mongo: Connection): EmbeddingsRepository {
  const collection = (): Collection<StoredEmbedding> => mongo.collection<StoredEmbedding>('embeddings');
  return {
    async hashes(kind, ids) {
      if (ids.length === 0) return new Map();
      const rows = await collection()
        .find({ _id: { $in: ids.map((id) => key(kind, id)) } }, { projection: { hash: 1, model: 1 } })
        .toArray();
      return new Map(rows.map((r) => [r._id.slice(kind.length + 1), { hash: r.hash, model: r.model }]));
    },
    async vectors(kind, ids, model) {
      if (ids.length === 0) return new Map();
      const rows = await collection()
        .find({ _id: { $in: ids.map((id) => key(kind, id)) }, model })
        .toArray();
      return new Map(rows.map((r) => [r._id.slice(kind.length + 1), fromBinary(r.vector)]));
    },
    async save(kind, rows, model) {
      if (rows.length === 0) return;
      const now = new Date();
      await collection().bulkWrite(
        rows.map((r) => ({
          replaceOne: {
            filter: { _id: key(kind, r.id) },
            replacement: { kind, hash: r.hash, model, vector: toBinary(r.vector), embeddedAt: now },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    },
  };
}
