import type { SupplierSearchQuery } from '../../api/suppliers';
import { paths } from '../../app/paths';

/** The supplier search as read from and written to the URL (`/leverantorer?q=&cpv=&region=&size=&page=`). */
export interface SupplierSearchState {
  q: string;
  cpv: string[];
  region: string[];
  size: string[];
  page: number;
}

const list = (params: URLSearchParams, key: string) => [
  ...new Set(
    params
      .getAll(key)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean),
  ),
];

export function parseSupplierSearch(params: URLSearchParams): SupplierSearchState {
  const page = Number.parseInt(params.get('page') ?? '', 10);
  return {
    q: (params.get('q') ?? '').trim(),
    cpv: list(params, 'cpv'),
    region: list(params, 'region'),
    size: list(params, 'size'),
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

export function suppliersHref(state: Partial<SupplierSearchState>): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const key of ['cpv', 'region', 'size'] as const) {
    const values = state[key];
    if (values && values.length > 0) params.set(key, values.join(','));
  }
  if (state.page && state.page > 1) params.set('page', String(state.page));
  const search = params.toString().replace(/%2C/gi, ',');
  return search ? `${paths.suppliers}?${search}` : paths.suppliers;
}

export const toSupplierQuery = (state: SupplierSearchState): SupplierSearchQuery => ({
  ...state,
  q: state.q || undefined,
});
