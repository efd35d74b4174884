/** The suppliers index: its documents (with the normalised `terms`) and its settings. */
import type { Settings } from 'meilisearch';
import type { Deps } from '../../platform/deps.js';
import type { SearchIndexDefinition } from '../../platform/search/search-index.js';
import { indexTerms } from '../../platform/text/index.js';
import { label } from '../reference/cpv.js';
import {
  createSuppliersRepository,
  type ListedProfile,
  type SuppliersRepository,
} from './suppliers.repository.js';
import type { CompanySize } from './suppliers.schemas.js';

export const SUPPLIERS_INDEX = 'suppliers';

/** One approved, listed profile in Meilisearch. Contact persons are never indexed. */
export interface SupplierSearchDoc {
  id: string;
  name: string;
  pitch: string;
  description: string;
  offerings: string[];
  keywords: string[];
  /**
   * The normalised terms of the texts (platform/text: stems, compound parts, thesaurus groups),
   * most important field first. Searchable, never displayed or highlighted.
   */
  terms: string;
  cpvCodes: string[];
  cpvAll: string[];
  /** The divisions (XX000000) of the codes, for the facet. */
  cpvDivisions: string[];
  cpvLabelsSv: string[];
  cpvLabelsEn: string[];
  regions: string[];
  regionsAll: string[];
  size: CompanySize;
  certifications: string[];
  languages: string[];
  status: 'approved';
  public: boolean;
  logoUrl: string | null;
  approvedAt: number;
}

const equalityOnly = (attributePatterns: string[]) => ({
  attributePatterns,
  features: { facetSearch: false, filter: { equality: true, comparison: false } },
});

/**
 * Searchable attributes in ranking order. Filters use equality only and facet search is off:
 * both are costly at indexing time and nothing here needs them.
 */
export const suppliersIndexSettings: Settings = {
  searchableAttributes: [
    'name',
    'keywords',
    'offerings',
    'pitch',
    'cpvLabelsSv',
    'cpvLabelsEn',
    'description',
    // Last: a match on the original words ranks above the same match found only by analysis.
    'terms',
  ],
  filterableAttributes: [
    equalityOnly([
      'id',
      'cpvCodes',
      'cpvAll',
      'cpvDivisions',
      'regions',
      'regionsAll',
      'size',
      'certifications',
      'languages',
      'status',
      'public',
    ]),
  ],
  sortableAttributes: ['approvedAt'],
  displayedAttributes: [
    'id',
    'name',
    'pitch',
    'description',
    'offerings',
    'cpvCodes',
    'regions',
    'size',
    'certifications',
    'languages',
    'logoUrl',
  ],
  facetSearch: false,
  // Word proximity per attribute instead of per word pair: indexing several times faster, and
  // profiles are short enough that "both words in the same field" ranks well.
  proximityPrecision: 'byAttribute',
  faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' } },
  pagination: { maxTotalHits: 10_000 },
};

export function toSearchDoc(p: ListedProfile): SupplierSearchDoc | null {
  const c = p.approved;
  if (!p.listed || !c) return null;
  const offerings = c.offerings.map((o) => o.name);
  const cpvLabelsSv = c.cpvCodes.map((code) => label(code, 'sv') ?? '');
  const cpvLabelsEn = c.cpvCodes.map((code) => label(code, 'en') ?? '');
  return {
    id: String(p._id),
    name: c.name,
    pitch: c.pitch,
    description: c.description ?? '',
    offerings,
    keywords: c.keywords,
    terms: indexTerms([
      c.name,
      ...c.keywords,
      ...offerings,
      c.pitch,
      ...cpvLabelsSv,
      ...cpvLabelsEn,
      c.description ?? '',
    ]),
    cpvCodes: c.cpvCodes,
    cpvAll: c.cpvAll,
    cpvDivisions: [...new Set(c.cpvCodes.map((code) => `${code.slice(0, 2)}000000`))],
    cpvLabelsSv,
    cpvLabelsEn,
    regions: c.regions,
    regionsAll: c.regionsAll,
    size: p.companySize,
    certifications: c.certifications,
    languages: p.languages ?? [],
    status: 'approved',
    public: p.publicProfile === true,
    logoUrl: c.logoUrl ?? null,
    approvedAt: p.approvedAt?.getTime() ?? 0,
  };
}

/**
 * `versionOf` is asked for every id of a sync at once (Promise.all); answering the ids of one
 * tick with one query keeps a 1,000-id sync at two reads instead of two thousand.
 */
function batchedVersions(repo: () => SuppliersRepository) {
  let pending: Map<string, ((v: string | null) => void)[]> | null = null;
  let failures: ((err: unknown) => void)[] = [];
  return (id: string) =>
    new Promise<string | null>((resolve, reject) => {
      if (!pending) {
        const batch = new Map<string, ((v: string | null) => void)[]>();
        const rejects: ((err: unknown) => void)[] = [];
        pending = batch;
        failures = rejects;
        queueMicrotask(() => {
          pending = null;
          repo()
            .versions([...batch.keys()])
            .then((versions) => {
              for (const [key, waiters] of batch) {
                const v = versions.get(key);
                for (const w of waiters) w(v === undefined ? null : String(v));
              }
            })
            .catch((err: unknown) => rejects.forEach((r) => r(err)));
        });
      }
      pending.set(id, [...(pending.get(id) ?? []), resolve]);
      failures.push(reject);
    });
}

const repos = new WeakMap<object, SuppliersRepository>();
const versionReaders = new WeakMap<object, (id: string) => Promise<string | null>>();
export function repoFor(deps: Pick<Deps, 'mongo'>): SuppliersRepository {
  let repo = repos.get(deps.mongo);
  if (!repo) {
    repo = createSuppliersRepository(deps.mongo);
    repos.set(deps.mongo, repo);
  }
  return repo;
}

/** The `suppliers` index: approved, listed profiles, built from MongoDB. */
export const suppliersIndex: SearchIndexDefinition<SupplierSearchDoc> = {
  name: SUPPLIERS_INDEX,
  settings: suppliersIndexSettings,
  // Hybrid search (issue 13): the platform adds the `e5` embedder and the stored vectors.
  semantic: 'supplier',
  async buildDocuments(deps, ids) {
    const rows = await repoFor(deps).findListed(ids);
    return rows.map(toSearchDoc).filter((d): d is SupplierSearchDoc => d !== null);
  },
  allIds: (deps, batchSize) => repoFor(deps).listedIds(batchSize),
  count: (deps) => repoFor(deps).countListed(),
  versionOf(deps, id) {
    let read = versionReaders.get(deps.mongo);
    if (!read) {
      read = batchedVersions(() => repoFor(deps));
      versionReaders.set(deps.mongo, read);
    }
    return read(id);
  },
};
