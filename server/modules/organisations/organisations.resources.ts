import type { Request } from 'express';
import type { MemberResource, OrganisationResource } from '../policy/actions.js';
import { idParam } from '../policy/params.js';
import type { Organisation, OrganisationsRepository } from './organisations.repository.js';

export function organisationResource(o: Pick<Organisation, 'id' | 'kind' | 'status'>): OrganisationResource {
  return { type: 'organisation', id: o.id, kind: o.kind, status: o.status };
}

/** Resource loaders for the policy guards (ids are validated here: guards run before validation). */
export function createOrganisationResources(organisations: OrganisationsRepository) {
  async function organisation(req: Request): Promise<OrganisationResource | null> {
    const found = await organisations.findById(idParam(req, 'id'));
    return found ? organisationResource(found) : null;
  }
  return {
    organisation,
    async member(req: Request): Promise<MemberResource | null> {
      const userId = idParam(req, 'userId');
      const org = await organisation(req);
      return org ? { type: 'member', organisation: org, userId } : null;
    },
  };
}

export type OrganisationResources = ReturnType<typeof createOrganisationResources>;
