import type { AuditLogReader, AuditQuery } from '../audit/audit.repository.js';
import type { MembershipsRepository, Organisation } from '../organisations/organisations.repository.js';
import type { UserDirectory } from '../organisations/user-directory.js';

export interface OrganisationWithOwners {
  organisation: Organisation;
  owners: { userId: string; email: string; name?: string }[];
}

/** What admins read besides the organisations' and networks' own services. */
export interface AdminService {
  /** Adds each organisation's owners, so the admin knows whom they verify. */
  withOwners(organisations: Organisation[]): Promise<OrganisationWithOwners[]>;
  auditLog(query: AuditQuery): ReturnType<AuditLogReader['list']>;
}

export function createAdminService(deps: {
  memberships: MembershipsRepository;
  users: UserDirectory;
  auditLog: AuditLogReader;
}): AdminService {
  return {
    async withOwners(organisations) {
      const owners = await Promise.all(organisations.map((o) => deps.memberships.ownerIds(o.id)));
      const people = new Map((await deps.users.findByIds(owners.flat())).map((u) => [u.id, u]));
      return organisations.map((organisation, i) => ({
        organisation,
        owners: owners[i]!.flatMap((userId) => {
          const person = people.get(userId);
          return person
            ? [{ userId, email: person.email, ...(person.name ? { name: person.name } : {}) }]
            : [];
        }),
      }));
    },
    auditLog: (query) => deps.auditLog.list(query),
  };
}
