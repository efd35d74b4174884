import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import type { Deps } from '../../platform/deps.js';
import { createNeedsRepository } from '../needs/needs.repository.js';
import type { Need } from '../needs/needs.types.js';
import { createNotifier, type Lines, type NoticeTarget } from '../subscriptions/notifier.js';
import { needTextForSearches, searchMatchesNeed } from '../subscriptions/subscription-keys.js';
import { createSubscriptionsRepository } from '../subscriptions/subscriptions.repository.js';
import { createSuppliersRepository } from '../suppliers/suppliers.repository.js';
import { toSearchDoc } from '../suppliers/suppliers-search.js';
import {
  findCandidates,
  isCodeCandidate,
  toCandidate,
  type CandidateDoc,
  type MatchableNeed,
} from './candidates.js';
import { describeChange } from './change-lines.js';
import { withEvidence } from './evidence-pass.js';
import { createMatchesRepository, type MatchRow } from './matching.repository.js';
import { supplierSideNeeds } from './supplier-side.js';
import { createThresholds } from './threshold.js';

/** A match-need run holds the need's lease at most this long (a crashed run's lease expires). */
const LEASE_MS = 120_000;

export interface MatchNeedResult {
  status: 'matched' | 'skipped';
  reason?: string;
  candidates?: number;
  /** Candidate retrieval + scoring + storing, in ms: the "match step". */
  matchMs?: number;
  notified?: { instant: number; digest: number; skipped: number };
  /** Finding the satisfied subscriptions (lookup + text check + profile subscriptions). */
  lookupMs?: number;
  /** Lookup plus writing every notice, delivery and digest item. */
  notifyMs?: number;
}

export class MatchingBusyError extends Error {
  constructor(needId: string) {
    super(`need ${needId} is being matched by another run`);
    this.name = 'MatchingBusyError';
  }
}

export interface MatchingService {
  matchNeed(needId: string): Promise<MatchNeedResult>;
  matchSupplier(
    supplierId: string,
  ): Promise<{ status: 'matched' | 'removed'; matches: number; notified: number }>;
  notifyFollowers(needId: string, changeId: string): Promise<{ instant: number; digest: number }>;
}

export function isOpen(need: Pick<Need, 'status' | 'hidden'>): boolean {
  return need.status === 'published' && !need.hidden;
}

function toMatchable(need: Need): MatchableNeed {
  return {
    id: need.id,
    networkId: need.networkId,
    title: need.title,
    summary: need.summary,
    description: need.description ?? '',
    requirements: need.requirements ?? [],
    cpvCodes: need.cpvCodes,
    cpvAll: need.cpvAll,
    regions: need.regions,
    regionsAll: need.regionsAll,
    stage: need.stage,
    version: need.version,
  };
}

const searchReason = (name: string): Lines => ({
  sv: [`Behovet matchar din sparade sökning ”${name}”.`],
  en: [`The need matches your saved search “${name}”.`],
});
const networkReason = (name: string): Lines => ({
  sv: [`Ett nytt behov från nätverket ”${name}” som du följer.`],
  en: [`A new need from the network “${name}” that you follow.`],
});

/** What the matcher compares with the last run: a change of anything else does not re-match. */
function fingerprint(need: MatchableNeed): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        need.cpvCodes,
        need.regions,
        need.title,
        need.summary,
        need.description,
        need.requirements,
        need.stage,
      ]),
    )
    .digest('base64url');
}

export function createMatchingService(deps: Deps): MatchingService {
  const needs = createNeedsRepository(deps.mongo);
  const matches = createMatchesRepository(deps.mongo);
  const subscriptions = createSubscriptionsRepository(deps.mongo);
  const suppliers = createSuppliersRepository(deps.mongo);
  const notifier = createNotifier(deps);
  const thresholds = createThresholds(deps.mongo);
  const runs = deps.mongo.collection<{
    _id: mongoose.Types.ObjectId;
    fingerprint?: string;
    needVersion?: number;
    semantic?: boolean;
  }>('match_runs');

  /** Saved searches and network follows the need satisfies (index lookup, then the words in code). */
  async function searchTargets(need: MatchableNeed): Promise<NoticeTarget[]> {
    const targets: NoticeTarget[] = [];
    // Analysed once (stems, compound parts, thesaurus): "skog" hears of a "skogsbruksplan" need.
    const text = needTextForSearches(need.title, need.summary, need.description);
    await subscriptions.satisfiedBy({ ...need, text: '' }, async (batch) => {
      for (const s of batch) {
        if (!searchMatchesNeed(s, text)) continue;
        targets.push({
          subscription: s,
          reasons: s.kind === 'network' ? networkReason(s.name) : searchReason(s.name),
        });
      }
    });
    return targets;
  }

  /**
   * Profile subscriptions of the matched suppliers above the network's threshold whose score
   * also reaches the subscription's own minimum: a weak match never sends an email.
   */
  async function profileTargets(all: MatchRow[], threshold: number): Promise<NoticeTarget[]> {
    const targets: NoticeTarget[] = [];
    const rows = all.filter((r) => r.score >= threshold);
    const byOrg = new Map(rows.map((r) => [r.supplierId, r]));
    for (let i = 0; i < rows.length; i += 5_000) {
      const orgIds = rows.slice(i, i + 5_000).map((r) => r.supplierId);
      for (const s of await subscriptions.profileSubscriptions(orgIds)) {
        const row = s.organisationId ? byOrg.get(s.organisationId) : undefined;
        if (!row || row.score < (s.minScore ?? 0)) continue;
        targets.push({ subscription: s, reasons: row.explanation });
      }
    }
    return targets;
  }

  return {
    async matchNeed(needId) {
      const need = await needs.findById(needId);
      if (!need) return { status: 'skipped', reason: 'missing' };
      if (!isOpen(need)) {
        await matches.setNeedOpen(needId, false);
        return { status: 'skipped', reason: need.status };
      }
      // One job per need version (matching.jobs.ts), so two runs overlap only when the need
      // changes during a run. The lease is a guard for that case: the later run fails and its
      // retry finds the need matched (or matches the newer version).
      const token = await matches.lock(needId, LEASE_MS);
      if (!token) throw new MatchingBusyError(needId);
      const matchable = toMatchable(need);
      const print = fingerprint(matchable);
      let candidates = 0;
      let matchMs = 0;
      try {
        const previous = await runs.findOne({ _id: new mongoose.Types.ObjectId(needId) });
        const current = await needs.findById(needId);
        // A run without vectors (embedder down) is not final: the next run of the version redoes it.
        if (
          previous?.fingerprint === print &&
          previous.semantic !== false &&
          current &&
          previous.needVersion === current.version
        ) {
          return { status: 'skipped', reason: 'up to date' };
        }
        // Subscribers hear about a need once; after an edit that does not change what it is
        // about, nobody new can match, so the lookup is skipped. The saved-search lookup runs
        // beside candidate retrieval, and the matches are stored while the fan-out is written.
        const unchanged = previous?.fingerprint === print;
        const started = performance.now();
        const searchLookup = unchanged ? Promise.resolve<NoticeTarget[]>([]) : searchTargets(matchable);
        searchLookup.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
        const [found, threshold] = await Promise.all([
          findCandidates(deps, matchable),
          thresholds.forNetwork(need.networkId),
        ]);
        candidates = found.candidates.length;
        const rows = await withEvidence(deps, matchable, found.candidates, threshold);
        const storing = matches
          .replaceForNeed({ id: need.id, networkId: need.networkId, open: true }, rows)
          .then(() => {
            matchMs = performance.now() - started;
          });
        storing.catch(() => undefined);
        const notifyStarted = performance.now();
        const targets = unchanged
          ? []
          : [...(await searchLookup), ...(await profileTargets(rows, threshold))];
        const lookupMs = Math.round(performance.now() - notifyStarted);
        const notified = unchanged
          ? { instant: 0, digest: 0, skipped: 0 }
          : await notifier.newNeed(need, targets);
        await storing;
        await runs.updateOne(
          { _id: new mongoose.Types.ObjectId(needId) },
          { $set: { fingerprint: print, semantic: found.semantic } },
        );
        return {
          status: 'matched',
          candidates,
          matchMs: Math.round(matchMs),
          notified,
          lookupMs,
          notifyMs: Math.round(performance.now() - notifyStarted),
        };
      } finally {
        await matches.unlock(needId, token, {
          needVersion: need.version,
          candidates,
          ms: Math.round(matchMs),
        });
      }
    },

    async matchSupplier(supplierId) {
      // The profile from MongoDB, in the index's shape: this job may run before the index sync.
      const [profile] = await suppliers.findListed([supplierId]);
      const doc: CandidateDoc | null = profile ? toSearchDoc(profile) : null;
      if (!doc)
        return { status: 'removed', matches: await matches.removeForSupplier(supplierId), notified: 0 };
      const side = await supplierSideNeeds(deps, doc);
      const open = side.open.map(toMatchable);
      const pairs = open.filter((n) => side.candidates.has(n.id));
      const rows: (MatchRow & { needId: string; networkId: string })[] = [];
      for (const n of pairs) {
        const candidate = toCandidate(
          doc,
          side.keyword.get(n.id) ?? null,
          side.semanticOf(n.id),
          isCodeCandidate(n, doc),
        );
        const [row] = await withEvidence(deps, n, [candidate], 0);
        if (row) rows.push({ ...row, needId: n.id, networkId: n.networkId });
      }
      await matches.replaceForSupplier(
        supplierId,
        rows,
        open.map((n) => n.id),
      );
      let notified = 0;
      const subs = await subscriptions.profileSubscriptions([supplierId]);
      for (const row of rows) {
        if (row.score < (await thresholds.forNetwork(row.networkId))) continue;
        const targets = subs
          .filter((s) => row.score >= (s.minScore ?? 0))
          .map((s) => ({ subscription: s, reasons: row.explanation }));
        if (targets.length === 0) continue;
        const need = pairs.find((n) => n.id === row.needId)!;
        notified += (await notifier.newNeed(need, targets)).instant;
      }
      return { status: 'matched', matches: rows.length, notified };
    },

    async notifyFollowers(needId, changeId) {
      const need = await needs.findById(needId);
      if (!need) return { instant: 0, digest: 0 };
      if (need.status === 'closed') await matches.setNeedOpen(needId, false);
      const change = await deps.mongo
        .collection('need_changes')
        .findOne({ _id: new mongoose.Types.ObjectId(changeId) });
      if (!change) return { instant: 0, digest: 0 };
      const lines = describeChange(
        (change.fields ?? []) as { field: string; before: unknown; after: unknown }[],
        typeof change.note === 'string' ? change.note : undefined,
      );
      const followers = await subscriptions.followersOf(needId);
      const result = await notifier.needChanged(need, { id: changeId, lines }, followers);
      return { instant: result.instant, digest: result.digest };
    },
  };
}
