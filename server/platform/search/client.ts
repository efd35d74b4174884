import { Meilisearch } from 'meilisearch';
import type { Config } from '../../config.js';

export interface Search {
  client: Meilisearch;
  /** The physical index name for a logical one, with the configured prefix. */
  indexName(logical: string): string;
}

export function createSearch(
  config: Pick<Config, 'MEILI_URL' | 'MEILI_MASTER_KEY' | 'MEILI_INDEX_PREFIX'>,
): Search {
  const client = new Meilisearch({
    host: config.MEILI_URL,
    apiKey: config.MEILI_MASTER_KEY,
    timeout: 5_000,
  });
  return { client, indexName: (logical) => `${config.MEILI_INDEX_PREFIX}${logical}` };
}
