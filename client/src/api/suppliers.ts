import { http } from './http';

export type CompanySize = 'micro' | 'small' | 'medium' | 'large';
export type OfferingType = 'product' | 'service' | 'capability';
export type ModerationState = 'pending_review' | 'approved' | 'rejected' | 'suspended';

export interface Offering {
  type: OfferingType;
  name: string;
  description?: string;
}

export interface Reference {
  buyerName: string;
  year: number;
  text?: string;
}

export interface Contact {
  name: string;
  role: string | null;
  email: string;
  phone: string | null;
}

export interface SupplierProfile {
  id: string;
  organisationId: string;
  country: 'SE' | 'NO';
  orgNumber: string;
  name: string;
  pitch: string;
  description: string;
  offerings: Offering[];
  cpvCodes: { code: string; sv: string; en: string }[];
  regions: string[];
  companySize: CompanySize;
  foundedYear: number | null;
  employeesBand: string | null;
  languages: string[];
  website: string | null;
  logoUrl: string | null;
  references: Reference[];
  certifications: string[];
  keywords: string[];
  publicProfile: boolean;
  approvedAt: string | null;
  updatedAt: string;
  contacts?: Contact[];
}

export interface OwnSupplierProfile extends SupplierProfile {
  status: ModerationState;
  contacts: (Contact & { consentAt: string })[];
  listed: boolean;
  pendingChanges: string[];
  approvedVersion: SupplierProfile | null;
  rejectionReason: string | null;
  suspensionReason: string | null;
  submittedAt: string | null;
}

export interface ProfileInput {
  name: string;
  pitch: string;
  description: string;
  offerings: Offering[];
  cpvCodes: string[];
  regions: string[];
  companySize: CompanySize;
  foundedYear?: number;
  website?: string;
  references: Reference[];
  contacts: { name: string; role?: string; email: string; phone?: string; consent: true }[];
  publicProfile: boolean;
}

export interface SupplierHit {
  id: string;
  name: string;
  pitch: string;
  offerings: string[];
  cpvCodes: string[];
  regions: string[];
  companySize: CompanySize;
  certifications?: string[];
  languages?: string[];
  logoUrl?: string | null;
  /** Matched words in `<mark>`; render with <Highlighted>. */
  highlight?: { name?: string; pitch?: string; description?: string };
}

export interface SupplierSearchResult {
  items: SupplierHit[];
  total: number;
  page: number;
  pageSize: number;
  totalPages: number;
  degraded?: boolean;
}

export interface SupplierSearchQuery {
  q?: string;
  cpv?: string[];
  region?: string[];
  size?: string[];
  page?: number;
}

export const getOwnProfile = (organisationId: string, signal?: AbortSignal) =>
  http.get<OwnSupplierProfile>(`/api/organisations/${encodeURIComponent(organisationId)}/profile`, {
    signal,
  });

export const saveProfile = (organisationId: string, body: ProfileInput) =>
  http.put<OwnSupplierProfile>(`/api/organisations/${encodeURIComponent(organisationId)}/profile`, body);

export const getSupplier = (id: string, signal?: AbortSignal) =>
  http.get<SupplierProfile>(`/api/suppliers/${encodeURIComponent(id)}`, { signal });

const list = (values?: string[]) => (values && values.length > 0 ? values.join(',') : undefined);

export const searchSuppliers = (query: SupplierSearchQuery, signal?: AbortSignal) =>
  http.get<SupplierSearchResult>('/api/suppliers', {
    query: {
      q: query.q,
      cpv: list(query.cpv),
      region: list(query.region),
      size: list(query.size),
      page: query.page,
    },
    signal,
  });
