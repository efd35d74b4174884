import { z } from 'zod';
import { endpoint } from '../../platform/http/endpoint.js';
import { errorBodySchema } from '../../platform/http/openapi.js';
import type { Authorizer } from '../policy/guards.js';
import { idParams } from '../policy/params.js';
import { toInvitationDto } from './networks.dto.js';
import type { NetworkResources } from './networks.resources.js';
import { invitationDto, invitationParams, organisationRefBody } from './networks.schemas.js';
import type { InvitationsService, InvitationsView } from './invitations.service.js';

const tags = ['Networks'];
const security = ['session', 'bearer'];
const error = (description: string) => ({ description, schema: errorBodySchema });
const denied = { 401: error('Not logged in'), 403: error('Not allowed (code `forbidden`)') };
const hidden = error('Not found (also when it exists but is not visible to you)');

const toDtos = (view: InvitationsView) =>
  view.items.map((i) => toInvitationDto(i, view.networks.get(i.networkId), view.names));

export function invitationsRoutes(deps: {
  service: InvitationsService;
  authorizer: Authorizer;
  resources: NetworkResources;
}) {
  const { service, authorizer, resources } = deps;
  const { authorize } = authorizer;
  const respond = (answer: 'accept' | 'decline') =>
    endpoint(
      {
        method: 'post',
        path: `/api/invitations/:id/${answer}`,
        summary: answer === 'accept' ? 'Accept a network invitation' : 'Decline a network invitation',
        description: 'By a member of the invited (verified buyer) organisation.',
        tags,
        security,
        before: [authorize('network.respondInvitation', resources.invitation)],
        request: { params: idParams },
        responses: {
          200: { description: 'Answered', schema: invitationDto },
          ...denied,
          404: hidden,
          409: error('`invalid_status`: already answered or revoked'),
        },
      },
      async ({ params }, req) =>
        toDtos(await service.respond(await authorizer.subjectOf(req), params.id, answer))[0],
    );
  return [
    endpoint(
      {
        method: 'post',
        path: '/api/networks/:id/invitations',
        summary: 'Invite a verified buyer organisation to the network (coordinator)',
        description: "The invited organisation's owners get an email.",
        tags,
        security,
        before: [authorize('network.invite', resources.network)],
        request: { params: idParams, body: organisationRefBody },
        status: 201,
        responses: {
          201: { description: 'Invited', schema: invitationDto },
          ...denied,
          404: hidden,
          409: error('`already_member`, `already_invited` or `organisation_not_eligible`'),
        },
      },
      async ({ params, body }, req) =>
        toDtos(await service.invite(await authorizer.subjectOf(req), params.id, body.organisationId))[0],
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/networks/:id/invitations',
        summary: "The network's invitations, newest first (coordinator)",
        tags,
        security,
        before: [authorize('network.invite', resources.network)],
        request: { params: idParams },
        responses: {
          200: { description: 'Invitations', schema: z.object({ items: z.array(invitationDto) }) },
          ...denied,
          404: hidden,
        },
      },
      async ({ params }) => ({ items: toDtos(await service.listForNetwork(params.id)) }),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/networks/:id/invitations/:invitationId/revoke',
        summary: 'Revoke an open invitation (coordinator)',
        tags,
        security,
        before: [authorize('network.invite', resources.network)],
        request: { params: invitationParams },
        responses: {
          204: { description: 'Revoked' },
          ...denied,
          404: hidden,
          409: error('`invalid_status`'),
        },
      },
      async ({ params }, req) => {
        await service.revoke(await authorizer.subjectOf(req), params.id, params.invitationId);
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/me/invitations',
        summary: 'Open invitations to the organisations you belong to',
        tags,
        security,
        before: [authorize('me.read')],
        responses: {
          200: { description: 'Invitations', schema: z.object({ items: z.array(invitationDto) }) },
          401: denied[401],
        },
      },
      async (_input, req) => ({ items: toDtos(await service.mine(await authorizer.subjectOf(req))) }),
    ),
    respond('accept'),
    respond('decline'),
  ];
}
