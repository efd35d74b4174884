import { z } from 'zod';
import { requireUser } from '../../platform/auth/principal.js';
import { endpoint } from '../../platform/http/endpoint.js';
import type { Authorizer } from '../policy/guards.js';
import { idParams } from '../policy/params.js';
import { denied, error, hidden, meetingTags as tags, security } from './meetings.routes.js';
import {
  attendedBody,
  myRegistrationItemDto,
  organisationQuery,
  registerBody,
  registerResultDto,
  registrationDto,
  registrationParams,
} from './meetings.schemas.js';
import type { RegistrationsService } from './registrations.service.js';

export function registrationsRoutes(deps: { service: RegistrationsService; authorizer: Authorizer }) {
  const { service, authorizer } = deps;
  return [
    endpoint(
      {
        method: 'post',
        path: '/api/meetings/:id/registrations',
        summary: 'Register your supplier organisation (or book a slot); when full, join the waitlist',
        description:
          'Answers 201 with `status: registered` or `status: waitlisted` and the waitlist `position`. ' +
          '409 `already_registered`, `registration_closed`, `meeting_cancelled`, `slot_taken`. ' +
          '403 `not_a_supplier`, `organisation_not_verified`.',
        tags,
        security,
        before: [requireUser],
        request: { params: idParams, body: registerBody },
        status: 201,
        responses: {
          201: { description: 'Registered or waitlisted', schema: registerResultDto },
          ...denied,
          404: hidden,
          409: error('See description'),
        },
      },
      async ({ params, body }, req) => service.register(await authorizer.subjectOf(req), params.id, body),
    ),
    endpoint(
      {
        method: 'delete',
        path: '/api/meetings/:id/registrations/mine',
        summary: "Cancel your organisation's registration; the first on the waitlist takes the place",
        tags,
        security,
        before: [requireUser],
        request: { params: idParams, query: organisationQuery },
        responses: { 204: { description: 'Cancelled' }, 401: denied[401], 404: error('Not registered') },
      },
      async ({ params, query }, req) => {
        await service.cancelMine(await authorizer.subjectOf(req), params.id, query.organisationId);
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/meetings/:id/registrations',
        summary: 'Who registered, in order, with the waitlist (network members)',
        tags,
        security,
        before: [requireUser],
        request: { params: idParams },
        responses: {
          200: { description: 'Registrations', schema: z.object({ items: z.array(registrationDto) }) },
          ...denied,
          404: hidden,
        },
      },
      async ({ params }, req) => ({ items: await service.list(await authorizer.subjectOf(req), params.id) }),
    ),
    endpoint(
      {
        method: 'patch',
        path: '/api/meetings/:id/registrations/:registrationId',
        summary: 'Record whether a registered organisation attended (network members)',
        tags,
        security,
        before: [requireUser],
        request: { params: registrationParams, body: attendedBody },
        responses: {
          200: { description: 'Recorded', schema: registrationDto },
          ...denied,
          404: hidden,
          409: error('`not_registered`, `meeting_not_held`'),
        },
      },
      async ({ params, body }, req) =>
        service.setAttended(await authorizer.subjectOf(req), params.id, params.registrationId, body.attended),
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/meetings/:id/attendance.csv',
        summary: 'Registrations and attendance as CSV (network members)',
        description:
          'RFC 4180, UTF-8 with BOM, header row; times in UTC. The export is recorded in the audit log.',
        tags,
        security,
        before: [requireUser],
        request: { params: idParams },
        responses: {
          200: { description: 'CSV', schema: z.string(), contentType: 'text/csv' },
          ...denied,
          404: hidden,
        },
      },
      async ({ params }, req, res) => {
        const { filename, csv } = await service.attendanceCsv(await authorizer.subjectOf(req), params.id);
        res
          .status(200)
          .set('Content-Type', 'text/csv; charset=utf-8')
          .set('Content-Disposition', `attachment; filename="${filename}"`)
          .set('Cache-Control', 'no-store')
          .send(csv);
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/me/registrations',
        summary: "Your organisations' meeting registrations, newest first",
        tags,
        security,
        before: [requireUser],
        responses: {
          200: { description: 'Registrations', schema: z.object({ items: z.array(myRegistrationItemDto) }) },
          401: denied[401],
        },
      },
      async (_input, req) => ({ items: await service.mine(await authorizer.subjectOf(req)) }),
    ),
  ];
}
