import type { NeedSearchQuery } from '../../api/needs';

/** What the need search shows, as read from and written to the URL (`/behov?q=&cpv=&region=&stage=&network=&page=`). */
export interface NeedSearchState {
  q: string;
  cpv: string[];
  region: string[];
  stage: string[];
  network: string[];
  page: number;
}

export const pageSize = 20;
const listKeys = ['cpv', 'region', 'stage', 'network'] as const;

/** Lists are comma-separated in the URL (`cpv=72000000,48000000`); repeated keys are accepted too. */
function readList(params: URLSearchParams, key: string): string[] {
  const values = params
    .getAll(key)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  return [...new Set(values)];
}

export function parseSearch(params: URLSearchParams): NeedSearchState {
  const page = Number.parseInt(params.get('page') ?? '', 10);
  return {
    q: (params.get('q') ?? '').trim(),
    cpv: readList(params, 'cpv'),
    region: readList(params, 'region'),
    stage: readList(params, 'stage'),
    network: readList(params, 'network'),
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** The canonical query string: empty values and page 1 are left out, so equal searches have equal URLs. */
export function toSearchParams(state: Partial<NeedSearchState>): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const key of listKeys) {
    const values = state[key];
    if (values && values.length > 0) params.set(key, values.join(','));
  }
  if (state.page && state.page > 1) params.set('page', String(state.page));
  return params;
}

/** Commas are legal in a query string; keeping them unescaped makes shared links readable. */
export function searchHref(pathname: string, state: Partial<NeedSearchState>): string {
  const search = toSearchParams(state).toString().replace(/%2C/gi, ',');
  return search ? `${pathname}?${search}` : pathname;
}

/** The API takes the same names as the URL. */
export function toApiQuery(state: NeedSearchState): NeedSearchQuery {
  return { ...state, q: state.q || undefined, pageSize };
}

/** CPV codes are 8 digits, optionally followed by the check digit ("72000000-5"); the check digit is dropped. */
export function normaliseCpv(input: string): { codes: string[]; invalid: string[] } {
  const codes: string[] = [];
  const invalid: string[] = [];
  for (const raw of input.split(/[,;\s]+/)) {
    const value = raw.trim();
    if (!value) continue;
    const match = /^(\d{8})(-\d)?$/.exec(value);
    if (match?.[1]) codes.push(match[1]);
    else invalid.push(value);
  }
  return { codes: [...new Set(codes)], invalid };
}
