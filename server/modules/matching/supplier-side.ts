import type { Deps } from '../../platform/deps.js';
import { documentVector, SEMANTIC_EMBEDDER } from '../../platform/embeddings/index.js';
import { NEEDS_INDEX } from '../needs/needs-search.js';
import { createNeedsRepository } from '../needs/needs.repository.js';
import type { Need } from '../needs/needs.types.js';
import { foldedWords } from '../reference/text.js';
import { isCodeCandidate, keywordForSupplier, type CandidateDoc } from './candidates.js';
import { createMatchesRepository } from './matching.repository.js';
import type { MatchableNeed } from './need-text.js';

/** Open needs a profile is compared with by text, per signal. */
const TEXT_NEEDS = 50;
const OPEN = ['status = "published"'];

export interface SupplierSide {
  /** Every open need the supplier is compared with, and those it already had a match for. */
  open: Need[];
  /** The ids of the needs it is a candidate for. */
  candidates: Set<string>;
  keyword: Map<string, number>;
  /** Semantic score for a need, or null without vectors. */
  semanticOf(needId: string): number | null;
}

/**
 * Which open needs one profile is matched against, the mirror of findCandidates: needs coded
 * in one of its divisions (the exact code rule is applied in code), needs whose text its own
 * words find in the needs index, and the needs nearest to its vector. Each pair then gets the
 * same keyword relevance as from the need's side, so a pair scores the same either way.
 */
export async function supplierSideNeeds(
  deps: Deps,
  doc: CandidateDoc & { pitch?: string; keywords?: string[] },
): Promise<SupplierSide> {
  const needsRepo = createNeedsRepository(deps.mongo);
  const index = deps.search.client.index(deps.search.indexName(NEEDS_INDEX));
  const words = [
    ...new Set(foldedWords([doc.pitch ?? '', ...(doc.offerings ?? []), ...(doc.keywords ?? [])].join(' '))),
  ]
    .filter((w) => w.length > 3)
    .slice(0, 10)
    .join(' ');
  const vector = await documentVector(deps, 'supplier', doc.id).catch(() => null);
  const [coded, byWords, nearest, previous] = await Promise.all([
    codedOpenNeeds(deps, doc.cpvCodes),
    words
      ? index
          .search(words, {
            filter: OPEN,
            limit: TEXT_NEEDS,
            attributesToRetrieve: ['id'],
            matchingStrategy: 'frequency',
          })
          .then((r) => r.hits.map((h) => String(h.id)))
          .catch(() => [] as string[])
      : Promise.resolve([] as string[]),
    vector
      ? index
          .search('', {
            vector,
            hybrid: { embedder: SEMANTIC_EMBEDDER, semanticRatio: 1 },
            filter: OPEN,
            limit: TEXT_NEEDS,
            attributesToRetrieve: ['id'],
            showRankingScore: true,
          })
          .then((r) => r.hits.map((h) => ({ id: String(h.id), score: h._rankingScore ?? 0 })))
          .catch(() => null)
      : Promise.resolve(null),
    createMatchesRepository(deps.mongo).openNeedIdsOf(doc.id),
  ]);
  const ids = new Set([...coded, ...byWords, ...(nearest ?? []).map((n) => n.id), ...previous]);
  const open = (await needsRepo.findByIds([...ids])).filter((n) => n.status === 'published' && !n.hidden);
  const semantic = new Map((nearest ?? []).map((n) => [n.id, n.score]));
  const textual = open.filter((n) => byWords.includes(n.id) || semantic.has(n.id) || previous.includes(n.id));
  const keyword = await keywordForSupplier(deps, doc.id, textual.map(asMatchable));
  const candidates = new Set(
    open
      .filter((n) => isCodeCandidate(n, doc) || (keyword.get(n.id) ?? 0) > 0 || semantic.has(n.id))
      .map((n) => n.id),
  );
  // Code candidates outside the text hits still need their keyword relevance.
  const rest = open.filter((n) => candidates.has(n.id) && !textual.includes(n));
  for (const [id, s] of await keywordForSupplier(deps, doc.id, rest.map(asMatchable))) keyword.set(id, s);
  return {
    open,
    candidates,
    keyword,
    semanticOf: (needId) => (nearest === null ? null : (semantic.get(needId) ?? 0)),
  };
}

function asMatchable(n: Need): MatchableNeed {
  return { ...n, description: n.description ?? '', requirements: n.requirements ?? [] };
}

/** Open needs coded in one of the supplier's divisions, by the needs' cpvAll index. */
async function codedOpenNeeds(deps: Pick<Deps, 'mongo'>, supplierCodes: string[]): Promise<string[]> {
  if (supplierCodes.length === 0) return [];
  const divisions = [...new Set(supplierCodes.map((c) => `${c.slice(0, 2)}000000`))];
  const rows = await deps.mongo
    .collection('needs')
    .find(
      { status: 'published', hidden: { $ne: true }, cpvAll: { $in: divisions } },
      { projection: { _id: 1 } },
    )
    .limit(5_000)
    .toArray();
  return rows.map((d) => String(d._id));
}
