import { UnrecoverableError } from 'bullmq';
import {
  createDeliverySender,
  type DeliverySender,
} from '../../server/modules/notifications/delivery-sender.js';
import { sendEmailJob } from '../../server/modules/notifications/email.jobs.js';
import type { Deps } from '../../server/platform/deps.js';
import { emailTemplates } from '../../server/email-templates.js';
import { defineProcessor } from '../define-worker.js';

const senders = new WeakMap<Deps, DeliverySender>();

/** One sender (and heartbeat) per process's deps. */
export function senderFor(deps: Deps): DeliverySender {
  let sender = senders.get(deps);
  if (!sender) {
    sender = createDeliverySender({ ...deps, templates: emailTemplates });
    senders.set(deps, sender);
  }
  return sender;
}

/**
 * Sends one recorded delivery (see delivery-sender.ts for the crash-safe order of writes).
 * Re-reads its state first, so a repeated job is harmless: a sent delivery is never sent again,
 * and a permanent failure (SMTP 5xx, a template that cannot render) is recorded, not retried.
 */
export const sendEmailProcessor = defineProcessor(sendEmailJob, async ({ deliveryId }, { deps, log }) => {
  const result = await senderFor(deps).send(deliveryId);
  if ('busy' in result) throw new Error(`delivery ${deliveryId} is being sent by another worker`);
  if ('failed' in result) {
    log.warn({ deliveryId, reason: result.failed }, 'permanent delivery failure');
    throw new UnrecoverableError(`delivery ${deliveryId} failed for good: ${result.message}`);
  }
  if ('skipped' in result && result.skipped === 'missing') {
    throw new UnrecoverableError(`delivery ${deliveryId} does not exist`);
  }
  return result;
});
