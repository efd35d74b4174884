import type { Deps } from '../../platform/deps.js';
import { ancestorsOf, parentOf } from '../reference/cpv.js';
import { regionAncestors } from '../reference/nuts.js';
import { foldedWords } from '../reference/text.js';
import { SUPPLIERS_INDEX } from '../suppliers/suppliers-search.js';
import type { ScoringSupplier } from './scoring.js';

/** What matching reads of a need. */
export interface MatchableNeed {
  id: string;
  networkId: string;
  title: string;
  summary: string;
  description: string;
  cpvCodes: string[];
  cpvAll: string[];
  regions: string[];
  regionsAll: string[];
  stage: string;
  version: number;
}

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
}

/** The most candidates one need gets (the suppliers index's pagination.maxTotalHits). */
export const MAX_CANDIDATES = 10_000;
const PAGE = 10_000;
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

const quote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const anyOf = (field: string, values: string[]) => `${field} IN [${values.map(quote).join(', ')}]`;

/**
 * The CPV part of the candidate filter. A supplier is a candidate when one of its codes is
 *  - the need's code, below it, or below the code's parent (siblings and their children), or
 *  - an ancestor of the need's code (a broad supplier coded 48000000 for a need 48200000).
 */
export function cpvFilter(needCodes: string[]): string | null {
  if (needCodes.length === 0) return null;
  const subtreeRoots = new Set<string>();
  const ancestors = new Set<string>();
  for (const code of needCodes) {
    subtreeRoots.add(parentOf(code) ?? code);
    for (const a of ancestorsOf(code)) ancestors.add(a);
  }
  const clauses = [anyOf('cpvAll', [...subtreeRoots].sort())];
  if (ancestors.size > 0) clauses.push(anyOf('cpvCodes', [...ancestors].sort()));
  return `(${clauses.join(' OR ')})`;
}

/** The region part: serves the region or a part of it, or a region containing it (national coverage). */
export function regionFilter(needRegions: string[]): string | null {
  if (needRegions.length === 0) return null;
  const containing = [...new Set(needRegions.flatMap((r) => regionAncestors(r)))].sort();
  const clauses = [anyOf('regionsAll', needRegions)];
  if (containing.length > 0) clauses.push(anyOf('regions', containing));
  return `(${clauses.join(' OR ')})`;
}

const STOP_WORDS = new Set(
  (
    'och att det som en ett för med på av till är i om de den har inte kan vi ska eller men så från ' +
    'vara blir behov behovet behöver utan också mer alla där sig sin sina nya ny nytt samt genom ' +
    'the and for with of to in on a an is are be that this from by as or our we need needs new'
  ).split(' '),
);

/** The need's most telling words (title first), for the relevance query: at most 10. */
export function needKeywords(need: Pick<MatchableNeed, 'title' | 'summary'>): string {
  const words: string[] = [];
  for (const w of [...foldedWords(need.title), ...foldedWords(need.summary)]) {
    if (w.length < 3 || STOP_WORDS.has(w) || /^\d+$/.test(w) || words.includes(w)) continue;
    words.push(w);
    if (words.length === 10) break;
  }
  return words.join(' ');
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

export function toCandidate(doc: CandidateDoc, textRelevance: number | null): Candidate {
  return {
    id: doc.id,
    name: doc.name,
    size: doc.size,
    cpvCodes: doc.cpvCodes ?? [],
    regions: doc.regions ?? [],
    textRelevance,
    completeness: completenessOf(doc),
  };
}

/**
 * The suppliers a need is matched against: one filter-only query for the candidate set (CPV
 * closeness and region fit, up to MAX_CANDIDATES) and one query of the need's words over the
 * same filter for the text relevance (Meilisearch's ranking score). Two requests in one
 * multi-search round trip.
 */
export async function findCandidates(deps: Pick<Deps, 'search'>, need: MatchableNeed): Promise<Candidate[]> {
  const filter = ['status = "approved"'];
  const cpv = cpvFilter(need.cpvCodes);
  if (!cpv) return []; // a need without codes is found by search and subscriptions, not matched
  filter.push(cpv);
  const region = regionFilter(need.regions);
  if (region) filter.push(region);
  const indexUid = deps.search.indexName(SUPPLIERS_INDEX);
  const q = needKeywords(need);
  const { results } = await deps.search.client.multiSearch({
    queries: [
      { indexUid, q: '', filter, limit: PAGE, attributesToRetrieve: RETRIEVE },
      ...(q
        ? [
            {
              indexUid,
              q,
              filter,
              limit: PAGE,
              attributesToRetrieve: ['id'],
              showRankingScore: true,
              matchingStrategy: 'frequency' as const,
            },
          ]
        : []),
    ],
  });
  const relevance = new Map<string, number>();
  for (const hit of (results[1]?.hits ?? []) as { id: string; _rankingScore?: number }[]) {
    relevance.set(hit.id, hit._rankingScore ?? 0);
  }
  return ((results[0]?.hits ?? []) as unknown as CandidateDoc[]).map((doc) =>
    toCandidate(doc, relevance.get(doc.id) ?? null),
  );
}

/**
 * The supplier-side counterpart of the filters above, in code (for re-matching one profile
 * against the open needs): true when the pair would be a candidate.
 */
export function isCandidatePair(
  need: Pick<MatchableNeed, 'cpvCodes' | 'regions'>,
  supplier: Pick<CandidateDoc, 'cpvCodes' | 'regions'>,
): boolean {
  const cpvOk = need.cpvCodes.some((n) => {
    const root = parentOf(n) ?? n;
    const ancestors = ancestorsOf(n);
    return supplier.cpvCodes.some(
      (s) => s === root || ancestorsOf(s).includes(root) || ancestors.includes(s),
    );
  });
  if (!cpvOk) return false;
  if (need.regions.length === 0) return true;
  return need.regions.some((n) =>
    supplier.regions.some((s) => s === n || regionAncestors(s).includes(n) || regionAncestors(n).includes(s)),
  );
}

/** Text relevance of one supplier for several needs (the same query as findCandidates, filtered to the supplier). */
export async function relevanceForSupplier(
  deps: Pick<Deps, 'search'>,
  supplierId: string,
  needs: MatchableNeed[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const indexUid = deps.search.indexName(SUPPLIERS_INDEX);
  const withWords = needs.map((n) => ({ need: n, q: needKeywords(n) })).filter((x) => x.q);
  for (let i = 0; i < withWords.length; i += 100) {
    const slice = withWords.slice(i, i + 100);
    const { results } = await deps.search.client.multiSearch({
      queries: slice.map(({ q }) => ({
        indexUid,
        q,
        filter: [`id = ${quote(supplierId)}`],
        limit: 1,
        attributesToRetrieve: ['id'],
        showRankingScore: true,
        matchingStrategy: 'frequency' as const,
      })),
    });
    results.forEach((r, j) => {
      const hit = r.hits[0] as { _rankingScore?: number } | undefined;
      if (hit) out.set(slice[j]!.need.id, hit._rankingScore ?? 0);
    });
  }
  return out;
}
