import { UnrecoverableError } from 'bullmq';
import mongoose from 'mongoose';
import { deliveryModel } from '../../server/modules/notifications/delivery.model.js';
import { sendEmailJob } from '../../server/modules/notifications/email.jobs.js';
import { renderTemplate } from '../../server/modules/notifications/templates/index.js';
import { defineProcessor } from '../define-worker.js';

/** A claim on a delivery older than this is taken to be from a worker that died mid-send. */
const SENDING_LEASE_MS = 5 * 60_000;

/**
 * Sends one recorded delivery. Re-reads its state first, so a repeated job is harmless: a sent
 * delivery is never sent again, and a permanent failure (SMTP 5xx) is recorded, not retried.
 */
export const sendEmailProcessor = defineProcessor(sendEmailJob, async ({ deliveryId }, { deps, log }) => {
  const deliveries = deliveryModel(deps.mongo);
  const now = new Date();
  const claimed = await deliveries.findOneAndUpdate(
    {
      _id: deliveryId,
      $or: [
        { status: 'pending' },
        {
          status: 'sending',
          sendingAt: mongoose.trusted({ $lt: new Date(now.getTime() - SENDING_LEASE_MS) }),
        },
      ],
    },
    { $set: { status: 'sending', sendingAt: now }, $inc: { attempts: 1 } },
    { new: true },
  );
  if (!claimed) {
    const current = await deliveries.findById(deliveryId, { status: 1 }).lean();
    if (!current) throw new UnrecoverableError(`delivery ${deliveryId} does not exist`);
    if (current.status === 'sending')
      throw new Error(`delivery ${deliveryId} is being sent by another worker`);
    return { skipped: current.status };
  }
  const baseUrl = deps.config.PUBLIC_BASE_URL.replace(/\/$/, '');
  let rendered;
  try {
    rendered = renderTemplate(
      claimed.template,
      claimed.data as Record<string, unknown>,
      claimed.locale ?? 'sv',
      {
        baseUrl,
      },
    );
  } catch (err) {
    await deliveries.updateOne(
      { _id: deliveryId },
      {
        $set: {
          status: 'failed',
          permanent: true,
          lastError: err instanceof Error ? err.message : String(err),
        },
      },
    );
    throw new UnrecoverableError(
      `cannot render ${claimed.template}: ${err instanceof Error ? err.message : err}`,
    );
  }
  try {
    const info = await deps.mailer.sendMail({
      to: claimed.to,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      headers: rendered.headers,
      attachments: rendered.attachments,
      // A stable Message-ID lets receiving systems spot a resend after a crash mid-send.
      messageId: `<${deliveryId}@${new URL(baseUrl).hostname}>`,
    });
    await deliveries.updateOne(
      { _id: deliveryId },
      { $set: { status: 'sent', sentAt: new Date(), messageId: info.messageId }, $unset: { lastError: 1 } },
    );
    return { sent: true };
  } catch (err) {
    const responseCode = (err as { responseCode?: number }).responseCode;
    const message = err instanceof Error ? err.message : String(err);
    if (responseCode && responseCode >= 500 && responseCode < 600) {
      await deliveries.updateOne(
        { _id: deliveryId },
        { $set: { status: 'failed', permanent: true, lastError: message } },
      );
      log.warn({ responseCode }, 'permanent delivery failure');
      throw new UnrecoverableError(`permanent SMTP failure ${responseCode}: ${message}`);
    }
    await deliveries.updateOne({ _id: deliveryId }, { $set: { status: 'pending', lastError: message } });
    throw err;
  }
});
