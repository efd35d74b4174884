import mongoose, { type Connection } from 'mongoose';
import type { Config } from '../../config.js';
import { createOutbox, inTransaction } from '../../platform/outbox/outbox.js';
import { createUsersRepository, type User } from '../accounts/users.repository.js';
import type { SubscriptionTarget } from './subscriptions.repository.js';
import { unsubscribeTokenFor } from './subscriptions.service.js';
import { createEmailService, type EmailRequest } from '../notifications/email.service.js';
import { digestItemModel, needNoticeModel, type DigestItemData } from './notice.model.js';
import { matchingTemplateNames } from './match-notice.emails.js';
import { subscriptionTemplateNames } from './subscriptions.emails.js';
import { oid } from '../../platform/mongo.js';

export interface Lines {
  sv: string[];
  en: string[];
}

/** A subscription a need satisfies, and why. */
export interface NoticeTarget {
  subscription: SubscriptionTarget;
  reasons: Lines;
}

export interface NoticeNeed {
  id: string;
  title: string;
  summary: string;
}

export interface FanOutResult {
  instant: number;
  digest: number;
  /** Users who had been told about this need before (or whose account is gone). */
  skipped: number;
}

export interface Notifier {
  /**
   * Tells each user once about a new need: by instant email or as a digest item, through the
   * subscription that wants it soonest. Written in chunks of `chunkSize` users, each chunk in
   * one transaction with its outbox events; a chunk repeated after a crash finds its notices
   * and does nothing twice.
   */
  newNeed(need: NoticeNeed, targets: NoticeTarget[]): Promise<FanOutResult>;
  /** Tells the followers of a need what changed (instant email or digest item per follower). */
  needChanged(
    need: NoticeNeed,
    change: { id: string; lines: Lines },
    followers: SubscriptionTarget[],
  ): Promise<FanOutResult>;
}

const PRIORITY = { instant: 0, daily: 1, weekly: 2 } as const;
/** Fan-out chunks written at the same time. */
const CHUNK_LANES = 3;

/** The subscription that carries a need to a user: the soonest delivery, then the oldest subscription. */
function carrierOf(targets: NoticeTarget[]): SubscriptionTarget {
  return [...targets].sort(
    (a, b) =>
      PRIORITY[a.subscription.delivery] - PRIORITY[b.subscription.delivery] ||
      a.subscription.createdAt.getTime() - b.subscription.createdAt.getTime() ||
      a.subscription.id.localeCompare(b.subscription.id),
  )[0]!.subscription;
}

function mergeLines(all: Lines[], max = 8): Lines {
  const sv: string[] = [];
  const en: string[] = [];
  for (const l of all) {
    for (const line of l.sv) if (!sv.includes(line) && sv.length < max) sv.push(line);
    for (const line of l.en) if (!en.includes(line) && en.length < max) en.push(line);
  }
  return { sv, en };
}

export function createNotifier(
  deps: { mongo: Connection; config: Pick<Config, 'SESSION_SECRET'> },
  options: { chunkSize?: number } = {},
): Notifier {
  const chunkSize = options.chunkSize ?? 500;
  const notices = needNoticeModel(deps.mongo);
  const digestItems = digestItemModel(deps.mongo);
  const users = createUsersRepository(deps.mongo);
  const email = createEmailService({ mongo: deps.mongo, outbox: createOutbox(deps.mongo) });

  async function usersById(ids: string[]): Promise<Map<string, User>> {
    const found = await users.findByIds(ids);
    return new Map(found.filter((u) => u.emailVerifiedAt).map((u) => [u.id, u]));
  }

  function emailFor(
    user: User,
    s: SubscriptionTarget,
    key: string,
    template: string,
    data: Record<string, unknown>,
  ): EmailRequest {
    return {
      key,
      to: user.email,
      userId: user.id,
      template,
      locale: user.language,
      data: {
        ...data,
        subscriptionId: s.id,
        subscriptionName: s.name,
        unsubscribeToken: unsubscribeTokenFor(deps.config, s),
      },
    };
  }

  return {
    async newNeed(need, targets) {
      const byUser = new Map<string, NoticeTarget[]>();
      for (const t of targets)
        byUser.set(t.subscription.userId, [...(byUser.get(t.subscription.userId) ?? []), t]);
      const result: FanOutResult = { instant: 0, digest: 0, skipped: 0 };
      const userIds = [...byUser.keys()].sort();
      const chunks: string[][] = [];
      // A small first chunk: the first emails leave while the rest is written.
      for (let i = 0; i < userIds.length;) {
        const size = i === 0 ? Math.min(100, chunkSize) : chunkSize;
        chunks.push(userIds.slice(i, i + size));
        i += size;
      }
      // A few chunks at once: they write disjoint keys, so their transactions do not conflict.
      let nextChunk = 0;
      const lane = async () => {
        while (nextChunk < chunks.length) {
          const chunk = chunks[nextChunk++]!;
          const accounts = await usersById(chunk);
          const chunkResult = await inTransaction(deps.mongo, async (session) => {
            const told = new Set(
              (
                await notices
                  .find(
                    { needId: oid(need.id), userId: mongoose.trusted({ $in: chunk.map(oid) }) },
                    { userId: 1 },
                    { session },
                  )
                  .lean()
              ).map((n) => String(n.userId)),
            );
            const fresh = chunk.filter((u) => !told.has(u) && accounts.has(u));
            const counts = { instant: 0, digest: 0, skipped: chunk.length - fresh.length };
            const mails: EmailRequest[] = [];
            const items: Record<string, unknown>[] = [];
            const rows: Record<string, unknown>[] = [];
            for (const userId of fresh) {
              const own = byUser.get(userId)!;
              const carrier = carrierOf(own);
              const reasons = mergeLines(own.map((t) => t.reasons));
              rows.push({
                needId: oid(need.id),
                userId: oid(userId),
                subscriptionId: oid(carrier.id),
                channel: carrier.delivery,
              });
              if (carrier.delivery === 'instant') {
                mails.push(
                  emailFor(
                    accounts.get(userId)!,
                    carrier,
                    `match.${need.id}.${userId}`,
                    matchingTemplateNames.newNeed,
                    {
                      needId: need.id,
                      title: need.title,
                      summary: need.summary,
                      reasons,
                    },
                  ),
                );
                counts.instant += 1;
              } else {
                const data: DigestItemData = { title: need.title, lines: reasons };
                items.push({
                  subscriptionId: oid(carrier.id),
                  userId: oid(userId),
                  mode: carrier.delivery,
                  needId: oid(need.id),
                  kind: 'new',
                  changeId: '',
                  data,
                });
                counts.digest += 1;
              }
            }
            if (rows.length > 0) await notices.insertMany(rows, { session, ordered: true });
            if (items.length > 0) await digestItems.insertMany(items, { session, ordered: true });
            await email.queue(session, mails, { batch: 100 });
            // Counted from the committed attempt (withTransaction may run this function again).
            return counts;
          });
          result.instant += chunkResult.instant;
          result.digest += chunkResult.digest;
          result.skipped += chunkResult.skipped;
        }
      };
      await Promise.all(Array.from({ length: Math.min(CHUNK_LANES, chunks.length) }, lane));
      return result;
    },

    async needChanged(need, change, followers) {
      const result: FanOutResult = { instant: 0, digest: 0, skipped: 0 };
      for (let i = 0; i < followers.length; i += chunkSize) {
        const chunk = followers.slice(i, i + chunkSize);
        const accounts = await usersById(chunk.map((s) => s.userId));
        const chunkResult = await inTransaction(deps.mongo, async (session) => {
          const mails: EmailRequest[] = [];
          const items: Record<string, unknown>[] = [];
          const counts = { instant: 0, digest: 0, skipped: 0 };
          const queued = new Set(
            (
              await digestItems
                .find(
                  {
                    subscriptionId: mongoose.trusted({ $in: chunk.map((s) => oid(s.id)) }),
                    needId: oid(need.id),
                    kind: 'change',
                    changeId: change.id,
                  },
                  { subscriptionId: 1 },
                  { session },
                )
                .lean()
            ).map((d) => String(d.subscriptionId)),
          );
          for (const s of chunk) {
            const user = accounts.get(s.userId);
            if (!user || queued.has(s.id)) {
              counts.skipped += 1;
              continue;
            }
            if (s.delivery === 'instant') {
              mails.push(
                emailFor(user, s, `change.${change.id}.${s.userId}`, subscriptionTemplateNames.needChanged, {
                  needId: need.id,
                  title: need.title,
                  changes: change.lines,
                }),
              );
              counts.instant += 1;
            } else {
              const data: DigestItemData = { title: need.title, lines: change.lines };
              items.push({
                subscriptionId: oid(s.id),
                userId: oid(s.userId),
                mode: s.delivery,
                needId: oid(need.id),
                kind: 'change',
                changeId: change.id,
                data,
              });
              counts.digest += 1;
            }
          }
          if (items.length > 0) await digestItems.insertMany(items, { session, ordered: true });
          await email.queue(session, mails, { batch: 100 });
          return counts;
        });
        result.instant += chunkResult.instant;
        result.digest += chunkResult.digest;
        result.skipped += chunkResult.skipped;
      }
      return result;
    },
  };
}
