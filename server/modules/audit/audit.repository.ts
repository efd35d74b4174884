import mongoose, { type Connection } from 'mongoose';
import { auditModel, type AuditEntryDoc } from './audit.model.js';

export interface AuditEntry {
  id: string;
  action: string;
  actorId?: string;
  actorEmail?: string;
  targetType?: string;
  targetId?: string;
  outcome: 'success' | 'failure' | 'denied';
  ip?: string;
  userAgent?: string;
  details?: Record<string, unknown>;
  createdAt: Date;
}

export interface AuditQuery {
  /** Exact action, or a prefix ending in `.` (e.g. `organisation.`). */
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  outcome?: 'success' | 'failure' | 'denied';
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

export interface AuditLogReader {
  /** Newest first. */
  list(query: AuditQuery): Promise<{ items: AuditEntry[]; total: number }>;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createAuditLogReader(connection: Connection): AuditLogReader {
  const model = auditModel(connection);
  return {
    async list(q) {
      const filter: Record<string, unknown> = {};
      if (q.action) {
        filter.action = q.action.endsWith('.') ? new RegExp(`^${escapeRegExp(q.action)}`) : q.action;
      }
      if (q.actorId) filter.actorId = q.actorId;
      if (q.targetType) filter.targetType = q.targetType;
      if (q.targetId) filter.targetId = q.targetId;
      if (q.outcome) filter.outcome = q.outcome;
      if (q.from || q.to) {
        filter.createdAt = mongoose.trusted({
          ...(q.from ? { $gte: q.from } : {}),
          ...(q.to ? { $lt: q.to } : {}),
        });
      }
      const [docs, total] = await Promise.all([
        model
          .find(filter)
          .sort({ createdAt: -1, _id: -1 })
          .skip((q.page - 1) * q.pageSize)
          .limit(q.pageSize)
          .lean<AuditEntryDoc[]>(),
        model.countDocuments(filter),
      ]);
      return {
        total,
        items: docs.map((d) => ({
          id: String(d._id),
          action: d.action,
          actorId: d.actorId ? String(d.actorId) : undefined,
          actorEmail: d.actorEmail ?? undefined,
          targetType: d.targetType ?? undefined,
          targetId: d.targetId ?? undefined,
          outcome: d.outcome,
          ip: d.ip ?? undefined,
          userAgent: d.userAgent ?? undefined,
          details: (d.details as Record<string, unknown> | undefined) ?? undefined,
          createdAt: d.createdAt,
        })),
      };
    },
  };
}
