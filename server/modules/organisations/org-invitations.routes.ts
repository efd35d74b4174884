import { z } from 'zod';
import { endpoint } from '../../platform/http/endpoint.js';
import { errorBodySchema } from '../../platform/http/openapi.js';
import type { Authorizer } from '../policy/guards.js';
import { idParams } from '../policy/params.js';
import { toMyOrgInvitationDto, toOrgInvitationDto } from './org-invitations.dto.js';
import {
  inviteMemberBody,
  myOrgInvitationDto,
  orgInvitationDto,
  orgInvitationParams,
} from './org-invitations.schemas.js';
import type { OrgInvitationsService } from './org-invitations.service.js';
import type { OrganisationResources } from './organisations.resources.js';

const tags = ['Organisations'];
const security = ['session', 'bearer'];
const error = (description: string) => ({ description, schema: errorBodySchema });
const denied = { 401: error('Not logged in'), 403: error('Not allowed (code `forbidden`)') };
const hidden = error('Not found (also when it exists but is not addressed to you)');

export function orgInvitationsRoutes(deps: {
  service: OrgInvitationsService;
  authorizer: Authorizer;
  resources: OrganisationResources;
}) {
  const { service, authorizer, resources } = deps;
  const { authorize } = authorizer;
  const respond = (answer: 'accept' | 'decline') =>
    endpoint(
      {
        method: 'post',
        path: `/api/organisation-invitations/:id/${answer}`,
        summary:
          answer === 'accept'
            ? 'Accept an invitation into an organisation'
            : 'Decline an invitation into an organisation',
        description:
          answer === 'accept'
            ? 'By the holder of the invited, verified email address: the membership starts now, with the offered role.'
            : 'By the holder of the invited, verified email address. Nothing about the membership changes.',
        tags,
        security,
        before: [authorize('me.read')],
        request: { params: idParams },
        responses: {
          200: { description: 'Answered', schema: myOrgInvitationDto },
          401: denied[401],
          404: hidden,
          409: error('`invalid_status` (already answered or revoked) or `invitation_expired`'),
        },
      },
      async ({ params }, req) =>
        toMyOrgInvitationDto(await service.respond(await authorizer.subjectOf(req), params.id, answer)),
    );
  return [
    endpoint(
      {
        method: 'post',
        path: '/api/organisations/:id/invitations',
        summary: 'Invite a person by email (owners only)',
        description:
          'The address gets an email; the person becomes a member only by accepting (within 14 days). ' +
          'The answer is the same whether or not the address has an account. Inviting an existing ' +
          'member with `role: owner` offers them ownership. At most 100 invitations an hour per account.',
        tags,
        security,
        before: [authorize('organisation.manageMembers', resources.organisation)],
        request: { params: idParams, body: inviteMemberBody },
        status: 201,
        responses: {
          201: { description: 'Invited', schema: orgInvitationDto },
          ...denied,
          404: error('Not found'),
          409: error('`already_member` (with that role) or `already_invited`'),
          429: error('`rate_limited` (see Retry-After)'),
        },
      },
      async ({ params, body }, req) =>
        toOrgInvitationDto(await service.invite(await authorizer.subjectOf(req), params.id, body)),
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/organisations/:id/invitations',
        summary: "The organisation's invitations, newest first (owners only)",
        tags,
        security,
        before: [authorize('organisation.manageMembers', resources.organisation)],
        request: { params: idParams },
        responses: {
          200: { description: 'Invitations', schema: z.object({ items: z.array(orgInvitationDto) }) },
          ...denied,
          404: error('Not found'),
        },
      },
      async ({ params }) => ({
        items: (await service.listForOrganisation(params.id)).map((i) => toOrgInvitationDto(i)),
      }),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/organisations/:id/invitations/:invitationId/revoke',
        summary: 'Revoke an open invitation (owners only)',
        tags,
        security,
        before: [authorize('organisation.manageMembers', resources.organisation)],
        request: { params: orgInvitationParams },
        responses: {
          204: { description: 'Revoked' },
          ...denied,
          404: error('Not found'),
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
        path: '/api/me/organisation-invitations',
        summary: 'Open invitations into organisations, addressed to your verified email',
        tags,
        security,
        before: [authorize('me.read')],
        responses: {
          200: { description: 'Invitations', schema: z.object({ items: z.array(myOrgInvitationDto) }) },
          401: denied[401],
        },
      },
      async (_input, req) => ({
        items: (await service.mine(await authorizer.subjectOf(req))).map((i) => toMyOrgInvitationDto(i)),
      }),
    ),
    respond('accept'),
    respond('decline'),
  ];
}
