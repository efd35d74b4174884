import { http } from './http';

export interface CpvItem {
  code: string;
  checkDigit: string | null;
  label: string;
  depth: number;
  parent: string | null;
  hasChildren: boolean;
}

export interface CpvDetail {
  code: string;
  checkDigit: string | null;
  labels: { sv: string; en: string };
}

export interface Region {
  code: string;
  /** -1 NORDICS, 0 country, 1–3 NUTS level. */
  level: number;
  parent: string | null;
  name: { sv: string; en: string; nb: string };
}

export function searchCpv(q: string, lang: 'sv' | 'en', signal?: AbortSignal) {
  return http.get<{ items: CpvItem[] }>('/api/cpv', { query: { q, lang, limit: 12 }, signal });
}

export function getCpv(code: string, signal?: AbortSignal) {
  return http.get<CpvDetail>(`/api/cpv/${encodeURIComponent(code)}`, { signal });
}

// Reference data changes with releases, not while a page is open: one request per visit.
let regions: Promise<Region[]> | undefined;
export function getRegions(): Promise<Region[]> {
  regions ??= http.get<{ items: Region[] }>('/api/regions').then(
    (r) => r.items,
    (error: unknown) => {
      regions = undefined;
      throw error;
    },
  );
  return regions;
}

const cpvLabels = new Map<string, Promise<CpvDetail>>();
/** Both labels of a CPV code, remembered for the visit. */
export function getCpvLabel(code: string): Promise<CpvDetail> {
  let found = cpvLabels.get(code);
  if (!found) {
    found = getCpv(code);
    found.catch(() => cpvLabels.delete(code));
    cpvLabels.set(code, found);
  }
  return found;
}
