import { z } from 'zod';
import { endpoint } from '../../platform/http/endpoint.js';
import { errorBodySchema } from '../../platform/http/openapi.js';
import type { Authorizer } from '../policy/guards.js';
import { idParams } from '../policy/params.js';
import type { BuyerGroupsService, BuyerGroupsView } from './buyer-groups.service.js';
import { toBuyerGroupDto } from './networks.dto.js';
import type { NetworkResources } from './networks.resources.js';
import { buyerGroupDto, createGroupBody, groupParams, updateGroupBody } from './networks.schemas.js';

const tags = ['Networks'];
const security = ['session', 'bearer'];
const error = (description: string) => ({ description, schema: errorBodySchema });
const denied = { 401: error('Not logged in'), 403: error('Not allowed (code `forbidden`)') };
const hidden = error('Not found (also when the network exists but is not visible to you)');

const toDtos = (view: BuyerGroupsView) => view.items.map((g) => toBuyerGroupDto(g, view.names));

export function buyerGroupsRoutes(deps: {
  service: BuyerGroupsService;
  authorizer: Authorizer;
  resources: NetworkResources;
}) {
  const { service, authorizer, resources } = deps;
  const { authorize } = authorizer;
  return [
    endpoint(
      {
        method: 'post',
        path: '/api/networks/:id/groups',
        summary: 'Form a buyer group of member organisations for one procurement (coordinator)',
        tags,
        security,
        before: [authorize('network.manageGroups', resources.network)],
        request: { params: idParams, body: createGroupBody },
        status: 201,
        responses: { 201: { description: 'Created', schema: buyerGroupDto }, ...denied, 404: hidden },
      },
      async ({ params, body }, req) =>
        toDtos(await service.create(await authorizer.subjectOf(req), params.id, body))[0],
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/networks/:id/groups',
        summary: "The network's buyer groups, latest end date first",
        tags,
        before: [authorize('network.read', resources.network)],
        request: { params: idParams },
        responses: {
          200: { description: 'Buyer groups', schema: z.object({ items: z.array(buyerGroupDto) }) },
          404: hidden,
        },
      },
      async ({ params }) => ({ items: toDtos(await service.list(params.id)) }),
    ),
    endpoint(
      {
        method: 'patch',
        path: '/api/networks/:id/groups/:groupId',
        summary: 'Change a buyer group (coordinator)',
        tags,
        security,
        before: [authorize('network.manageGroups', resources.network)],
        request: { params: groupParams, body: updateGroupBody },
        responses: { 200: { description: 'Changed', schema: buyerGroupDto }, ...denied, 404: hidden },
      },
      async ({ params, body }, req) =>
        toDtos(await service.update(await authorizer.subjectOf(req), params.id, params.groupId, body))[0],
    ),
  ];
}
