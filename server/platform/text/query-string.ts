import type { AnalyzedQuery } from './analyze.js';

/**
 * The `q` sent to Meilisearch for an analysed query: its terms, one per word. Meilisearch treats
 * the last word as a prefix unless the query ends with a space; a complete last word gets that
 * space, since its term is a base form whose prefix matches unrelated words (bro → brott).
 */
export function meiliQuery(query: AnalyzedQuery): string {
  const q = query.terms.join(' ');
  return q && query.lastComplete ? `${q} ` : q;
}
