import type { NetworksRepository } from '../networks/networks.repository.js';

/** Names of networks by id, for search results and facets. */
export interface NetworkNames {
  names(ids: readonly string[]): Promise<Map<string, string>>;
}

/**
 * Looks names up through the networks repository and keeps them for `ttlMs`: a search answer
 * names every network in its facets, and names change rarely (a renamed network shows its new
 * name within a minute; indexed documents get it at the next sync or reindex).
 */
export function createNetworkNames(
  networks: Pick<NetworksRepository, 'findById'>,
  ttlMs = 60_000,
): NetworkNames {
  const cache = new Map<string, { name: string | null; until: number }>();
  return {
    async names(ids) {
      const now = Date.now();
      const out = new Map<string, string>();
      const missing: string[] = [];
      for (const id of new Set(ids)) {
        const hit = cache.get(id);
        if (hit && hit.until > now) {
          if (hit.name !== null) out.set(id, hit.name);
        } else missing.push(id);
      }
      const found = await Promise.all(missing.map((id) => networks.findById(id)));
      missing.forEach((id, i) => {
        const name = found[i]?.name ?? null;
        cache.set(id, { name, until: now + ttlMs });
        if (name !== null) out.set(id, name);
      });
      if (cache.size > 10_000) cache.clear();
      return out;
    },
  };
}
