import type { Request } from 'express';
import type { z } from 'zod';
import type { Origin } from './accounts.context.js';
import type { sessionDto, userDto } from './accounts.schemas.js';
import type { Session } from './sessions.repository.js';
import type { User } from './users.repository.js';

export function toUserDto(user: User): z.infer<typeof userDto> {
  return {
    id: user.id,
    email: user.email,
    name: user.name ?? null,
    language: user.language,
    emailVerified: Boolean(user.emailVerifiedAt),
    emailVerifiedAt: user.emailVerifiedAt?.toISOString() ?? null,
    isAdmin: user.isAdmin,
    createdAt: user.createdAt.toISOString(),
  };
}

export function toSessionDto(session: Session, currentId: string): z.infer<typeof sessionDto> {
  return {
    id: session.id,
    kind: session.kind,
    current: session.id === currentId,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    userAgent: session.userAgent ?? null,
    ip: session.ip ?? null,
  };
}

/** Where the request came from, for sessions and the audit log. */
export function originOf(req: Request): Origin {
  return { ip: req.ip, userAgent: req.get('user-agent')?.slice(0, 300) };
}
