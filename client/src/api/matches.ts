import { http } from './http';

export interface MatchParts {
  cpv: number;
  region: number;
  text: number;
  completeness: number;
  keyword?: number;
  semantic?: number;
}

export interface MyMatch {
  needId: string;
  title: string;
  summary: string;
  stage: string;
  networkId: string;
  open: boolean;
  supplierId: string;
  score: number;
  parts: MatchParts;
  explanation: { sv: string[]; en: string[] };
  updatedAt: string;
}

export interface NeedMatch {
  supplierId: string;
  supplierName: string;
  regions: string[];
  size?: string;
  score: number;
  parts: MatchParts;
  weights: MatchParts;
  explanation: { sv: string[]; en: string[] };
  /** At or above the network's threshold. */
  strong: boolean;
  updatedAt: string;
}

export interface NeedMatchFilters {
  minScore?: number;
  region?: string[];
  size?: string[];
  page?: number;
}

export const myMatches = (signal?: AbortSignal) =>
  http.get<{ items: MyMatch[]; total: number; page: number; pageSize: number }>('/api/me/matches', {
    signal,
  });

export const needMatches = (needId: string, filters: NeedMatchFilters, signal?: AbortSignal) =>
  http.get<{
    items: NeedMatch[];
    total: number;
    page: number;
    pageSize: number;
    /** The network's threshold; matches at or above it are strong. */
    threshold: number;
    strongTotal: number;
    noStrongMatches: boolean;
  }>(`/api/needs/${encodeURIComponent(needId)}/matches`, {
    query: {
      minScore: filters.minScore,
      region: filters.region?.length ? filters.region.join(',') : undefined,
      size: filters.size?.length ? filters.size.join(',') : undefined,
      page: filters.page,
      pageSize: 20,
    },
    signal,
  });
