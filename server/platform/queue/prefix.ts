import type { Config } from '../../config.js';
import type { QueueName } from './jobs.js';

/**
 * The BullMQ prefix of one queue. BullMQ's Lua scripts touch many keys of a queue at once, and a
 * Redis Cluster runs a script only when all its keys hash to one slot: a `{…}` hash tag makes
 * them. `queue` gives each queue its own tag, so the four queues spread over the masters;
 * `prefix` puts every queue in one slot (one master), which flows across queues would require.
 */
export function queuePrefix(
  config: Pick<Config, 'QUEUE_PREFIX' | 'QUEUE_HASH_TAG'>,
  queue: QueueName,
): string {
  switch (config.QUEUE_HASH_TAG) {
    case 'queue':
      return `${config.QUEUE_PREFIX}:{${queue}}`;
    case 'prefix':
      return `{${config.QUEUE_PREFIX}}`;
    default:
      return config.QUEUE_PREFIX;
  }
}
