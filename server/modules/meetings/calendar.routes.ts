import type { Response } from 'express';
import { z } from 'zod';
import { endpoint } from '../../platform/http/endpoint.js';
import type { Authorizer } from '../policy/guards.js';
import { idParams } from '../policy/params.js';
import type { CalendarService } from './calendar.service.js';
import { hidden } from './meetings.routes.js';

const tags = ['Calendars'];
const ics = { description: 'iCalendar (RFC 5545)', schema: z.string(), contentType: 'text/calendar' };

function sendCalendar(res: Response, body: string, cache: string, filename?: string) {
  res.status(200).set('Content-Type', 'text/calendar; charset=utf-8').set('Cache-Control', cache);
  if (filename) res.set('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(body);
}

export function calendarRoutes(deps: { service: CalendarService; authorizer: Authorizer }) {
  const { service, authorizer } = deps;
  return [
    endpoint(
      {
        method: 'get',
        path: '/api/meetings/:id/event.ics',
        summary: 'One meeting as an .ics file (with your slot and the online link if you are registered)',
        tags,
        request: { params: idParams },
        responses: { 200: ics, 404: hidden },
      },
      async ({ params }, req, res) => {
        const { filename, ics: body } = await service.event(await authorizer.subjectOf(req), params.id);
        sendCalendar(res, body, 'private, no-cache', filename);
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/needs/:id/calendar.ics',
        summary: "Subscribable calendar of a published need's meetings (public; no online links)",
        tags,
        request: { params: idParams },
        responses: { 200: ics, 404: hidden },
      },
      async ({ params }, _req, res) => {
        sendCalendar(res, await service.needFeed(params.id), 'public, max-age=300');
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/networks/:id/calendar.ics',
        summary: "Subscribable calendar of every meeting of an approved network's published needs",
        tags,
        request: { params: idParams },
        responses: { 200: ics, 404: hidden },
      },
      async ({ params }, _req, res) => {
        sendCalendar(res, await service.networkFeed(params.id), 'public, max-age=300');
      },
    ),
  ];
}
