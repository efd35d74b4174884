import type { MultiSearchQuery } from 'meilisearch';
import type { Deps } from '../../platform/deps.js';
import { documentVector, SEMANTIC_EMBEDDER } from '../../platform/embeddings/index.js';
import { embedAndIndex } from '../../platform/search/embed-and-index.js';
import { needEmbeddingTexts } from '../needs/needs-embedding.js';
import { needsSearchIndex } from '../needs/needs-search-index.js';
import { SUPPLIERS_INDEX, suppliersIndexSettings } from '../suppliers/suppliers-search.js';
import { cpvFilter, quote, regionFilter } from './candidate-filters.js';
import { keywordQueries, type MatchableNeed } from './need-text.js';
import type { ScoringSupplier } from './scoring.js';

export { cpvFilter, isCodeCandidate, regionFilter } from './candidate-filters.js';
export { keywordQueries, needText, type MatchableNeed } from './need-text.js';

/** A supplier as the suppliers index holds it (the fields matching reads). */
export interface CandidateDoc {
  id: string;
  name: string;
  description?: string;
  offerings?: string[];
  cpvCodes: string[];
  regions: string[];
  size?: string;
  languages?: string[];
  logoUrl?: string | null;
  certifications?: string[];
}

export interface Candidate extends ScoringSupplier {
  id: string;
  name: string;
  size?: string;
  /** Found by CPV proximity in the need's regions (kept whatever its text says). */
  coded: boolean;
}

/** The most code candidates one need gets (the suppliers index's pagination.maxTotalHits). */
export const MAX_CANDIDATES = 10_000;
/**
 * Text candidates per signal, whatever their codes and regions. Past the first couple of
 * hundred a profile's relevance is below the calibrated floor anyway (README, "Matching").
 */
export const TEXT_CANDIDATES = 200;
/** The requirements-and-description query counts a little less than the title-and-summary one. */
const BODY_QUERY_FACTOR = 0.8;
const RETRIEVE = [
  'id',
  'name',
  'description',
  'offerings',
  'cpvCodes',
  'regions',
  'size',
  'languages',
  'logoUrl',
  'certifications',
];
const APPROVED = 'status = "approved"';
/** The analysed terms (stems, compound parts, thesaurus groups) when the index has them. */
const SEARCH_ON = suppliersIndexSettings.searchableAttributes?.includes('terms')
  ? { attributesToSearchOn: ['terms'] }
  : {};

type Hit = CandidateDoc & { _rankingScore?: number };

/** The `code`s along an error's cause chain (the client wraps Meilisearch's answer). */
function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; i++) {
    if (typeof e.code === 'string') codes.push(e.code);
    e = e.cause as typeof e;
  }
  return codes;
}

/**
 * Meilisearch refuses `attributesToSearchOn: ['terms']` while no document has the field (an
 * empty index after a fresh install): then no profile can match, which is an empty answer.
 */
async function multiSearchOrEmpty(deps: Pick<Deps, 'search'>, queries: MultiSearchQuery[]) {
  try {
    return await deps.search.client.multiSearch({ queries });
  } catch (err) {
    if (errorCodes(err).includes('invalid_search_attributes_to_search_on'))
      return { results: queries.map(() => ({ hits: [] })) };
    throw err;
  }
}

/** What makes a profile one a buyer can act on, from what the index holds. */
export function completenessOf(doc: CandidateDoc): Record<string, boolean> {
  return {
    description: (doc.description ?? '').trim().length >= 80,
    offerings: (doc.offerings ?? []).length > 0,
    logo: Boolean(doc.logoUrl),
    languages: (doc.languages ?? []).length > 0,
    certifications: (doc.certifications ?? []).length > 0,
  };
}

export function toCandidate(
  doc: CandidateDoc,
  keyword: number | null,
  semantic: number | null,
  coded = true,
): Candidate {
  return {
    coded,
    id: doc.id,
    name: doc.name,
    size: doc.size,
    cpvCodes: doc.cpvCodes ?? [],
    regions: doc.regions ?? [],
    keyword,
    semantic,
    completeness: completenessOf(doc),
  };
}

/**
 * The need's stored vector. Matching usually runs before the embedding job has reached a new
 * need, so it embeds the need itself the way that job does (idempotent: by text hash, stored,
 * with the batch timeout rather than a search query's) and writes the vector into the need's
 * search document as that job would, since the job then finds the text unchanged and writes
 * nothing. Null when the embedder is down: matching then runs on keywords alone.
 */
export async function needVector(deps: Deps, need: MatchableNeed): Promise<number[] | null> {
  try {
    const stored = await documentVector(deps, 'need', need.id);
    if (stored) return stored;
    await embedAndIndex(deps, needsSearchIndex, 'need', [need.id], needEmbeddingTexts).catch(
      (err: unknown) => {
        // A saved vector still serves matching. If only the index write failed, the document
        // gets its vector with the need's next sync (change, approval or `npm run reindex`).
        deps.logger.warn({ err, needId: need.id }, 'need embedding or its search document write failed');
      },
    );
    return await documentVector(deps, 'need', need.id);
  } catch (err) {
    deps.logger.warn({ err, needId: need.id }, 'need vector unavailable; matching on keywords');
    return null;
  }
}

/** Nearest profiles by meaning; null (not an empty list) when semantic search is unavailable. */
async function semanticHits(deps: Deps, vector: number[], filter: string[], limit: number) {
  try {
    const res = await deps.search.client.index(deps.search.indexName(SUPPLIERS_INDEX)).search('', {
      vector,
      hybrid: { embedder: SEMANTIC_EMBEDDER, semanticRatio: 1 },
      filter,
      limit,
      attributesToRetrieve: RETRIEVE,
      showRankingScore: true,
    });
    return res.hits as unknown as Hit[];
  } catch (err) {
    deps.logger.warn({ err }, 'semantic candidate search failed; matching on keywords');
    return null;
  }
}

export interface FoundCandidates {
  candidates: Candidate[];
  /** False when the need had no vector or the vector search failed (keyword-only scores). */
  semantic: boolean;
}

/**
 * The suppliers a need is matched against: the union of
 *  - code candidates: CPV proximity inside the need's regions (filter-only, up to MAX_CANDIDATES),
 *  - keyword candidates: the need's analysed terms against the profiles' `terms`, any codes and regions,
 *  - semantic candidates: the nearest profiles to the need's vector, any codes and regions.
 * Regions gate only the code candidates; for text candidates they are a part of the score. The
 * keyword queries run a second time over the code filter so that every code candidate has its
 * relevance, not only those among the top text hits. One multi-search round trip for the
 * keyword side, the vector searches beside it.
 */
export async function findCandidates(deps: Deps, need: MatchableNeed): Promise<FoundCandidates> {
  const indexUid = deps.search.indexName(SUPPLIERS_INDEX);
  const cpv = cpvFilter(need.cpvCodes);
  const region = regionFilter(need.regions);
  const codeFilter = cpv ? [APPROVED, cpv, ...(region ? [region] : [])] : null;
  const words = keywordQueries(need);
  const keyword = (q: string, filter: string[], limit: number) => ({
    indexUid,
    q,
    filter,
    limit,
    ...SEARCH_ON,
    attributesToRetrieve: RETRIEVE,
    showRankingScore: true,
    matchingStrategy: 'frequency' as const,
  });
  const queries = [
    ...(codeFilter
      ? [{ indexUid, q: '', filter: codeFilter, limit: MAX_CANDIDATES, attributesToRetrieve: RETRIEVE }]
      : []),
    ...words.map((q) => keyword(q, [APPROVED], TEXT_CANDIDATES)),
    ...(codeFilter ? words.map((q) => keyword(q, codeFilter, MAX_CANDIDATES)) : []),
  ];
  const vector = await needVector(deps, need);
  const [multi, nearest, nearestCoded] = await Promise.all([
    queries.length > 0 ? multiSearchOrEmpty(deps, queries) : { results: [] },
    vector ? semanticHits(deps, vector, [APPROVED], TEXT_CANDIDATES) : null,
    vector && codeFilter ? semanticHits(deps, vector, codeFilter, 1_000) : null,
  ]);
  const results = multi.results.map((r) => r.hits as unknown as Hit[]);
  const docs = new Map<string, CandidateDoc>();
  const coded = new Set<string>();
  const keywordScore = new Map<string, number>();
  let at = 0;
  if (codeFilter) {
    for (const h of results[at++] ?? []) {
      docs.set(h.id, h);
      coded.add(h.id);
    }
  }
  const keywordSets = results.slice(at);
  keywordSets.forEach((hits, i) => {
    // Queries alternate head/body per filter: the body query's scores count a little less.
    const factor = i % words.length === 0 ? 1 : BODY_QUERY_FACTOR;
    for (const h of hits) {
      docs.set(h.id, h);
      const s = (h._rankingScore ?? 0) * factor;
      if (s > (keywordScore.get(h.id) ?? 0)) keywordScore.set(h.id, s);
    }
  });
  const semantic = nearest !== null;
  const semanticScore = new Map<string, number>();
  for (const h of [...(nearest ?? []), ...(nearestCoded ?? [])]) {
    docs.set(h.id, h);
    semanticScore.set(h.id, Math.max(semanticScore.get(h.id) ?? 0, h._rankingScore ?? 0));
  }
  const candidates = [...docs.values()].map((doc) =>
    toCandidate(
      doc,
      keywordScore.get(doc.id) ?? null,
      semantic ? (semanticScore.get(doc.id) ?? 0) : null,
      coded.has(doc.id),
    ),
  );
  return { candidates, semantic };
}

/**
 * Keyword relevance of one supplier for several needs (the same queries as findCandidates,
 * filtered to the supplier), so a pair scores the same from either side.
 */
export async function keywordForSupplier(
  deps: Pick<Deps, 'search'>,
  supplierId: string,
  needs: MatchableNeed[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const indexUid = deps.search.indexName(SUPPLIERS_INDEX);
  const queries = needs.flatMap((n) =>
    keywordQueries(n).map((q, i) => ({ needId: n.id, q, factor: i === 0 ? 1 : BODY_QUERY_FACTOR })),
  );
  for (let i = 0; i < queries.length; i += 100) {
    const slice = queries.slice(i, i + 100);
    const { results } = await multiSearchOrEmpty(
      deps,
      slice.map(({ q }) => ({
        indexUid,
        q,
        filter: [`id = ${quote(supplierId)}`],
        limit: 1,
        ...SEARCH_ON,
        attributesToRetrieve: ['id'],
        showRankingScore: true,
        matchingStrategy: 'frequency' as const,
      })),
    );
    results.forEach((r, j) => {
      const hit = r.hits[0] as { _rankingScore?: number } | undefined;
      const { needId, factor } = slice[j]!;
      const s = (hit?._rankingScore ?? 0) * factor;
      if (hit && s > (out.get(needId) ?? 0)) out.set(needId, s);
    });
  }
  return out;
}
