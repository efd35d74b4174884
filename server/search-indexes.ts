import type { SearchIndexDefinition } from './platform/search/search-index.js';
import { ensureSearchIndex } from './platform/search/search-index.js';
import type { Deps } from './platform/deps.js';
import { needsSearchIndex } from './modules/needs/needs-search.js';
import { suppliersIndex } from './modules/suppliers/suppliers-search.js';

/** Every Meilisearch index the product keeps. Features add their definitions here. */
export const searchIndexes: SearchIndexDefinition[] = [needsSearchIndex, suppliersIndex];

export function searchIndexByName(name: string): SearchIndexDefinition | undefined {
  return searchIndexes.find((d) => d.name === name);
}

/** Creates every index and applies its settings; idempotent. */
export async function ensureAllSearchIndexes(deps: Pick<Deps, 'search' | 'config'>): Promise<void> {
  for (const def of searchIndexes) await ensureSearchIndex(deps, def);
}
