import { http } from './http';

export interface NetworkDetail {
  id: string;
  name: string;
  description?: string;
  subjectArea?: string;
}

export function getNetwork(id: string, signal?: AbortSignal): Promise<NetworkDetail> {
  return http.get<NetworkDetail>(`/api/networks/${encodeURIComponent(id)}`, { signal });
}
