/**
 * Runs the evaluation queries and the matching judgements against a loaded stack:
 *  (a) raw: the default-settings index of the need texts (relevance-seed.ts), straight at
 *      Meilisearch, `limit: 10`;
 *  (b) keyword: GET /api/needs?q=…&pageSize=10 on an API whose embedder is turned off
 *      (EMBEDDINGS_URL=off): the product's keyword search with its text analysis;
 *  (c) hybrid: the same request on the API as shipped;
 *  matching: the product's matching service on each judged need, then the stored matches in
 *  score order; what counts as shown is what scores at least the network's threshold.
 */
import type { Meilisearch } from 'meilisearch';
import { createMatchesRepository } from '../../server/modules/matching/matching.repository.js';
import { createMatchingService } from '../../server/modules/matching/matching.service.js';
import { createThresholds } from '../../server/modules/matching/threshold.js';
import { isAncestor } from '../../server/modules/reference/cpv.js';
import type { Deps } from '../../server/platform/deps.js';
import type { QueryCategory, RelevanceSet } from './relevance-data.js';
import {
  byCategory,
  cappedPrecisionAt,
  mean,
  ndcgAt,
  recallAt,
  searchScores,
  shownPrecisionAt,
  type SearchScores,
} from './relevance-metrics.js';
import type { Loaded } from './relevance-seed.js';

export type Variant = 'raw' | 'keyword' | 'hybrid';

export interface QueryRun {
  id: string;
  category: QueryCategory;
  q: string;
  ranking: string[];
  scores: SearchScores;
  keywordOnly: boolean;
}

export interface VariantResult {
  variant: Variant;
  runs: QueryRun[];
  table: Record<QueryCategory | 'overall', SearchScores>;
  /** Answers flagged `X-Search-Keyword-Only: 1` (for the hybrid variant: fallbacks). */
  keywordOnlyAnswers: number;
}

async function rawSearch(client: Meilisearch, uid: string, q: string): Promise<string[]> {
  const res = await client.index(uid).search(q, { limit: 10, attributesToRetrieve: ['id'] });
  return res.hits.map((h) => String(h.id));
}

async function apiSearch(
  base: string,
  q: string,
  needKey: Map<string, string>,
): Promise<{ ranking: string[]; keywordOnly: boolean }> {
  const res = await fetch(`${base}/api/needs?${new URLSearchParams({ q, pageSize: '10' }).toString()}`);
  if (res.status !== 200) throw new Error(`API answered ${res.status} for ${q}: ${await res.text()}`);
  const body = (await res.json()) as { items: { id: string }[] };
  return {
    ranking: body.items.map((i) => needKey.get(i.id) ?? `unknown:${i.id}`),
    keywordOnly: res.headers.get('x-search-keyword-only') === '1',
  };
}

export async function evaluateSearch(
  variant: Variant,
  set: RelevanceSet,
  target: { client: Meilisearch; rawIndex: string } | { base: string; needKey: Map<string, string> },
): Promise<VariantResult> {
  const runs: QueryRun[] = [];
  for (const query of set.queries) {
    let answer =
      'client' in target
        ? { ranking: await rawSearch(target.client, target.rawIndex, query.q), keywordOnly: true }
        : await apiSearch(target.base, query.q, target.needKey);
    // A hybrid answer without its query embedding (slower than EMBEDDINGS_QUERY_TIMEOUT_MS on a
    // busy machine) measures the fallback, not hybrid relevance: ask again, at most three times.
    // The latency passes count such fallbacks; answers that stay keyword-only are reported.
    for (let retry = 0; variant === 'hybrid' && answer.keywordOnly && retry < 3; retry++) {
      await new Promise((r) => setTimeout(r, 1_000));
      if ('base' in target) answer = await apiSearch(target.base, query.q, target.needKey);
    }
    runs.push({
      id: query.id,
      category: query.category,
      q: query.q,
      ranking: answer.ranking,
      scores: searchScores(answer.ranking, query.judgements),
      keywordOnly: answer.keywordOnly,
    });
  }
  return {
    variant,
    runs,
    table: byCategory(runs),
    keywordOnlyAnswers: runs.filter((r) => r.keywordOnly).length,
  };
}

export interface MatchingNeedRun {
  needId: string;
  noGoodSupplier: boolean;
  /** Every stored match in score order (set ids), with scores. */
  ranking: { id: string; score: number }[];
  shown: string[];
  /** Relevant suppliers that share no CPV subtree with the need (coded differently). */
  codedDifferently: string[];
}

export interface MatchingResult {
  threshold: number;
  runs: MatchingNeedRun[];
  /** Over the needs with good suppliers, on the shown list (score ≥ threshold). */
  precision5: number;
  recall10: number;
  ndcg10: number;
  /** The same on the whole stored ranking, threshold ignored (precision capped by |relevant|). */
  unthresholded: { precision5: number; recall10: number; ndcg10: number };
  /** No-good-supplier needs with at least one match at or above the threshold. */
  noGoodWithMatch: MatchingNeedRun[];
  codedDifferently: { total: number; shown: number };
}

/** True when some code of one list is the other's ancestor or equal (same CPV subtree). */
function sharesSubtree(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.some((y) => x === y || isAncestor(x, y) || isAncestor(y, x)));
}

export async function evaluateMatching(
  deps: Deps,
  set: RelevanceSet,
  loaded: Loaded,
  onNeed: (done: number, total: number) => void = () => undefined,
): Promise<MatchingResult> {
  const service = createMatchingService(deps);
  const matches = createMatchesRepository(deps.mongo);
  const threshold = await createThresholds(deps.mongo).forNetwork(loaded.networkId);
  const needs = new Map(set.needs.map((n) => [n.id, n]));
  const suppliers = new Map(set.suppliers.map((s) => [s.id, s]));
  const runs: MatchingNeedRun[] = [];
  for (const judged of set.matching) {
    const id = loaded.needId.get(judged.needId)!;
    await service.matchNeed(id);
    const { items } = await matches.listForNeed(id, {}, 1, 100);
    const ranking = items.map((m) => ({
      id: loaded.supplierKey.get(m.supplierId) ?? `unknown:${m.supplierId}`,
      score: m.score,
    }));
    const need = needs.get(judged.needId)!;
    runs.push({
      needId: judged.needId,
      noGoodSupplier: judged.noGoodSupplier === true,
      ranking,
      shown: ranking.filter((r) => r.score >= threshold).map((r) => r.id),
      codedDifferently: Object.keys(judged.relevant).filter(
        (s) => !sharesSubtree(need.cpvCodes, suppliers.get(s)!.cpvCodes),
      ),
    });
    onNeed(runs.length, set.matching.length);
  }
  const judgementsOf = new Map(set.matching.map((m) => [m.needId, m.relevant]));
  const good = runs.filter((r) => !r.noGoodSupplier);
  const over = (f: (r: MatchingNeedRun, j: Record<string, number>) => number) =>
    mean(good.map((r) => f(r, judgementsOf.get(r.needId)!)));
  const ids = (r: MatchingNeedRun) => r.ranking.map((x) => x.id);
  const different = good.flatMap((r) => r.codedDifferently.map((s) => r.shown.slice(0, 10).includes(s)));
  return {
    threshold,
    runs,
    precision5: over((r, j) => shownPrecisionAt(5, r.shown, j)),
    recall10: over((r, j) => recallAt(10, r.shown, j)),
    ndcg10: over((r, j) => ndcgAt(10, r.shown, j)),
    unthresholded: {
      precision5: over((r, j) => cappedPrecisionAt(5, ids(r), j)),
      recall10: over((r, j) => recallAt(10, ids(r), j)),
      ndcg10: over((r, j) => ndcgAt(10, ids(r), j)),
    },
    noGoodWithMatch: runs.filter((r) => r.noGoodSupplier && r.shown.length > 0),
    codedDifferently: { total: different.length, shown: different.filter(Boolean).length },
  };
}
