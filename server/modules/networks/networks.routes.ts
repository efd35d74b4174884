import { z } from 'zod';
import { endpoint } from '../../platform/http/endpoint.js';
import { errorBodySchema } from '../../platform/http/openapi.js';
import type { Authorizer } from '../policy/guards.js';
import { idParams, pageOf } from '../policy/params.js';
import { toNetworkDto, toNetworkSummaryDto } from './networks.dto.js';
import type { NetworkResources } from './networks.resources.js';
import {
  createNetworkBody,
  listNetworksQuery,
  networkDto,
  networkMemberParams,
  networkSummaryDto,
  organisationRefBody,
  updateNetworkBody,
} from './networks.schemas.js';
import type { NetworksService } from './networks.service.js';

const tags = ['Networks'];
const security = ['session', 'bearer'];
const error = (description: string) => ({ description, schema: errorBodySchema });
const denied = { 401: error('Not logged in'), 403: error('Not allowed (code `forbidden`)') };
const hidden = error('Not found (also when the network exists but is not visible to you)');

export function networksRoutes(deps: {
  service: NetworksService;
  authorizer: Authorizer;
  resources: NetworkResources;
}) {
  const { service, authorizer, resources } = deps;
  const { authorize } = authorizer;
  return [
    endpoint(
      {
        method: 'post',
        path: '/api/networks',
        summary: 'Create a buyer network; your verified buyer organisation coordinates it',
        description: 'The network starts `pending` and becomes public when an admin approves it.',
        tags,
        security,
        before: [authorize('network.create')],
        request: { body: createNetworkBody },
        status: 201,
        responses: { 201: { description: 'Created', schema: networkDto }, ...denied },
      },
      async ({ body }, req) => {
        const { network, names } = await service.create(await authorizer.subjectOf(req), body);
        return toNetworkDto(network, names);
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/networks',
        summary: 'Approved buyer networks (public), by name; `q` filters on name and subject area',
        tags,
        request: { query: listNetworksQuery },
        responses: {
          200: { description: 'A page of networks', schema: pageOf(networkSummaryDto, 'NetworkPage') },
        },
      },
      async ({ query }) => {
        const { items, total, names } = await service.listPublic(
          query.q || undefined,
          query.page,
          query.pageSize,
        );
        return {
          items: items.map((n) => toNetworkSummaryDto(n, names)),
          page: query.page,
          pageSize: query.pageSize,
          total,
        };
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/me/networks',
        summary: 'Networks your organisations belong to (any status)',
        tags,
        security,
        before: [authorize('me.read')],
        responses: {
          200: { description: 'Your networks', schema: z.object({ items: z.array(networkSummaryDto) }) },
          401: denied[401],
        },
      },
      async (_input, req) => {
        const { items, names } = await service.mine(await authorizer.subjectOf(req));
        return { items: items.map((n) => toNetworkSummaryDto(n, names)) };
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/networks/:id',
        summary: 'A network with its member organisations',
        description:
          'Approved networks are public; others only for their member and invited organisations and admins.',
        tags,
        before: [authorize('network.read', resources.network)],
        request: { params: idParams },
        responses: { 200: { description: 'The network', schema: networkDto }, 404: hidden },
      },
      async ({ params }) => {
        const { network, names } = await service.get(params.id);
        return toNetworkDto(network, names);
      },
    ),
    endpoint(
      {
        method: 'patch',
        path: '/api/networks/:id',
        summary: 'Change a network (coordinator)',
        description: 'Editing a rejected network sends it back to moderation (`pending`).',
        tags,
        security,
        before: [authorize('network.update', resources.network)],
        request: { params: idParams, body: updateNetworkBody },
        responses: { 200: { description: 'Changed', schema: networkDto }, ...denied, 404: hidden },
      },
      async ({ params, body }, req) => {
        const { network, names } = await service.update(await authorizer.subjectOf(req), params.id, body);
        return toNetworkDto(network, names);
      },
    ),
    endpoint(
      {
        method: 'delete',
        path: '/api/networks/:id/members/:organisationId',
        summary: 'Your organisation leaves the network',
        description:
          'The coordinating organisation cannot leave (409 `coordinator_cannot_leave`): hand over first.',
        tags,
        security,
        before: [authorize('network.leave', resources.networkMember)],
        request: { params: networkMemberParams },
        responses: {
          204: { description: 'Left' },
          ...denied,
          404: hidden,
          409: error('`coordinator_cannot_leave`'),
        },
      },
      async ({ params }, req) => {
        await service.leave(await authorizer.subjectOf(req), params.id, params.organisationId);
      },
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/networks/:id/hand-over',
        summary: 'Hand over coordination to another member organisation (coordinator)',
        tags,
        security,
        before: [authorize('network.handOver', resources.network)],
        request: { params: idParams, body: organisationRefBody },
        responses: {
          200: { description: 'Handed over', schema: networkDto },
          ...denied,
          404: hidden,
          409: error('`not_a_member`, `organisation_not_eligible` or `already_coordinator`'),
        },
      },
      async ({ params, body }, req) => {
        const { network, names } = await service.handOver(
          await authorizer.subjectOf(req),
          params.id,
          body.organisationId,
        );
        return toNetworkDto(network, names);
      },
    ),
  ];
}
