/**
 * The Meilisearch request for a supplier query (filter, facets, highlighting, the normalised
 * query). The hybrid part (embedding) is added by the caller (suppliers-search.ts).
 */
import { analyzeQuery, meiliQuery } from '../../platform/text/index.js';
import { regionAncestors } from '../reference/nuts.js';
import type { SearchQuery } from './suppliers.schemas.js';

// Private-use characters as highlight tags: the text is HTML-escaped first, then they become <mark>.
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

const quote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const anyOf = (field: string, values: string[]) => `${field} IN [${values.map(quote).join(', ')}]`;

/** Regions a filter value stands for: the region and those below it, or a region containing it. */
function regionClause(regions: string[]): string {
  const containing = [...new Set(regions.flatMap((r) => regionAncestors(r)))];
  const clauses = [anyOf('regionsAll', regions)];
  if (containing.length > 0) clauses.push(anyOf('regions', containing));
  return `(${clauses.join(' OR ')})`;
}

/** Meilisearch filter for a query; the same rules as the MongoDB fallback. */
export function buildFilter(query: SearchQuery, publicOnly: boolean): string[] {
  const filter = ['status = "approved"'];
  if (publicOnly) filter.push('public = true');
  if (query.cpv?.length) filter.push(anyOf('cpvAll', query.cpv));
  if (query.region?.length) filter.push(regionClause(query.region));
  if (query.size?.length) filter.push(anyOf('size', query.size));
  if (query.certification?.length) filter.push(anyOf('certifications', query.certification));
  if (query.language?.length) filter.push(anyOf('languages', query.language));
  return filter;
}

export const FACETS = ['cpvDivisions', 'regions', 'size', 'certifications', 'languages'] as const;

export function searchParams(query: SearchQuery, publicOnly: boolean) {
  return {
    // One normalised term per word, searched in the original fields (typo tolerance, prefix on
    // the last word) and in `terms`; all words count, the rarest kept longest (see README).
    q: meiliQuery(analyzeQuery(query.q)),
    matchingStrategy: 'frequency' as const,
    filter: buildFilter(query, publicOnly),
    facets: [...FACETS],
    page: query.page,
    hitsPerPage: query.pageSize,
    attributesToRetrieve: [
      'id',
      'name',
      'pitch',
      'offerings',
      'cpvCodes',
      'regions',
      'size',
      'certifications',
      'languages',
      'logoUrl',
    ],
    attributesToHighlight: ['name', 'pitch', 'description'],
    attributesToCrop: ['description'],
    cropLength: 30,
    highlightPreTag: MARK_START,
    highlightPostTag: MARK_END,
  };
}

// Private-use characters as highlight tags: the text is HTML-escaped first, then they become <mark>.
