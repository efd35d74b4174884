import { http } from './http';

export type Delivery = 'instant' | 'daily' | 'weekly';

export interface SearchFilters {
  q: string;
  cpvCodes: string[];
  regions: string[];
  networkIds: string[];
  stages: string[];
}

export interface Subscription {
  id: string;
  kind: 'search' | 'network' | 'need' | 'profile';
  name: string;
  delivery: Delivery;
  active: boolean;
  filters?: SearchFilters;
  networkId?: string;
  needId?: string;
  organisationId?: string;
  createdAt: string;
}

export type NewSubscription =
  | { kind: 'search'; name?: string; delivery: Delivery; filters: SearchFilters }
  | { kind: 'need'; needId: string; delivery: Delivery }
  | { kind: 'network'; networkId: string; delivery: Delivery };

export const listSubscriptions = (signal?: AbortSignal) =>
  http.get<{ items: Subscription[] }>('/api/subscriptions', { signal });

export const createSubscription = (body: NewSubscription) =>
  http.post<Subscription>('/api/subscriptions', body);

export const updateSubscription = (
  id: string,
  changes: { delivery?: Delivery; active?: boolean; name?: string },
) => http.patch<Subscription>(`/api/subscriptions/${encodeURIComponent(id)}`, changes);

export const deleteSubscription = (id: string) =>
  http.delete<void>(`/api/subscriptions/${encodeURIComponent(id)}`);
