import { Socket } from 'node:net';
import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '../../platform/logger.js';

/**
 * A MongoDB connection of our own for the one write that must follow an SMTP transaction's final
 * "." at once: `sending → committing` (delivery-sender.ts).
 *
 * The driver's own path from a call to its socket write has asynchronous steps (server
 * selection, pool check-out, serialisation); on a loaded machine other work and the scheduler
 * get in between, and a crash in that gap sends the message twice (measured: up to hundreds of
 * milliseconds). Here the command is serialised before the "." and written with one synchronous
 * `socket.write` right after it, so the two writes are separated by a few microseconds of our
 * own code and no I/O. The reply is read back like the driver would (OP_MSG, one BSON document).
 *
 * Only plain connections: with credentials, TLS or a load balancer in the connection string the
 * marker is off and the sender uses the driver (the gap is then the driver's again). A marker
 * whose socket is down, or whose server is no longer the primary, says so (`prepare` returns
 * undefined, or the write rejects) and the sender falls back to the driver, which retries.
 */
export interface CommitMarker {
  /** Connects (or reconnects) to the current primary; false when the marker cannot be used. */
  ready(): Promise<boolean>;
  /**
   * Serialises `update` on `collection` now. `write()` puts it on the socket synchronously and
   * returns the server's answer (documents matched); undefined when the socket is not usable.
   */
  prepare(
    collection: string,
    filter: Record<string, unknown>,
    update: Record<string, unknown>,
  ): { write(): Promise<number> } | undefined;
  close(): void;
}

const OP_MSG = 2013;
/** A reply slower than this is given up on; the sender's fallback write repeats the update. */
const REPLY_TIMEOUT_MS = 15_000;

interface Pending {
  resolve: (n: number) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export class CommitMarkError extends Error {
  constructor(
    message: string,
    readonly code?: number,
  ) {
    super(message);
    this.name = 'CommitMarkError';
  }
}

/** The OP_MSG bytes of one command (section kind 0: the whole command in one BSON document). */
export function encodeOpMsg(requestId: number, command: Record<string, unknown>): Buffer {
  const body = Buffer.from(mongoose.mongo.BSON.serialize(command));
  const header = Buffer.alloc(21);
  header.writeInt32LE(21 + body.length, 0);
  header.writeInt32LE(requestId, 4);
  header.writeInt32LE(0, 8);
  header.writeInt32LE(OP_MSG, 12);
  header.writeUInt32LE(0, 16);
  header.writeUInt8(0, 20);
  return Buffer.concat([header, body]);
}

/** Splits complete OP_MSG replies off the front of `buffer`. */
export function decodeReplies(buffer: Buffer): {
  replies: { responseTo: number; doc: Record<string, unknown> }[];
  rest: Buffer;
} {
  const replies: { responseTo: number; doc: Record<string, unknown> }[] = [];
  let offset = 0;
  while (buffer.length - offset >= 4) {
    const length = buffer.readInt32LE(offset);
    if (length < 21 || buffer.length - offset < length) break;
    const message = buffer.subarray(offset, offset + length);
    offset += length;
    if (message.readInt32LE(12) !== OP_MSG || message.readUInt8(20) !== 0) {
      throw new CommitMarkError('unexpected reply from MongoDB');
    }
    replies.push({
      responseTo: message.readInt32LE(8),
      doc: mongoose.mongo.BSON.deserialize(message.subarray(21)),
    });
  }
  return { replies, rest: buffer.subarray(offset) };
}

export function createCommitMarker(mongo: Connection, logger: Logger): CommitMarker {
  const options = mongo.getClient().options as {
    credentials?: unknown;
    tls?: boolean;
    loadBalanced?: boolean;
  };
  const usable = !options.credentials && !options.tls && !options.loadBalanced;
  if (!usable) logger.info('delivery marks use the MongoDB driver (credentials, TLS or load balancer)');

  let socket: Socket | undefined;
  let connecting: Promise<boolean> | undefined;
  let received: Buffer = Buffer.alloc(0);
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, Pending>();

  function failAll(err: Error) {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      p.reject(err);
    }
  }

  async function primaryAddress(): Promise<{ host: string; port: number }> {
    const db = mongo.db;
    if (!db) throw new CommitMarkError('MongoDB is not connected');
    const hello = (await db.admin().command({ hello: 1 })) as { primary?: string; setName?: string };
    if (hello.setName) {
      if (!hello.primary) throw new CommitMarkError('the replica set has no primary');
      const at = hello.primary.lastIndexOf(':');
      return { host: hello.primary.slice(0, at), port: Number(hello.primary.slice(at + 1)) };
    }
    return { host: mongo.host, port: mongo.port };
  }

  async function connect(): Promise<boolean> {
    const { host, port } = await primaryAddress();
    const s = new Socket();
    await new Promise<void>((resolve, reject) => {
      s.once('connect', resolve);
      s.once('error', reject);
      s.connect(port, host);
    });
    s.setNoDelay(true);
    // Not a reason to keep a process alive: the sender and its other connections decide that.
    s.unref();
    s.on('data', (chunk: Buffer) => {
      received = received.length ? Buffer.concat([received, chunk]) : chunk;
      let decoded;
      try {
        decoded = decodeReplies(received);
      } catch (err) {
        s.destroy(err as Error);
        return;
      }
      received = decoded.rest;
      for (const { responseTo, doc } of decoded.replies) {
        const p = pending.get(responseTo);
        if (!p) continue;
        pending.delete(responseTo);
        clearTimeout(p.timer);
        const writeErrors = doc.writeErrors as { errmsg?: string; code?: number }[] | undefined;
        if (doc.ok !== 1 || writeErrors?.length) {
          const e = writeErrors?.[0] ?? (doc as { errmsg?: string; code?: number });
          p.reject(new CommitMarkError(e.errmsg ?? 'the mark was refused', e.code));
        } else {
          p.resolve(Number(doc.n ?? 0));
        }
      }
    });
    const gone = (err?: Error) => {
      if (socket === s) socket = undefined;
      received = Buffer.alloc(0);
      failAll(err ?? new CommitMarkError('the connection for delivery marks closed'));
    };
    s.on('error', (err) => gone(err));
    s.on('close', () => gone());
    socket = s;
    return true;
  }

  return {
    async ready() {
      if (!usable || closed) return false;
      if (socket && !socket.destroyed) return true;
      connecting ??= connect()
        .catch((err: unknown) => {
          logger.warn({ err }, 'no connection for delivery marks; the driver is used');
          return false;
        })
        .finally(() => {
          connecting = undefined;
        });
      return connecting;
    },

    prepare(collection, filter, update) {
      const s = socket;
      if (!s || s.destroyed || !s.writable) return undefined;
      const requestId = nextId;
      nextId = nextId >= 0x7fffffff ? 1 : nextId + 1;
      const bytes = encodeOpMsg(requestId, {
        update: collection,
        updates: [{ q: filter, u: update }],
        ordered: true,
        $db: mongo.name,
      });
      return {
        write() {
          if (s.destroyed || !s.writable) {
            return Promise.reject(new CommitMarkError('the connection for delivery marks closed'));
          }
          const answer = new Promise<number>((resolve, reject) => {
            const timer = setTimeout(() => {
              pending.delete(requestId);
              reject(new CommitMarkError('no answer to the delivery mark'));
            }, REPLY_TIMEOUT_MS);
            timer.unref();
            pending.set(requestId, { resolve, reject, timer });
          });
          s.write(bytes);
          return answer;
        },
      };
    },

    close() {
      closed = true;
      socket?.destroy();
      socket = undefined;
    },
  };
}
