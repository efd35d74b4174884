import type { JobsOptions } from 'bullmq';
import type { z, ZodType } from 'zod';

/** Queues group jobs by the resources they need, so each can be scaled and watched alone. */
export const queueNames = ['email', 'search', 'matching', 'maintenance', 'embeddings'] as const;
export type QueueName = (typeof queueNames)[number];

/**
 * A job contract: `verb-noun` name, the queue it runs on, and a zod schema of its payload
 * (ids only — no personal data in Redis).
 */
export interface JobDefinition<S extends ZodType = ZodType> {
  name: string;
  queue: QueueName;
  schema: S;
  options?: JobsOptions;
}

export type JobPayload<J extends JobDefinition> = z.input<J['schema']>;

export function defineJob<S extends ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  if (!/^[a-z]+(-[a-z]+)+$/.test(definition.name)) {
    throw new Error(`Job name "${definition.name}" must be verb-noun in kebab-case`);
  }
  return definition;
}

/** Retries with exponential backoff (BullMQ adds jitter through backoff.jitter). */
export const defaultJobOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 },
  // Keep finished jobs for a while so a re-added deterministic jobId stays a no-op.
  removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** BullMQ forbids ':' in custom ids; build deterministic ids from parts with '.'. */
export function jobId(...parts: (string | number)[]): string {
  return parts.map((p) => String(p).replace(/[:\s]/g, '_')).join('.');
}
