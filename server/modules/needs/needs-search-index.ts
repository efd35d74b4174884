/** The needs index: its documents (with the normalised `terms`) and its settings. */
import type { Settings } from 'meilisearch';
import type { Deps } from '../../platform/deps.js';
import type { SearchIndexDefinition } from '../../platform/search/search-index.js';
import { STOP_WORDS, analyzeQuery, indexTerms } from '../../platform/text/index.js';
import { createNetworksRepository } from '../networks/networks.repository.js';
import { ancestorsOf, isValidCpv, label } from '../reference/cpv.js';
import { createNeedsRepository } from './needs.repository.js';
import type { InnovationType, Need, NeedStage, NeedStatus } from './needs.types.js';

export const NEEDS_INDEX = 'needs';

/** One published (or closed) need as Meilisearch holds it. Dates are epoch milliseconds. */
export interface NeedSearchDoc {
  id: string;
  title: string;
  summary: string;
  description: string;
  requirements: string[];
  desiredOutcomes: string;
  /**
   * The normalised terms of the texts above (platform/text: stems, compound parts, thesaurus
   * groups), most important field first. Searchable, never displayed or highlighted.
   */
  terms: string;
  cpvLabelsSv: string[];
  cpvLabelsEn: string[];
  cpvCodes: string[];
  /** The codes with all their ancestors: `cpvAll = 48000000` finds a need coded 48200000. */
  cpvAll: string[];
  /** Divisions (`48000000`), for the CPV facet. */
  cpvDivisions: string[];
  regions: string[];
  regionsAll: string[];
  networkId: string;
  networkName: string;
  buyerGroupId?: string;
  stage: NeedStage;
  innovationType: InnovationType;
  status: NeedStatus;
  language: string;
  publishedAt: number;
  questionsDeadline?: number;
  plannedProcurementStart?: number;
}

export const FACETS = ['stage', 'regionsAll', 'cpvDivisions', 'networkId'] as const;
export const RETRIEVED = [
  'id',
  'title',
  'summary',
  'networkId',
  'networkName',
  'stage',
  'status',
  'cpvCodes',
  'regions',
  'language',
  'publishedAt',
  'questionsDeadline',
] as const;

export const needsIndexSettings: Settings = {
  // Order matters: a hit in the title ranks above one in the description.
  searchableAttributes: [
    'title',
    'summary',
    'requirements',
    'cpvLabelsSv',
    'cpvLabelsEn',
    'description',
    'desiredOutcomes',
    'networkName',
    // Last: a match on the original words ranks above the same match found only by analysis.
    'terms',
  ],
  filterableAttributes: [
    'cpvAll',
    'cpvCodes',
    'cpvDivisions',
    'regions',
    'regionsAll',
    'networkId',
    'buyerGroupId',
    'stage',
    'innovationType',
    'status',
    'language',
    'publishedAt',
    'questionsDeadline',
    'plannedProcurementStart',
  ],
  sortableAttributes: ['publishedAt', 'questionsDeadline'],
  displayedAttributes: [...RETRIEVED],
  // The thesaurus works through `terms` (platform/text/thesaurus); Meilisearch synonyms would
  // expand the normalised query a second time. Empty, so existing indexes drop the old list.
  synonyms: {},
  // Function words: they make queries slower without telling needs apart.
  stopWords: [...STOP_WORDS],
  typoTolerance: { disableOnNumbers: true },
  faceting: { maxValuesPerFacet: 200 },
  pagination: { maxTotalHits: 10_000 },
};

export function divisionOf(code: string): string {
  return `${code.slice(0, 2)}000000`;
}

/**
 * A label that names one thing ("Avfallstjänster", "Programvara för upphandling"), not a list
 * of several ("Takläggning och takmålning").
 */
const namesOneThing = (code: string) => {
  const sv = label(code, 'sv');
  return sv !== null && !/[,;]|\s(och|eller)\s/i.test(sv) && analyzeQuery(sv).terms.length <= 3;
};

/**
 * The codes above a need's codes whose labels name one thing, short of the division: a
 * supplier who copies a broader label from TED ("Avfallstjänster", 90500000) finds a need coded
 * 90511000 (Sophämtning). Divisions and list labels are left out: they span several trades
 * ("Spannmål, potatis, grönsaker, frukt och nötter", "Ballast för urladdningslampor eller
 * urladdningsrör" above a charger code), and each of their words would find the need.
 */
export function broaderCodes(codes: readonly string[]): string[] {
  const own = new Set(codes);
  const out = new Set<string>();
  for (const code of codes) {
    if (!isValidCpv(code)) continue;
    for (const a of ancestorsOf(code))
      if (!a.endsWith('000000') && !own.has(a) && namesOneThing(a)) out.add(a);
  }
  return [...out];
}

export function toSearchDoc(need: Need, networkName: string): NeedSearchDoc {
  const labelsOf = (codes: readonly string[], lang: 'sv' | 'en') =>
    codes.map((c) => label(c, lang)).filter((l): l is string => l !== null);
  const cpvLabelsSv = labelsOf(need.cpvCodes, 'sv');
  const cpvLabelsEn = labelsOf(need.cpvCodes, 'en');
  const broader = broaderCodes(need.cpvCodes);
  return {
    id: need.id,
    title: need.title,
    summary: need.summary,
    description: need.description,
    requirements: need.requirements,
    desiredOutcomes: need.desiredOutcomes,
    terms: indexTerms([
      need.title,
      need.summary,
      ...need.requirements,
      ...cpvLabelsSv,
      ...cpvLabelsEn,
      need.description,
      need.desiredOutcomes,
      // Last: the broader labels are the weakest evidence of what the need is about.
      ...labelsOf(broader, 'sv'),
      ...labelsOf(broader, 'en'),
    ]),
    cpvLabelsSv,
    cpvLabelsEn,
    cpvCodes: need.cpvCodes,
    cpvAll: need.cpvAll,
    cpvDivisions: [...new Set(need.cpvCodes.map(divisionOf))].sort(),
    regions: need.regions,
    regionsAll: need.regionsAll,
    networkId: need.networkId,
    networkName,
    ...(need.buyerGroupId ? { buyerGroupId: need.buyerGroupId } : {}),
    stage: need.stage,
    innovationType: need.innovationType,
    status: need.status,
    language: need.language,
    publishedAt: (need.publishedAt ?? need.createdAt).getTime(),
    ...(need.questionsDeadline ? { questionsDeadline: need.questionsDeadline.getTime() } : {}),
    ...(need.plannedProcurementStart
      ? { plannedProcurementStart: need.plannedProcurementStart.getTime() }
      : {}),
  };
}

/** Network names by id straight from the repository (index builds run in workers and scripts). */
async function networkNamesFor(deps: Pick<Deps, 'mongo'>, ids: string[]): Promise<Map<string, string>> {
  const networks = createNetworksRepository(deps.mongo);
  const unique = [...new Set(ids)];
  const found = await Promise.all(unique.map((id) => networks.findById(id)));
  return new Map(found.flatMap((n) => (n ? [[n.id, n.name] as const] : [])));
}

/**
 * The needs index: public needs only (published or closed, not hidden). A draft, rejected or
 * hidden need is simply absent from `buildDocuments`, so a sync removes it from the index.
 */
export const needsSearchIndex: SearchIndexDefinition<NeedSearchDoc> = {
  name: NEEDS_INDEX,
  settings: needsIndexSettings,
  // Hybrid search (issue 13): the platform adds the `e5` embedder and the stored vectors.
  semantic: 'need',
  async buildDocuments(deps, ids) {
    const needs = await createNeedsRepository(deps.mongo).findPublicByIds(ids);
    const names = await networkNamesFor(
      deps,
      needs.map((n) => n.networkId),
    );
    return needs.map((n) => toSearchDoc(n, names.get(n.networkId) ?? ''));
  },
  allIds: (deps, batchSize) => createNeedsRepository(deps.mongo).publicIds(batchSize),
  count: (deps) => createNeedsRepository(deps.mongo).countPublic(),
  async versionOf(deps, id) {
    const version = await createNeedsRepository(deps.mongo).versionOf(id);
    return version === null ? null : String(version);
  },
};
