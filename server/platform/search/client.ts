import { Meilisearch } from 'meilisearch';
import type { Config } from '../../config.js';
import { meiliHttpClient } from './http-client.js';

export interface Search {
  client: Meilisearch;
  /** The physical index name for a logical one, with the configured prefix. */
  indexName(logical: string): string;
}

/**
 * The client for writes, settings and administration (the query paths have their own, with
 * the search timeout). node:http rather than fetch: fetch adds ~40 ms to each answer (see
 * http-client.ts), which every `waitTask` poll pays, and asks for gzip, which costs the workers
 * a zlib stream per poll.
 *
 * No client `timeout`: with one set, meilisearch-js 0.62 adds an abort listener to the signal of
 * `waitTask` on every poll and never removes it (a MaxListenersExceededWarning after ten polls).
 * The HTTP client drops a request that hears nothing for 30 s instead, and `waitTask` has its own
 * overall timeout. A sync job sends up to 5,000 documents to a Meilisearch that may be busy
 * indexing, so the limit is generous.
 */
export function createSearch(
  config: Pick<Config, 'MEILI_URL' | 'MEILI_MASTER_KEY' | 'MEILI_INDEX_PREFIX'>,
): Search {
  const client = new Meilisearch({
    host: config.MEILI_URL,
    apiKey: config.MEILI_MASTER_KEY,
    httpClient: meiliHttpClient,
  });
  return { client, indexName: (logical) => `${config.MEILI_INDEX_PREFIX}${logical}` };
}
