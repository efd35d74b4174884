import { withAncestors } from '../reference/cpv.js';
import { regionAncestors } from '../reference/nuts.js';
import { foldedWords } from '../reference/text.js';
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

export function queryWords(q: string): string[] {
  return [...new Set(foldedWords(q))];
}

/** Every word of the saved search starts some word of the need's text (case and diacritics ignored). */
export function textMatches(qWords: readonly string[], needText: string | readonly string[]): boolean {
  if (qWords.length === 0) return true;
  const words = Array.isArray(needText) ? needText : foldedWords(needText as string);
  return qWords.every((q) => words.some((w) => w.startsWith(q)));
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
