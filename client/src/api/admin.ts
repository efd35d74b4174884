import { http } from './http';
import type { Organisation } from './organisations';
import type { ModerationState, SupplierProfile } from './suppliers';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AdminOrganisation extends Organisation {
  owners: { userId: string; email: string; name?: string }[];
}

export interface SupplierModerationItem {
  id: string;
  name: string;
  orgNumber: string;
  organisationStatus: string;
  status: ModerationState;
  submittedAt: string | null;
  pendingChanges: string[];
  openReports: number;
  profile: SupplierProfile;
}

export interface NeedModerationItem {
  id: string;
  title: string;
  summary: string;
  network: { id: string; name: string };
  status: string;
  hidden: boolean;
  submittedAt?: string;
  hiddenAt?: string;
  openReports: number;
  reports?: { id: string; reason: string; createdAt: string }[];
}

export interface AdminNetwork {
  id: string;
  name: string;
  subjectArea?: string;
  description?: string;
  status: string;
  createdAt?: string;
}

export interface AuditEntry {
  id: string;
  action: string;
  actorId?: string;
  actorEmail?: string;
  targetType?: string;
  targetId?: string;
  outcome: 'success' | 'failure' | 'denied';
  ip?: string;
  createdAt: string;
}

const id = encodeURIComponent;

export const admin = {
  organisations: (status: string, signal?: AbortSignal) =>
    http.get<Page<AdminOrganisation>>('/api/admin/organisations', { query: { status }, signal }),
  verifyOrganisation: (orgId: string) => http.post<unknown>(`/api/admin/organisations/${id(orgId)}/verify`),
  rejectOrganisation: (orgId: string, reason: string) =>
    http.post<unknown>(`/api/admin/organisations/${id(orgId)}/reject`, { reason }),

  suppliers: (status: string, signal?: AbortSignal) =>
    http.get<Page<SupplierModerationItem>>('/api/admin/moderation/suppliers', { query: { status }, signal }),
  approveSupplier: (supplierId: string) =>
    http.post<unknown>(`/api/admin/moderation/suppliers/${id(supplierId)}/approve`),
  rejectSupplier: (supplierId: string, reason: string) =>
    http.post<unknown>(`/api/admin/moderation/suppliers/${id(supplierId)}/reject`, { reason }),

  needs: (queue: 'submitted' | 'reported', signal?: AbortSignal) =>
    http.get<Page<NeedModerationItem>>('/api/admin/moderation/needs', { query: { queue }, signal }),
  approveNeed: (needId: string) =>
    http.post<unknown>(`/api/admin/moderation/needs/${id(needId)}/approve`, {}),
  rejectNeed: (needId: string, reason: string) =>
    http.post<unknown>(`/api/admin/moderation/needs/${id(needId)}/reject`, { reason }),

  networks: (status: string, signal?: AbortSignal) =>
    http.get<Page<AdminNetwork>>('/api/admin/networks', { query: { status }, signal }),
  approveNetwork: (networkId: string) => http.post<unknown>(`/api/admin/networks/${id(networkId)}/approve`),
  rejectNetwork: (networkId: string, reason: string) =>
    http.post<unknown>(`/api/admin/networks/${id(networkId)}/reject`, { reason }),

  reportedSuppliers: (signal?: AbortSignal) =>
    http.get<Page<SupplierModerationItem>>('/api/admin/moderation/suppliers', {
      query: { reported: 'true' },
      signal,
    }),
  suspendSupplier: (supplierId: string, reason: string) =>
    http.post<unknown>(`/api/admin/suppliers/${id(supplierId)}/suspend`, { reason }),
  reinstateSupplier: (supplierId: string) =>
    http.post<unknown>(`/api/admin/suppliers/${id(supplierId)}/reinstate`),
  resolveNeedReports: (needId: string, decision: 'restore' | 'keep_hidden', note?: string) =>
    http.post<unknown>(`/api/admin/moderation/needs/${id(needId)}/reports/resolve`, {
      decision,
      ...(note ? { note } : {}),
    }),

  auditLog: (page: number, signal?: AbortSignal) =>
    http.get<Page<AuditEntry>>('/api/admin/audit-log', { query: { page, pageSize: 50 }, signal }),
};
