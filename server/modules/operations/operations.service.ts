import mongoose from 'mongoose';
import type { Deps } from '../../platform/deps.js';
import { errors } from '../../platform/errors.js';
import { createOutbox, inTransaction } from '../../platform/outbox/outbox.js';
import { queueNames, type QueueName } from '../../platform/queue/jobs.js';
import { deliveryModel } from '../notifications/delivery.model.js';
import { EMAIL_RETRY_REQUESTED } from '../notifications/email.jobs.js';

export interface QueueSummary {
  name: string;
  counts: Record<string, number>;
  failedJobs: {
    id: string;
    name: string;
    failedReason: string;
    attemptsMade: number;
    failedAt: string | null;
  }[];
  schedulers: { id: string; pattern: string | null; tz: string | null; next: string | null }[];
}

export interface DeliverySummary {
  counts: Record<string, number>;
  /** Sent as far as we can tell: the worker died (or the line dropped) after the final ".". */
  uncertain: number;
  failed: {
    id: string;
    to: string;
    template: string;
    attempts: number;
    permanent: boolean;
    lastError: string | null;
    updatedAt: string;
  }[];
}

export interface OperationsService {
  summary(): Promise<{ queues: QueueSummary[]; deliveries: DeliverySummary }>;
  retryJob(queue: string, jobId: string): Promise<void>;
  retryDelivery(id: string): Promise<void>;
}

const FAILED_LIMIT = 20;

/** What admins watch and fix: queue depths, failed jobs, failed deliveries. */
export function createOperationsService(deps: Pick<Deps, 'mongo' | 'queues'>): OperationsService {
  const deliveries = deliveryModel(deps.mongo);
  const outbox = createOutbox(deps.mongo);

  async function queueSummary(name: QueueName): Promise<QueueSummary> {
    const queue = deps.queues.get(name);
    const [counts, failed, schedulers] = await Promise.all([
      queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'),
      queue.getFailed(0, FAILED_LIMIT - 1),
      queue.getJobSchedulers(0, 49),
    ]);
    return {
      name,
      counts,
      failedJobs: failed.map((j) => ({
        id: String(j.id),
        name: j.name,
        failedReason: j.failedReason ?? '',
        attemptsMade: j.attemptsMade,
        failedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
      })),
      schedulers: schedulers.map((s) => ({
        id: String(s.key ?? s.id ?? ''),
        pattern: s.pattern ?? null,
        tz: s.tz ?? null,
        next: s.next ? new Date(s.next).toISOString() : null,
      })),
    };
  }

  return {
    async summary() {
      const [queues, byStatus, uncertain, failed] = await Promise.all([
        Promise.all(queueNames.map(queueSummary)).catch(() => {
          throw errors.unavailable('The queue service');
        }),
        deliveries.collection
          .aggregate<{ _id: string; n: number }>([{ $group: { _id: '$status', n: { $sum: 1 } } }])
          .toArray(),
        deliveries.collection.countDocuments({ status: 'sent', uncertain: true }),
        deliveries.collection.find({ status: 'failed' }).sort({ updatedAt: -1 }).limit(50).toArray(),
      ]);
      return {
        queues,
        deliveries: {
          counts: Object.fromEntries(byStatus.map((r) => [r._id, r.n])),
          uncertain,
          failed: failed.map((d) => ({
            id: String(d._id),
            to: String(d.to),
            template: String(d.template),
            attempts: Number(d.attempts ?? 0),
            permanent: d.permanent === true,
            lastError: d.lastError ? String(d.lastError) : null,
            updatedAt: (d.updatedAt as Date).toISOString(),
          })),
        },
      };
    },

    async retryJob(queue, jobId) {
      if (!(queueNames as readonly string[]).includes(queue)) throw errors.notFound('queue');
      const job = await deps.queues
        .get(queue as QueueName)
        .getJob(jobId)
        .catch(() => {
          throw errors.unavailable('The queue service');
        });
      if (!job) throw errors.notFound('job');
      if ((await job.getState()) !== 'failed')
        throw errors.conflict('not_failed', 'Only failed jobs can be retried.');
      await job.retry('failed');
    },

    /** A failed (or uncertain) delivery goes back to pending and is queued again, through the outbox. */
    async retryDelivery(id) {
      if (!mongoose.isValidObjectId(id)) throw errors.notFound('delivery');
      await inTransaction(deps.mongo, async (session) => {
        const res = await deliveries.collection.updateOne(
          {
            _id: new mongoose.Types.ObjectId(id),
            $or: [{ status: 'failed' }, { status: 'sent', uncertain: true }],
          },
          {
            $set: { status: 'pending', permanent: false, updatedAt: new Date() },
            $unset: { uncertain: 1, owner: 1 },
          },
          { session },
        );
        if (res.matchedCount === 0) {
          const exists = await deliveries.collection.countDocuments(
            { _id: new mongoose.Types.ObjectId(id) },
            { session },
          );
          if (!exists) throw errors.notFound('delivery');
          throw errors.conflict('not_failed', 'Only failed or uncertain deliveries can be retried.');
        }
        await outbox.record(session, [{ type: EMAIL_RETRY_REQUESTED, payload: { deliveryId: id } }]);
      });
    },
  };
}
