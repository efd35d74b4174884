import { http } from './http';

export interface MyMatch {
  needId: string;
  title: string;
  summary: string;
  stage: string;
  networkId: string;
  open: boolean;
  supplierId: string;
  score: number;
  parts: { cpv: number; region: number; text: number; completeness: number };
  explanation: { sv: string[]; en: string[] };
  updatedAt: string;
}

export const myMatches = (signal?: AbortSignal) =>
  http.get<{ items: MyMatch[]; total: number; page: number; pageSize: number }>('/api/me/matches', {
    signal,
  });
