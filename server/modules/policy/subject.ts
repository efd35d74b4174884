import type { Principal } from '../../platform/auth/principal.js';
import type { MembershipRole, OrgKind, OrgStatus } from './actions.js';

/** One organisation the user belongs to, with what the policy needs to know about it. */
export interface SubjectMembership {
  organisationId: string;
  role: MembershipRole;
  kind: OrgKind;
  status: OrgStatus;
}

/** Who asks: the principal (null when anonymous) and their memberships, loaded once per request. */
export interface Subject {
  principal: Principal | null;
  memberships: SubjectMembership[];
  /** Where the request came from, for audit entries. */
  origin?: { ip?: string; userAgent?: string };
}

export const anonymousSubject: Subject = Object.freeze({ principal: null, memberships: [] });

/** What the subject loader reads: a user's memberships joined with their organisations. */
export interface MembershipSource {
  membershipsForUser(userId: string): Promise<SubjectMembership[]>;
}

export interface SubjectLoader {
  /** Loads (once per request object) the subject of a request. */
  forRequest(req: SubjectRequest): Promise<Subject>;
  /** Loads the subject of a principal without a request (workers, scripts). */
  forPrincipal(principal: Principal | null): Promise<Subject>;
}

export interface SubjectRequest {
  auth?: Principal;
  ip?: string;
  get(name: string): string | undefined;
}

export function createSubjectLoader(repos: { memberships: MembershipSource }): SubjectLoader {
  const cache = new WeakMap<object, Promise<Subject>>();
  async function forPrincipal(principal: Principal | null): Promise<Subject> {
    if (!principal) return anonymousSubject;
    return { principal, memberships: await repos.memberships.membershipsForUser(principal.userId) };
  }
  return {
    forPrincipal,
    forRequest(req) {
      let subject = cache.get(req);
      if (!subject) {
        subject = forPrincipal(req.auth ?? null).then((s) => ({
          ...s,
          origin: { ip: req.ip, userAgent: req.get('user-agent')?.slice(0, 300) },
        }));
        // A failed load (database down) must not be cached for the rest of the request.
        subject.catch(() => cache.delete(req));
        cache.set(req, subject);
      }
      return subject;
    },
  };
}

/** Who and from where, for an audit entry about something this subject did. */
export function actorOf(subject: Subject): {
  actorId?: string;
  actorEmail?: string;
  ip?: string;
  userAgent?: string;
} {
  return {
    actorId: subject.principal?.userId,
    actorEmail: subject.principal?.email,
    ip: subject.origin?.ip,
    userAgent: subject.origin?.userAgent,
  };
}
