import { http } from './http';

export interface Bilingual {
  sv: string;
  en: string;
}

export interface OpenDataset {
  id: string;
  title: Bilingual;
  description: Bilingual;
  format: string;
  mediaType: string;
  /** Absolute URL; `{id}` stands for a need's or network's id. */
  url: string;
  /** The field-by-field README of a CSV file. */
  documentation?: string;
  access: 'public' | 'network_members';
  license: string;
}

export interface OpenDataCatalogue {
  license: string;
  datasets: OpenDataset[];
}

export const getOpenDataCatalogue = (signal?: AbortSignal) =>
  http.get<OpenDataCatalogue>('/api/open-data', { signal });
