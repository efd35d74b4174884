/**
 * Loads the relevance set into an empty stack through the product's own paths, and waits until
 * the workers have caught up:
 *  - one approved network (networks repository, as bench:search does);
 *  - the needs through the needs repository (bulk insert, published), then the events an
 *    approval records (`need.changed` + `need.published`) in the outbox, so the relay and the
 *    workers sync the index, embed the needs and match them — the publication path;
 *  - the supplier profiles through the supplier import (approved, outbox, sync and embedding by
 *    the workers);
 *  - a separate raw index of the same need texts with Meilisearch's default settings (variant a).
 * Maps the set's ids (`n-…`, `s-…`) to the database ids both ways.
 */
import type { Meilisearch } from 'meilisearch';
import { needsSearchIndex } from '../../server/modules/needs/needs-search.js';
import { needEvents } from '../../server/modules/needs/needs.events.js';
import { createNeedsRepository } from '../../server/modules/needs/needs.repository.js';
import type { NewNeed } from '../../server/modules/needs/needs.types.js';
import { createNetworksRepository } from '../../server/modules/networks/networks.repository.js';
import { luhnCheckDigit } from '../../server/modules/organisations/org-number.js';
import { label, withAncestors } from '../../server/modules/reference/cpv.js';
import { regionsWithAncestors } from '../../server/modules/reference/nuts.js';
import { importSuppliers } from '../../server/modules/suppliers/suppliers-import.js';
import { suppliersIndex } from '../../server/modules/suppliers/suppliers-search.js';
import type { Deps } from '../../server/platform/deps.js';
import { createOutbox, inTransaction } from '../../server/platform/outbox/outbox.js';
import { outboxModel } from '../../server/platform/outbox/outbox.model.js';
import type { RelevanceSet } from './relevance-data.js';
import { log } from './kit.js';

export const NETWORK_NAME = 'Beställarnätverket för offentlig förnyelse';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Loaded {
  networkId: string;
  /** set id → database id, and back */
  needId: Map<string, string>;
  needKey: Map<string, string>;
  supplierId: Map<string, string>;
  supplierKey: Map<string, string>;
  rawIndex: string;
}

async function seedNetwork(deps: Deps): Promise<string> {
  const networks = createNetworksRepository(deps.mongo);
  return inTransaction(deps.mongo, async (tx) => {
    const n = await networks.create(
      {
        name: NETWORK_NAME,
        slug: 'relevans',
        subjectArea: 'Offentlig förnyelse',
        description: 'Nätverket bakom utvärderingsmängden.',
        languages: ['sv', 'en'],
        contact: { name: 'Samordnare', email: 'samordnare@example.se' },
        coordinatorOrgId: '650000000000000000000001',
        createdBy: '650000000000000000000002',
      },
      tx,
    );
    await networks.moderate(
      n.id,
      ['pending'],
      { status: 'approved', by: '650000000000000000000002', at: new Date() },
      tx,
    );
    return n.id;
  });
}

async function seedNeeds(deps: Deps, set: RelevanceSet, networkId: string): Promise<Map<string, string>> {
  const repo = createNeedsRepository(deps.mongo);
  const publishedAt = new Date();
  const rows: NewNeed[] = set.needs.map((n) => ({
    networkId,
    title: n.title,
    summary: n.summary,
    description: n.description,
    requirements: n.requirements,
    desiredOutcomes: n.desiredOutcomes ?? '',
    cpvCodes: n.cpvCodes,
    cpvAll: withAncestors(n.cpvCodes),
    regions: n.regions,
    regionsAll: regionsWithAncestors(n.regions),
    language: n.language,
    stage: 'market_dialogue',
    status: 'published',
    publishedAt,
    submittedAt: publishedAt,
  }));
  await repo.insertMany(rows);
  // Titles are unique in the set (the loader checks): they give the database ids back.
  const stored = await deps.mongo
    .collection<{ _id: unknown; title: string }>('needs')
    .find({}, { projection: { title: 1 } })
    .toArray();
  const byTitle = new Map(stored.map((d) => [d.title, String(d._id)]));
  const ids = new Map(set.needs.map((n) => [n.id, byTitle.get(n.title)]));
  const missing = [...ids].filter(([, id]) => id === undefined).map(([key]) => key);
  if (missing.length > 0) throw new Error(`inserted needs not found: ${missing.join(', ')}`);
  const outbox = createOutbox(deps.mongo);
  await inTransaction(deps.mongo, (tx) =>
    outbox.record(
      tx,
      [...ids.values()].flatMap((id) => [needEvents.changed(id!, 1), needEvents.published(id!, 1)]),
    ),
  );
  return ids as Map<string, string>;
}

/** A valid Swedish org number per profile, canonical (NNNNNN-NNNN): 559 + the index + Luhn. */
export function orgNumberOf(i: number): string {
  const first9 = `559${String(100_000 + i).padStart(6, '0')}`;
  const all = `${first9}${luhnCheckDigit(first9)}`;
  return `${all.slice(0, 6)}-${all.slice(6)}`;
}

async function seedSuppliers(deps: Deps, set: RelevanceSet): Promise<Map<string, string>> {
  const rows = set.suppliers.map((s, i) => ({
    line: i + 1,
    data: {
      orgNumber: orgNumberOf(i),
      organisationName: s.name,
      name: s.name,
      pitch: s.pitch,
      description: s.description,
      offerings: s.offerings,
      cpvCodes: s.cpvCodes,
      regions: s.regions,
      companySize: s.companySize,
      languages: s.languages,
      references: s.references,
      keywords: s.keywords,
    },
  }));
  const summary = await importSuppliers(deps, rows, { status: 'approved' });
  if (summary.rejected > 0)
    throw new Error(`the import rejected profiles: ${JSON.stringify(summary.rejectedRows.slice(0, 3))}`);
  const stored = await deps.mongo
    .collection<{ _id: unknown; orgNumber: string }>('supplier_profiles')
    .find({}, { projection: { orgNumber: 1 } })
    .toArray();
  const byOrg = new Map(stored.map((d) => [d.orgNumber, String(d._id)]));
  const ids = new Map(set.suppliers.map((s, i) => [s.id, byOrg.get(orgNumberOf(i))]));
  const missing = [...ids].filter(([, id]) => id === undefined).map(([key]) => key);
  if (missing.length > 0) throw new Error(`imported profiles not found: ${missing.join(', ')}`);
  return ids as Map<string, string>;
}

/** Variant (a): the need texts and CPV labels in an index with Meilisearch's defaults. */
async function seedRawIndex(deps: Deps, set: RelevanceSet): Promise<string> {
  const uid = deps.search.indexName('relevance_raw');
  const client: Meilisearch = deps.search.client;
  await client.createIndex(uid, { primaryKey: 'id' }).waitTask();
  const docs = set.needs.map((n) => ({
    id: n.id,
    title: n.title,
    summary: n.summary,
    requirements: n.requirements,
    description: n.description,
    desiredOutcomes: n.desiredOutcomes ?? '',
    cpvLabelsSv: n.cpvCodes.map((c) => label(c, 'sv')),
    cpvLabelsEn: n.cpvCodes.map((c) => label(c, 'en')),
    networkName: NETWORK_NAME,
  }));
  const task = await client.index(uid).addDocuments(docs).waitTask({ timeout: 120_000 });
  if (task.status !== 'succeeded') throw new Error(`raw index: ${JSON.stringify(task.error)}`);
  return uid;
}

const invert = (m: Map<string, string>) => new Map([...m].map(([k, v]) => [v, k]));

/**
 * Profiles first, then the needs once the profiles are indexed (and embedded): the workers
 * match a need when it is published, as in production, where suppliers are there before a need.
 */
export async function loadSet(
  deps: Deps,
  set: RelevanceSet,
  waitFor: (what: 'suppliers' | 'needs') => Promise<void>,
): Promise<Loaded> {
  const networkId = await seedNetwork(deps);
  const supplierId = await seedSuppliers(deps, set);
  await waitFor('suppliers');
  const needId = await seedNeeds(deps, set, networkId);
  const rawIndex = await seedRawIndex(deps, set);
  await waitFor('needs');
  return {
    networkId,
    needId,
    needKey: invert(needId),
    supplierId,
    supplierKey: invert(supplierId),
    rawIndex,
  };
}

/** No outbox event waits for the relay and no job waits or runs in any queue. */
export async function drained(deps: Deps): Promise<boolean> {
  if ((await outboxModel(deps.mongo).countDocuments({ status: 'pending' })) > 0) return false;
  for (const queue of deps.queues.all()) {
    const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (Object.values(c).some((n) => n > 0)) return false;
  }
  return true;
}

interface IndexState {
  documents: number;
  embedded: number;
  busy: boolean;
}

async function indexState(deps: Deps, name: string, withVectors: boolean): Promise<IndexState> {
  const uid = deps.search.indexName(name);
  const index = deps.search.client.index(uid);
  const [stats, tasks] = await Promise.all([
    index.getStats().catch(() => ({ numberOfDocuments: 0, isIndexing: true })),
    deps.search.client.tasks.getTasks({ indexUids: [uid], statuses: ['enqueued', 'processing'], limit: 1 }),
  ]);
  let embedded = 0;
  if (withVectors) {
    const docs: { results: Record<string, unknown>[] } = await index
      .getDocuments({ limit: 1_000, retrieveVectors: true })
      .catch(() => ({ results: [] }));
    embedded = docs.results.filter((d) => {
      const v = (d._vectors as Record<string, { embeddings?: unknown[] } | undefined> | undefined)?.e5;
      return Array.isArray(v?.embeddings) && v.embeddings.length > 0;
    }).length;
  }
  return { documents: stats.numberOfDocuments, embedded, busy: stats.isIndexing || tasks.results.length > 0 };
}

export interface CatchUp {
  indexedSeconds: number;
  /** Until every vector was in the index and the queues were empty (null: embedder off or timed out). */
  embeddedSeconds: number | null;
  complete: boolean;
}

/**
 * Waits until the indexes hold every document loaded so far (and, with the embedder on, every
 * document has its vector), Meilisearch has no task left and the outbox and the queues are
 * empty (the workers' sync, embedding and matching jobs are done). Returns the seconds it took
 * until the documents were indexed and until everything was.
 */
export async function waitForCatchUp(
  deps: Deps,
  set: RelevanceSet,
  which: 'suppliers' | 'needs',
  embeddings: boolean,
  timeoutSeconds: number,
): Promise<CatchUp> {
  const started = performance.now();
  const want = { needs: which === 'needs' ? set.needs.length : 0, suppliers: set.suppliers.length };
  let indexedSeconds: number | null = null;
  let lastLog = 0;
  for (;;) {
    const [needs, suppliers] = await Promise.all([
      indexState(deps, needsSearchIndex.name, embeddings),
      indexState(deps, suppliersIndex.name, embeddings),
    ]);
    const seconds = (performance.now() - started) / 1000;
    const indexed = needs.documents >= want.needs && suppliers.documents >= want.suppliers;
    if (indexed && indexedSeconds === null) indexedSeconds = seconds;
    const embedded = !embeddings || (needs.embedded >= want.needs && suppliers.embedded >= want.suppliers);
    const busy = suppliers.busy || (which === 'needs' && needs.busy);
    if (indexed && embedded && !busy && (await drained(deps)))
      return {
        indexedSeconds: indexedSeconds ?? seconds,
        embeddedSeconds: embeddings ? seconds : null,
        complete: true,
      };
    const e = (s: IndexState) => (embeddings ? `, ${s.embedded} with vectors` : '');
    if (seconds - lastLog >= 5) {
      lastLog = seconds;
      log(
        `  waiting ${seconds.toFixed(0)} s: needs ${needs.documents}/${want.needs}${e(needs)}; ` +
          `suppliers ${suppliers.documents}/${want.suppliers}${e(suppliers)}`,
      );
    }
    if (seconds > timeoutSeconds) {
      // Measure what is there rather than nothing: the tables then show the gap's effect.
      log(
        `warning: not caught up within ${timeoutSeconds} s (--wait-timeout): needs ${needs.documents}/${want.needs}` +
          `${e(needs)}, suppliers ${suppliers.documents}/${want.suppliers}${e(suppliers)}; measuring as it is`,
      );
      const failed = await deps.search.client.tasks.getTasks({ statuses: ['failed'], limit: 3 });
      for (const t of failed.results)
        log(`  failed Meilisearch task ${t.uid} (${t.type}): ${t.error?.message}`);
      return { indexedSeconds: indexedSeconds ?? seconds, embeddedSeconds: null, complete: false };
    }
    await sleep(500);
  }
}
