import type { Request } from 'express';
import type { ClientSession, Connection } from 'mongoose';
import { auditModel } from './audit.model.js';

export interface AuditInput {
  action: string;
  actorId?: string;
  actorEmail?: string;
  targetType?: string;
  targetId?: string;
  outcome?: 'success' | 'failure' | 'denied';
  details?: Record<string, unknown>;
  /** Where the request came from. */
  ip?: string;
  userAgent?: string;
}

/** Request metadata for an audit entry (who and from where). */
export function auditOrigin(req: Request): Pick<AuditInput, 'ip' | 'userAgent' | 'actorId' | 'actorEmail'> {
  return {
    ip: req.ip,
    userAgent: req.get('user-agent')?.slice(0, 300),
    actorId: req.auth?.userId,
    actorEmail: req.auth?.email,
  };
}

export interface AuditService {
  record(entry: AuditInput, session?: ClientSession): Promise<void>;
}

export function createAuditService(connection: Connection): AuditService {
  const model = auditModel(connection);
  return {
    async record(entry, session) {
      await model.create([entry], session ? { session } : {});
    },
  };
}
