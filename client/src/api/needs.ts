import { http } from './http';

export type NeedStage =
  'need_analysis' | 'market_dialogue' | 'rfi' | 'procurement' | 'awarded' | 'closed' | (string & {});

export interface NeedSummary {
  id: string;
  title: string;
  summary: string;
  network: { id: string; name: string };
  stage: NeedStage;
  cpvCodes: string[];
  regions: string[];
  /** The language the need is written in (its title and summary carry it as `lang`). */
  language: 'sv' | 'en';
  publishedAt: string;
  questionsDeadline?: string;
  /** Search hits with `<mark>` around the matched words; render with <Highlighted>. */
  highlight?: { title?: string; summary?: string };
}

export interface NeedFacets {
  stage: Record<string, number>;
  region: Record<string, number>;
  cpv: Record<string, number>;
  network: Record<string, number>;
}

export interface NeedSearchResult {
  items: NeedSummary[];
  page: number;
  pageSize: number;
  total: number;
  facets?: NeedFacets;
  /** Network names by id (for the network facet). */
  networks?: Record<string, string>;
  /** True when the search engine is down and the API answered from the database without ranking. */
  degraded?: boolean;
}

export type NeedSort = 'relevance' | 'published_desc';

export interface NeedSearchQuery {
  q?: string;
  cpv?: string[];
  region?: string[];
  stage?: string[];
  network?: string[];
  page?: number;
  pageSize?: number;
  sort?: NeedSort;
}

export interface DemandRow {
  organisation: { id: string; name: string };
  quantity?: { amount: number; unit: string };
  value?: { amount: number; currency: string };
  timeframe?: { from?: string; to?: string };
}

export interface NeedDetail {
  id: string;
  status: 'draft' | 'submitted' | 'published' | 'rejected' | 'closed' | (string & {});
  hidden?: boolean;
  version: number;
  network: { id: string; name: string };
  buyerGroup?: { id: string; name: string };
  title: string;
  summary: string;
  description: string;
  requirements: string[];
  desiredOutcomes: string;
  cpvCodes: string[];
  cpv: { code: string; label: { sv: string; en: string } }[];
  regions: string[];
  innovationType: string;
  stage: NeedStage;
  questionsDeadline?: string;
  dialoguePeriod?: { start?: string; end?: string };
  plannedProcurementStart?: string;
  language: 'sv' | 'en';
  contact?: { name: string; email: string; phone?: string };
  attachments: { title: string; url: string }[];
  demand: {
    rows: DemandRow[];
    totals: {
      organisations: number;
      value: { currency: string; amount: number }[];
      quantity: { unit: string; amount: number }[];
    };
  };
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  publishedAt?: string;
  closedAt?: string;
  rejection?: { reason: string; at?: string };
  outcome?: {
    result: 'procured' | 'not_procured';
    description: string;
    results?: string;
    lessonsLearned?: string;
  };
  changeCount: number;
  permissions: { edit: boolean; submit: boolean; close: boolean; exportNotice: boolean };
}

export interface NeedChange {
  id: string;
  at: string;
  version: number;
  organisation: { id: string; name: string } | null;
  note?: string;
  fields: { field: string; before: unknown; after: unknown }[];
}

export function getNeedChanges(id: string, signal?: AbortSignal) {
  return http.get<{ items: NeedChange[]; total: number; page: number; pageSize: number }>(
    `/api/needs/${encodeURIComponent(id)}/changes`,
    { signal },
  );
}

/** Lists go comma-separated (`cpv=72000000,48000000`), the same as in the client's own URLs. */
export function searchNeeds(query: NeedSearchQuery, signal?: AbortSignal): Promise<NeedSearchResult> {
  const list = (values?: string[]) => (values && values.length > 0 ? values.join(',') : undefined);
  return http.get<NeedSearchResult>('/api/needs', {
    query: {
      q: query.q,
      cpv: list(query.cpv),
      region: list(query.region),
      stage: list(query.stage),
      network: list(query.network),
      page: query.page,
      pageSize: query.pageSize,
      sort: query.sort,
    },
    signal,
  });
}

export function getNeed(id: string, signal?: AbortSignal): Promise<NeedDetail> {
  return http.get<NeedDetail>(`/api/needs/${encodeURIComponent(id)}`, { signal });
}

export type NeedStatus = 'draft' | 'submitted' | 'published' | 'rejected' | 'closed';
export type InnovationType = 'research_development' | 'new_product' | 'new_service' | 'new_process' | 'none';
export type Currency = 'SEK' | 'NOK' | 'DKK' | 'EUR' | 'ISK';
export const currencies: Currency[] = ['SEK', 'NOK', 'DKK', 'EUR', 'ISK'];
export const innovationTypes: InnovationType[] = [
  'research_development',
  'new_product',
  'new_service',
  'new_process',
  'none',
];

export interface DemandRowInput {
  organisationId: string;
  quantity?: { amount: number; unit: string };
  value?: { amount: number; currency: Currency };
  timeframe?: { from?: string; to?: string };
}

/** What the network writes. `null` clears an optional field on PATCH. */
export interface NeedInput {
  buyerGroupId?: string | null;
  title?: string;
  summary?: string;
  description?: string;
  requirements?: string[];
  desiredOutcomes?: string;
  cpvCodes?: string[];
  regions?: string[];
  innovationType?: InnovationType;
  stage?: string;
  questionsDeadline?: string | null;
  dialoguePeriod?: { start?: string; end?: string } | null;
  plannedProcurementStart?: string | null;
  language?: 'sv' | 'en';
  contact?: { name: string; email: string; phone?: string } | null;
  attachments?: { title: string; url: string }[];
  demand?: DemandRowInput[];
}

export interface NeedListItem extends NeedSummary {
  status: NeedStatus;
  updatedAt: string;
}

export interface NeedOutcomeInput {
  result: 'procured' | 'not_procured';
  description: string;
  results?: string;
  lessonsLearned?: string;
}

const nid = encodeURIComponent;

export const createNeed = (body: NeedInput & { networkId: string; title: string }) =>
  http.post<NeedDetail>('/api/needs', body);

export const updateNeed = (needId: string, body: NeedInput & { version?: number; changeNote?: string }) =>
  http.patch<NeedDetail>(`/api/needs/${nid(needId)}`, body);

export const submitNeed = (needId: string) => http.post<NeedDetail>(`/api/needs/${nid(needId)}/submit`);

export const closeNeed = (needId: string, outcome: NeedOutcomeInput) =>
  http.post<NeedDetail>(`/api/needs/${nid(needId)}/close`, { outcome });

export const networkNeeds = (networkId: string, signal?: AbortSignal) =>
  http.get<{ items: NeedListItem[]; total: number; page: number; pageSize: number }>(
    `/api/networks/${nid(networkId)}/needs`,
    { query: { pageSize: 100 }, signal },
  );
