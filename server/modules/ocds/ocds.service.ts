import type { Deps } from '../../platform/deps.js';
import { errors } from '../../platform/errors.js';
import { createMeetingsRepository } from '../meetings/meetings.repository.js';
import { createNeedsRepository } from '../needs/needs.repository.js';
import { isPublic, PUBLIC_STATUSES } from '../needs/needs.types.js';
import { createNetworksRepository } from '../networks/networks.repository.js';
import { createOrganisationsRepository } from '../organisations/organisations.repository.js';
import { createQuestionsRepository } from '../questions/questions.repository.js';
import { buildState, ocidOf, toRelease, type OcdsContext } from './ocds.mapping.js';
import { diff, merge, type JsonObject } from './ocds.merge.js';
import { packageMeta, type PackageMeta } from './ocds.package.js';
import { createOcdsRepository, type OcdsRepository, type StoredRelease } from './ocds.repository.js';

export type RecordResult = 'created' | 'unchanged' | 'withheld' | 'not_public';

/** Releases a page of GET /api/ocds/releases holds. */
export const RELEASES_PAGE_SIZE = 100;

export interface OcdsService {
  /**
   * Brings a need's releases up to date with its public state: appends one release when that
   * state differs from the last release's (the first is tagged `planning`), else does nothing.
   * `at` is when the change happened (the outbox event's time). Safe to run twice or concurrently.
   */
  recordNeed(needId: string, at?: Date): Promise<RecordResult>;
  /** Records the first release of every public need that has none (bulk-loaded data). */
  recordMissing(concurrency?: number): Promise<number>;
  releasePackage(needId: string): Promise<JsonObject>;
  recordPackage(needId: string): Promise<JsonObject>;
  /** One page of every release, as the JSON text of a release package. */
  releasesPage(since: Date | undefined, page: number): Promise<string>;
  /** When each need last changed in public (its newest release), for feeds. */
  lastChanged(needIds: string[]): Promise<Map<string, Date>>;
  /** Every served release in date order as JSON text (the dump), in batches. */
  allReleases(batchSize: number): AsyncIterable<string[]>;
  meta: PackageMeta;
}

export function createOcdsService(deps: Pick<Deps, 'mongo' | 'config'>): OcdsService {
  const needs = createNeedsRepository(deps.mongo);
  const networks = createNetworksRepository(deps.mongo);
  const organisations = createOrganisationsRepository(deps.mongo);
  const meetings = createMeetingsRepository(deps.mongo);
  const questions = createQuestionsRepository(deps.mongo);
  const repo: OcdsRepository = createOcdsRepository(deps.mongo);
  const ctx: OcdsContext = {
    prefix: deps.config.OCDS_PREFIX,
    baseUrl: deps.config.PUBLIC_BASE_URL.replace(/\/$/, ''),
  };
  const meta = packageMeta(deps.config);

  async function stateOf(needId: string) {
    const need = await needs.findById(needId);
    if (!need || !PUBLIC_STATUSES.includes(need.status)) return { need, state: null };
    if (need.hidden) return { need, state: null };
    const network = await networks.findById(need.networkId);
    if (!network) return { need, state: null };
    const orgIds = [network.coordinatorOrgId, ...need.demand.map((d) => d.organisationId)];
    const [orgs, meetingList, questionList] = await Promise.all([
      organisations.findByIds([...new Set(orgIds)]),
      meetings.listForNeed(needId, ['scheduled', 'cancelled']),
      questions.listForNeed(needId, { all: false, askedByOrgIds: [] }),
    ]);
    const state = buildState(
      {
        need,
        network,
        organisations: new Map(orgs.map((o) => [o.id, o])),
        meetings: meetingList,
        questions: questionList,
      },
      ctx,
    );
    return { need, state };
  }

  async function recordNeed(needId: string, at?: Date): Promise<RecordResult> {
    const ocid = ocidOf(ctx, needId);
    // The last release is read before the need, and the next `seq` is unique: a writer that read
    // an older state than a concurrent one loses the insert and starts again from fresh reads, so
    // an older state is never appended after a newer one.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const latest = await repo.latest(needId);
      const { need, state } = await stateOf(needId);
      if (!need || !PUBLIC_STATUSES.includes(need.status)) return 'not_public';
      if (!state) {
        await repo.setWithheld(needId, true);
        return 'withheld';
      }
      await repo.setWithheld(needId, false);
      let next: StoredRelease;
      if (!latest) {
        const date = need.publishedAt ?? at ?? new Date();
        next = {
          needId,
          ocid,
          seq: 1,
          releaseId: `${ocid}-1`,
          date,
          release: toRelease(state, { ocid, id: `${ocid}-1`, date, tag: 'planning' }),
          state,
        };
      } else {
        const delta = diff(latest.state, state);
        if (!delta) return 'unchanged';
        const wanted = at ?? new Date();
        // Releases of one ocid never go back in time, whatever order their events relay in.
        const date = wanted > latest.date ? wanted : new Date(latest.date.getTime() + 1);
        const seq = latest.seq + 1;
        next = {
          needId,
          ocid,
          seq,
          releaseId: `${ocid}-${seq}`,
          date,
          release: toRelease(delta, { ocid, id: `${ocid}-${seq}`, date, tag: 'planningUpdate' }),
          state: merge(latest.state, delta),
        };
      }
      if (await repo.append(next)) return 'created';
    }
    throw new Error(`Could not append an OCDS release for need ${needId} (too much contention)`);
  }

  async function visibleReleases(needId: string): Promise<StoredRelease[]> {
    const need = await needs.findById(needId);
    if (!need || !isPublic(need)) throw errors.notFound('need');
    const list = await repo.forNeed(needId);
    if (list.length === 0) throw errors.notFound('need');
    return list;
  }

  return {
    meta,
    recordNeed,

    async recordMissing(concurrency = 8) {
      const have = new Set(await repo.needIds());
      let recorded = 0;
      for await (const ids of needs.publicIds(500)) {
        const todo = ids.filter((id) => !have.has(id));
        // A few at a time: each need is a handful of small reads and one insert.
        let next = 0;
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            for (let i = next++; i < todo.length; i = next++) {
              if ((await recordNeed(todo[i]!)) === 'created') recorded += 1;
            }
          }),
        );
      }
      return recorded;
    },

    async releasePackage(needId) {
      const list = await visibleReleases(needId);
      return meta.releasePackage(
        `${meta.apiUrl}/ocds/needs/${needId}/releases`,
        list.map((r) => r.release),
        list.at(-1)!.date,
      );
    },

    async recordPackage(needId) {
      const list = await visibleReleases(needId);
      const last = list.at(-1)!;
      const releasesUri = `${meta.apiUrl}/ocds/needs/${needId}/releases`;
      const compiled = list.reduce<JsonObject>((acc, r) => merge(acc, r.release), {});
      return meta.recordPackage(`${meta.apiUrl}/ocds/needs/${needId}/record`, releasesUri, last.date, {
        ocid: last.ocid,
        releases: list.map((r) => r.release),
        compiledRelease: {
          ...compiled,
          id: `${last.ocid}-compiled`,
          date: last.date.toISOString(),
          tag: ['compiled'],
        },
      });
    },

    async releasesPage(since, page) {
      const skip = (page - 1) * RELEASES_PAGE_SIZE;
      // One more than a page tells whether there is a next one without counting.
      const rows = await repo.page(since, skip, RELEASES_PAGE_SIZE + 1);
      const list = rows.slice(0, RELEASES_PAGE_SIZE);
      const query = (p: number) =>
        `${meta.apiUrl}/ocds/releases?${since ? `since=${encodeURIComponent(since.toISOString())}&` : ''}page=${p}`;
      const links: JsonObject = {};
      if (rows.length > RELEASES_PAGE_SIZE) links.next = query(page + 1);
      if (page > 1) links.prev = query(page - 1);
      return meta.releasePackageText(
        query(page),
        list.map((r) => r.json),
        list.at(-1)?.date ?? since ?? new Date(0),
        Object.keys(links).length > 0 ? { links } : undefined,
      );
    },

    lastChanged: (needIds) => repo.lastDates(needIds),
    allReleases: (batchSize) => repo.all(batchSize),
  };
}

const services = new WeakMap<object, OcdsService>();

/** One service per process's deps (the workers' processors share it). */
export function ocdsServiceFor(deps: Pick<Deps, 'mongo' | 'config'>): OcdsService {
  let service = services.get(deps);
  if (!service) {
    service = createOcdsService(deps);
    services.set(deps, service);
  }
  return service;
}
