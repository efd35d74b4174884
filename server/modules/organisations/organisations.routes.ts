import { z } from 'zod';
import { endpoint } from '../../platform/http/endpoint.js';
import { errorBodySchema } from '../../platform/http/openapi.js';
import type { Authorizer } from '../policy/guards.js';
import { idParams } from '../policy/params.js';
import { toMemberDto, toOrganisationDto } from './organisations.dto.js';
import type { OrganisationResources } from './organisations.resources.js';
import {
  changeRoleBody,
  createOrganisationBody,
  memberDto,
  memberParams,
  myOrganisationDto,
  organisationDto,
} from './organisations.schemas.js';
import type { OrganisationsService } from './organisations.service.js';

const tags = ['Organisations'];
const security = ['session', 'bearer'];
const error = (description: string) => ({ description, schema: errorBodySchema });
const denied = {
  401: error('Not logged in'),
  403: error('Not allowed (code `forbidden`)'),
};

export function organisationsRoutes(deps: {
  service: OrganisationsService;
  authorizer: Authorizer;
  resources: OrganisationResources;
}) {
  const { service, authorizer, resources } = deps;
  const { authorize } = authorizer;
  return [
    endpoint(
      {
        method: 'post',
        path: '/api/organisations',
        summary: 'Register an organisation; you become its owner',
        description:
          'Starts as `pending`. A platform admin verifies it; buyer organisations act in networks only when verified.',
        tags,
        security,
        before: [authorize('organisation.create')],
        request: { body: createOrganisationBody },
        status: 201,
        responses: {
          201: { description: 'Registered', schema: myOrganisationDto },
          ...denied,
          409: error('`duplicate_organisation`: the org number is already registered in that country'),
        },
      },
      async ({ body }, req) => {
        const { organisation, role } = await service.create(await authorizer.subjectOf(req), body);
        return { role, organisation: toOrganisationDto(organisation) };
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/organisations/:id',
        summary: 'An organisation',
        description:
          'Verified organisations are public; others only for their members and admins (404 otherwise).',
        tags,
        before: [authorize('organisation.read', resources.organisation)],
        request: { params: idParams },
        responses: {
          200: { description: 'The organisation', schema: organisationDto },
          404: error('Not found'),
        },
      },
      async ({ params }) => toOrganisationDto(await service.get(params.id)),
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/organisations/:id/members',
        summary: 'The people of an organisation and their roles',
        tags,
        security,
        before: [authorize('organisation.readMembers', resources.organisation)],
        request: { params: idParams },
        responses: {
          200: { description: 'Members', schema: z.object({ items: z.array(memberDto) }) },
          ...denied,
          404: error('Not found'),
        },
      },
      async ({ params }) => ({ items: (await service.listMembers(params.id)).map(toMemberDto) }),
    ),
    endpoint(
      {
        method: 'patch',
        path: '/api/organisations/:id/members/:userId',
        summary: "Change a member's role (owners only)",
        description:
          'Demotes an owner to member. Nobody is made owner without consent: promotion answers 409 `consent_required`; invite the member with `role: owner` instead.',
        tags,
        security,
        before: [authorize('organisation.manageMembers', resources.organisation)],
        request: { params: memberParams, body: changeRoleBody },
        responses: {
          200: { description: 'Changed', schema: memberDto },
          ...denied,
          404: error('Not found'),
          409: error('`last_owner` (the organisation would have no owner) or `consent_required`'),
        },
      },
      async ({ params, body }, req) =>
        toMemberDto(
          await service.changeRole(await authorizer.subjectOf(req), params.id, params.userId, body.role),
        ),
    ),
    endpoint(
      {
        method: 'delete',
        path: '/api/organisations/:id/members/:userId',
        summary: 'Remove a member (owners), or leave the organisation (yourself)',
        description:
          'The last owner who accepted the ownership must hand it over first; an ownership never accepted never blocks leaving.',
        tags,
        security,
        before: [authorize('organisation.removeMember', resources.member)],
        request: { params: memberParams },
        responses: {
          204: { description: 'Removed' },
          ...denied,
          404: error('Not found'),
          409: error('`last_owner`: the organisation would have no owner'),
        },
      },
      async ({ params }, req) => {
        await service.removeMember(await authorizer.subjectOf(req), params.id, params.userId);
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/me/organisations',
        summary: 'The organisations you belong to, with your role',
        tags,
        security,
        before: [authorize('me.read')],
        responses: {
          200: { description: 'Your organisations', schema: z.object({ items: z.array(myOrganisationDto) }) },
          401: denied[401],
        },
      },
      async (_input, req) => {
        const mine = await service.mine(await authorizer.subjectOf(req));
        return {
          items: mine.map(({ organisation, role }) => ({
            role,
            organisation: toOrganisationDto(organisation),
          })),
        };
      },
    ),
  ];
}
