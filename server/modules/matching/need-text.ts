import { analyzeQuery, analyzeText } from '../../platform/text/index.js';

/** What matching reads of a need. */
export interface MatchableNeed {
  id: string;
  networkId: string;
  title: string;
  summary: string;
  description: string;
  requirements: string[];
  cpvCodes: string[];
  cpvAll: string[];
  regions: string[];
  regionsAll: string[];
  stage: string;
  version: number;
}

/** Meilisearch reads at most ten words of a query and drops the rest silently. */
const QUERY_WORDS = 10;

/**
 * Words every need is written with ("vi söker en lösning som ska kunna …"): as query terms they
 * match every profile and drown the words that say what the need is about.
 */
const BOILERPLATE = new Set(
  analyzeText(
    'söker lösning lösningar lösningen vill kunna ska behov behovet behöver gör göra får finns ' +
      'använda användas används del delar dag dagen idag ca cirka dem oss våra kommun kommuner kommunen ' +
      'kommunens nätverket nätverk medlemskommunerna upphandling tidig dialog marknaden erbjuda form ' +
      'andra olika möjlighet sätt pröva utföras genomföra fungera bör även',
  ),
);

const telling = (t: string) => t.length >= 3 && !/^\d+$/.test(t) && !BOILERPLATE.has(t);

/** The need's whole text, as the embedder and the evidence finder read it. */
export function needText(need: Pick<MatchableNeed, 'title' | 'summary' | 'requirements' | 'description'>) {
  return [need.title, need.summary, ...need.requirements, need.description].filter(Boolean).join('\n');
}

/**
 * The need's analysed terms as keyword queries over the profiles' `terms`: the title and
 * summary first (what the need is), then the terms that recur most in the functional
 * requirements and the description. One term per word (analyzeQuery), so ten words of the
 * need are ten query words; two queries, because one would drop everything after the tenth.
 */
export function keywordQueries(
  need: Pick<MatchableNeed, 'title' | 'summary' | 'requirements' | 'description'>,
): string[] {
  const head: string[] = [];
  for (const part of [need.title, need.summary]) {
    for (const t of analyzeQuery(part).terms.filter(telling))
      if (head.length < QUERY_WORDS && !head.includes(t)) head.push(t);
  }
  const counts = new Map<string, number>();
  const sentences = need.description.split(/(?<=[.!?])\s+/);
  for (const item of [...need.requirements, ...sentences]) {
    for (const t of new Set(analyzeQuery(item).terms.filter(telling))) {
      if (!head.includes(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
  }
  const body = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]))
    .slice(0, QUERY_WORDS)
    .map(([t]) => t);
  return [head, body].filter((q) => q.length > 0).map((q) => q.join(' '));
}

/** Every analysed term of the need (for naming the offerings and references that share them). */
export function needTerms(need: Parameters<typeof needText>[0]): Set<string> {
  return new Set(analyzeText(needText(need)));
}
