import { UnrecoverableError, type Job } from 'bullmq';
import type { z, ZodType } from 'zod';
import type { Deps } from '../server/platform/deps.js';
import type { Logger } from '../server/platform/logger.js';
import type { JobDefinition } from '../server/platform/queue/jobs.js';

export interface ProcessorContext {
  deps: Deps;
  job: Job;
  log: Logger;
}

export interface ProcessorOptions {
  /**
   * `wait`: when the job fails because a service it needs is unreachable (see
   * `dependencyDown`: Meilisearch, an embedder throwing `DependencyDownError`, MongoDB without a
   * primary), it goes back to delayed (1 s, growing to 30 s) without spending an attempt, for as
   * long as the outage lasts. `fail` (default): such failures count as attempts like any other.
   */
  whileDown?: 'wait' | 'fail';
}

export interface Processor<S extends ZodType = ZodType> extends ProcessorOptions {
  job: JobDefinition<S>;
  handle(payload: z.output<S>, ctx: ProcessorContext): Promise<unknown>;
}

/** Declares the processor of one job. Payloads are parsed with the job's zod schema first. */
export function defineProcessor<S extends ZodType>(
  job: JobDefinition<S>,
  handle: (payload: z.output<S>, ctx: ProcessorContext) => Promise<unknown>,
  options: ProcessorOptions = {},
): Processor<S> {
  return { job, handle, ...options };
}

/** Parses a payload; a payload that does not fit the contract will never succeed, so it is not retried. */
export function parsePayload<S extends ZodType>(job: JobDefinition<S>, data: unknown): z.output<S> {
  const parsed = job.schema.safeParse(data);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new UnrecoverableError(`Invalid payload for ${job.name}: ${fields}`);
  }
  return parsed.data;
}
