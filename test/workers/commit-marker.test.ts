import mongoose from 'mongoose';
import {
  createCommitMarker,
  decodeReplies,
  encodeOpMsg,
  type CommitMarker,
} from '../../server/modules/notifications/commit-marker.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

describe('commit marker: the delivery mark on a MongoDB connection of our own', () => {
  let ctx: TestContext;
  let marker: CommitMarker;
  const collection = () =>
    ctx.deps.mongo.collection<{ _id: mongoose.Types.ObjectId; status: string }>('marks');

  beforeAll(async () => {
    ctx = await createTestContext();
    marker = createCommitMarker(ctx.deps.mongo, ctx.deps.logger);
  });
  afterAll(async () => {
    marker.close();
    await ctx.close();
  });

  it('when an OP_MSG is encoded and a reply split off a stream, then lengths, ids and documents round-trip', () => {
    const bytes = encodeOpMsg(7, { ping: 1, $db: 'x' });
    expect(bytes.readInt32LE(0)).toBe(bytes.length);
    expect(bytes.readInt32LE(4)).toBe(7);
    expect(bytes.readInt32LE(12)).toBe(2013);
    // Two replies and the first bytes of a third, as they may arrive in one chunk.
    const reply = (id: number, doc: Record<string, unknown>) => {
      const b = encodeOpMsg(100 + id, doc);
      b.writeInt32LE(id, 8);
      return b;
    };
    const stream = Buffer.concat([
      reply(1, { ok: 1, n: 1 }),
      reply(2, { ok: 0, errmsg: 'no' }),
      reply(3, { ok: 1 }).subarray(0, 9),
    ]);
    const { replies, rest } = decodeReplies(stream);
    expect(replies).toEqual([
      { responseTo: 1, doc: { ok: 1, n: 1 } },
      { responseTo: 2, doc: { ok: 0, errmsg: 'no' } },
    ]);
    expect(rest.length).toBe(9);
  });

  it('when a prepared mark is written, then the update is applied and the matched count comes back', async () => {
    const _id = new mongoose.Types.ObjectId();
    await collection().insertOne({ _id, status: 'sending' });
    expect(await marker.ready()).toBe(true);
    const filter = { _id, status: 'sending' };
    const update = { $set: { status: 'committing' } };
    const first = marker.prepare('marks', filter, update);
    const second = marker.prepare('marks', filter, update);
    expect(first).toBeDefined();
    // Pipelined on one socket: each answer goes to its own request.
    const [a, b] = await Promise.all([first!.write(), second!.write()]);
    expect([a, b]).toEqual([1, 0]);
    expect(await collection().findOne({ _id })).toEqual({ _id, status: 'committing' });
  });

  it('when the server refuses the command, then the write rejects with its message (the sender falls back)', async () => {
    expect(await marker.ready()).toBe(true);
    const prepared = marker.prepare('marks', { _id: 1 }, { $bogus: { status: 'x' } });
    await expect(prepared!.write()).rejects.toThrow(/bogus/i);
  });

  it('when the socket is gone, then prepare says so and ready reconnects', async () => {
    marker.close();
    expect(marker.prepare('marks', { _id: 1 }, { $set: { status: 'x' } })).toBeUndefined();
    const again = createCommitMarker(ctx.deps.mongo, ctx.deps.logger);
    try {
      expect(await again.ready()).toBe(true);
      const _id = new mongoose.Types.ObjectId();
      await collection().insertOne({ _id, status: 'sending' });
      await expect(
        again.prepare('marks', { _id }, { $set: { status: 'committing' } })!.write(),
      ).resolves.toBe(1);
    } finally {
      again.close();
    }
    marker = createCommitMarker(ctx.deps.mongo, ctx.deps.logger);
  });
});
