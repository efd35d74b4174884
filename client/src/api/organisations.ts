import { http } from './http';

export type OrganisationKind = 'buyer' | 'supplier';
export type BuyerType = 'kommun' | 'region' | 'statlig_myndighet' | 'offentligt_bolag';
export type OrganisationStatus = 'pending' | 'verified' | 'rejected';

export interface Organisation {
  id: string;
  kind: OrganisationKind;
  buyerType?: BuyerType;
  name: string;
  country: 'SE' | 'NO';
  orgNumber: string;
  website?: string;
  status: OrganisationStatus;
  verifiedAt?: string;
  rejectionReason?: string;
  createdAt: string;
}

export interface MyOrganisation {
  role: 'owner' | 'member' | (string & {});
  organisation: Organisation;
}

export interface NewOrganisation {
  kind: OrganisationKind;
  buyerType?: BuyerType;
  name: string;
  country: 'SE' | 'NO';
  orgNumber: string;
  website?: string;
}

export const myOrganisations = (signal?: AbortSignal) =>
  http.get<{ items: MyOrganisation[] }>('/api/me/organisations', { signal }).then((r) => r.items);

export const createOrganisation = (body: NewOrganisation) =>
  http.post<Organisation>('/api/organisations', body);
