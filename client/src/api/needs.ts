import { http } from './http';

export type NeedStage = 'published' | 'dialogue' | 'procurement' | 'closed' | (string & {});

export interface NeedSummary {
  id: string;
  title: string;
  summary: string;
  network: { id: string; name: string };
  stage: NeedStage;
  cpvCodes: string[];
  regions: string[];
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

/** The need page; the API will add more (demand, meetings, questions). */
export type NeedDetail = NeedSummary & Record<string, unknown>;

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
