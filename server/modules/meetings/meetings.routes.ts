import { z } from 'zod';
import { requireUser } from '../../platform/auth/principal.js';
import { endpoint } from '../../platform/http/endpoint.js';
import { errorBodySchema } from '../../platform/http/openapi.js';
import type { Authorizer } from '../policy/guards.js';
import { idParams } from '../policy/params.js';
import {
  cancelMeetingBody,
  createMeetingBody,
  meetingDto,
  summaryBody,
  updateMeetingBody,
} from './meetings.schemas.js';
import type { MeetingsService } from './meetings.service.js';

export const meetingTags = ['Meetings'];
export const security = ['session', 'bearer'];
export const error = (description: string) => ({ description, schema: errorBodySchema });
export const denied = { 401: error('Not logged in'), 403: error('Not allowed (code `forbidden`)') };
export const hidden = error('Not found (also when it exists but is not visible to you)');

export function meetingsRoutes(deps: { service: MeetingsService; authorizer: Authorizer }) {
  const { service, authorizer } = deps;
  const tags = meetingTags;
  return [
    endpoint(
      {
        method: 'post',
        path: '/api/needs/:id/meetings',
        summary: 'Schedule a dialogue meeting for a published need (network members)',
        description:
          'An information meeting (capacity) or one-to-one slots. Unless `draft`, the meeting is published at once: ' +
          'matched suppliers (score ≥ `inviteMinScore`) and followers of the need get an invitation with an `.ics`, ' +
          'and a reminder is planned 24 hours before the start. 409 `need_not_published`.',
        tags,
        security,
        before: [requireUser],
        request: { params: idParams, body: createMeetingBody },
        status: 201,
        responses: {
          201: { description: 'Created', schema: meetingDto },
          ...denied,
          404: hidden,
          409: error('`need_not_published`'),
        },
      },
      async ({ params, body }, req) => service.create(await authorizer.subjectOf(req), params.id, body),
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/needs/:id/meetings',
        summary: "A need's meetings, soonest first (drafts only for the network)",
        tags,
        request: { params: idParams },
        responses: {
          200: { description: 'The meetings', schema: z.object({ items: z.array(meetingDto) }) },
          404: hidden,
        },
      },
      async ({ params }, req) => ({
        items: await service.listForNeed(await authorizer.subjectOf(req), params.id),
      }),
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/meetings/:id',
        summary: 'A meeting, with your registration if you have one',
        description: 'The online link is shown only to registered suppliers and the network.',
        tags,
        request: { params: idParams },
        responses: { 200: { description: 'The meeting', schema: meetingDto }, 404: hidden },
      },
      async ({ params }, req) => service.get(await authorizer.subjectOf(req), params.id),
    ),
    endpoint(
      {
        method: 'patch',
        path: '/api/meetings/:id',
        summary: 'Change or reschedule a meeting (network members)',
        description:
          'A change of time or place raises the iCal SEQUENCE, sends everyone registered the updated event and ' +
          'moves the reminder. Raising the capacity promotes from the waitlist. 409 `meeting_cancelled`, ' +
          '`capacity_below_registered`.',
        tags,
        security,
        before: [requireUser],
        request: { params: idParams, body: updateMeetingBody },
        responses: {
          200: { description: 'Changed', schema: meetingDto },
          ...denied,
          404: hidden,
          409: error('See description'),
        },
      },
      async ({ params, body }, req) => service.update(await authorizer.subjectOf(req), params.id, body),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/meetings/:id/publish',
        summary: 'Publish a draft meeting (sends the invitations)',
        tags,
        security,
        before: [requireUser],
        request: { params: idParams },
        responses: {
          200: { description: 'Published', schema: meetingDto },
          ...denied,
          404: hidden,
          409: error('`meeting_cancelled`'),
        },
      },
      async ({ params }, req) => service.publish(await authorizer.subjectOf(req), params.id),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/meetings/:id/cancel',
        summary: 'Cancel a meeting (network members); everyone registered gets METHOD:CANCEL',
        tags,
        security,
        before: [requireUser],
        request: { params: idParams, body: cancelMeetingBody },
        responses: {
          200: { description: 'Cancelled', schema: meetingDto },
          ...denied,
          404: hidden,
          409: error('`meeting_cancelled`'),
        },
      },
      async ({ params, body }, req) =>
        service.cancel(await authorizer.subjectOf(req), params.id, body.reason),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/meetings/:id/summary',
        summary: 'Publish (or correct) the summary of a held meeting; followers of the need are told once',
        tags,
        security,
        before: [requireUser],
        request: { params: idParams, body: summaryBody },
        responses: {
          200: { description: 'Published', schema: meetingDto },
          ...denied,
          404: hidden,
          409: error('`meeting_not_held`, `meeting_cancelled`'),
          413: error('`payload_too_large`: the summary is larger than the body limit (BODY_LIMIT)'),
        },
      },
      async ({ params, body }, req) =>
        service.publishSummary(await authorizer.subjectOf(req), params.id, body),
    ),
  ];
}
