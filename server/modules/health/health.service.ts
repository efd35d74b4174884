import type { Deps } from '../../platform/deps.js';
import { mongoVersion } from '../../platform/mongo.js';
import { redisVersion } from '../../platform/redis.js';

export interface ServiceStatus {
  ok: boolean;
  version?: string;
  error?: string;
  latencyMs: number;
}

export interface Readiness {
  status: 'ready' | 'unavailable';
  services: { mongodb: ServiceStatus; meilisearch: ServiceStatus; redis: ServiceStatus };
}

const CHECK_TIMEOUT_MS = 2_000;

async function check(probe: () => Promise<string>): Promise<ServiceStatus> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const version = await Promise.race([
      probe(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return { ok: true, version, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return {
      ok: false,
      error: err instanceof Error ? err.message : String(err),
      latencyMs: Math.round(performance.now() - started),
    };
  } finally {
    clearTimeout(timer);
  }
}

export function createHealthService(deps: Pick<Deps, 'mongo' | 'redis' | 'search'>) {
  return {
    async readiness(): Promise<Readiness> {
      const [mongodb, meilisearch, redis] = await Promise.all([
        check(() => mongoVersion(deps.mongo)),
        check(async () => (await deps.search.client.getVersion()).pkgVersion),
        check(() => redisVersion(deps.redis)),
      ]);
      const ready = mongodb.ok && meilisearch.ok && redis.ok;
      return { status: ready ? 'ready' : 'unavailable', services: { mongodb, meilisearch, redis } };
    },
  };
}
