import { withAncestors } from '../reference/cpv.js';
import { regionAncestors } from '../reference/nuts.js';
import {
  analyzedText,
  foldText,
  lowerWords,
  queryTermsByWord,
  textMatchesQuery,
  wordQueryTerm,
  type AnalyzedText,
} from '../../platform/text/index.js';
import { ANY, type SubscriptionDoc } from './subscription.model.js';

export interface SearchFilters {
  q: string;
  cpvCodes: string[];
  regions: string[];
  networkIds: string[];
  stages: string[];
}

/** What a newly published need offers to the lookup. */
export interface LookupNeed {
  networkId: string;
  cpvAll: string[];
  regions: string[];
  regionsAll: string[];
  stage: string;
  /** Title, summary, description: what a saved search's words are checked against. */
  text: string;
}

const orAny = (values: string[]) => (values.length > 0 ? [...new Set(values)].sort() : [ANY]);

/**
 * The lookup form of a subscription. A need satisfies a saved search when every non-empty
 * dimension intersects the need's values, with the same meaning as the need search filters:
 * a CPV filter code matches needs coded with it or below it (it is in the need's cpvAll); a
 * region filter matches needs in the region or below it (in the need's regionsAll) and needs
 * for a region containing it (a need for all of Sweden concerns a supplier filtering on SE110).
 */
export function lookupKeys(kind: SubscriptionDoc['kind'], filters: SearchFilters, networkId?: string) {
  if (kind === 'network' && networkId) {
    return { cpv: [ANY], region: [ANY], regionUp: [], network: [networkId], stage: [ANY] };
  }
  if (kind !== 'search') return { cpv: [], region: [], regionUp: [], network: [], stage: [] };
  return {
    cpv: orAny(filters.cpvCodes),
    region: orAny(filters.regions),
    regionUp: [...new Set(filters.regions.flatMap((r) => regionAncestors(r)))].sort(),
    network: orAny(filters.networkIds),
    stage: orAny(filters.stages),
  };
}

/**
 * A saved search's words as stored: `qWords` folded (each may start a word of the need, as
 * before the analysis) and `qTerms[i]` the normalised term of `qWords[i]` (platform/text), so
 * "skog" also hears of "skogsbruksplan", "broar" of "bro" and "simhall" of "badhus".
 */
export function savedSearchWords(q: string): { qWords: string[]; qTerms: string[] } {
  const qWords: string[] = [];
  const qTerms: string[] = [];
  const byWord = queryTermsByWord(q);
  for (const word of lowerWords(q)) {
    const folded = foldText(word);
    if (qWords.includes(folded)) continue;
    qWords.push(folded);
    qTerms.push(byWord.get(word) ?? wordQueryTerm(word));
  }
  return { qWords, qTerms };
}

/** The folded words alone (no analysis: what a prefix check needs). */
export function queryWords(q: string): string[] {
  return [...new Set(lowerWords(q).map(foldText))];
}

/** A new need's text, analysed once for checking every saved search the lookup found. */
export const needTextForSearches = (title: string, summary: string, description: string): AnalyzedText =>
  analyzedText(`${title}\n${summary}\n${description}`);

/**
 * Every word of the saved search is in the need: its normalised term is among the need's terms,
 * or it starts a word of the need (case and diacritics ignored). A subscription stored before
 * the analysis has no `qTerms`: then only the prefix counts, as it did.
 */
export function searchMatchesNeed(
  s: { qWords: readonly string[]; qTerms?: readonly string[] },
  need: AnalyzedText,
): boolean {
  if (s.qWords.length === 0) return true;
  return textMatchesQuery(s.qWords, s.qTerms ?? [], need);
}

/** Prefix-only check of folded words (kept for callers that have no analysed need text). */
export function textMatches(qWords: readonly string[], needText: string | readonly string[]): boolean {
  if (qWords.length === 0) return true;
  if (typeof needText === 'string') return searchMatchesNeed({ qWords }, analyzedText(needText));
  return qWords.every((q) => needText.some((w) => w.startsWith(q)));
}

/** The MongoDB filter that finds the search and network subscriptions a need satisfies (before the text check). */
export function lookupFilter(need: LookupNeed): Record<string, unknown> {
  const region: Record<string, unknown>[] = [{ 'keys.region': { $in: [...need.regionsAll, ANY] } }];
  if (need.regions.length > 0) region.push({ 'keys.regionUp': { $in: need.regions } });
  return {
    active: true,
    kind: { $in: ['search', 'network'] },
    'keys.cpv': { $in: [...need.cpvAll, ANY] },
    'keys.network': { $in: [need.networkId, ANY] },
    'keys.stage': { $in: [need.stage, ANY] },
    $or: region,
  };
}

/** CPV codes canonicalised with ancestors are what needs carry; filters keep the codes as chosen. */
export { withAncestors };
