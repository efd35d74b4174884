import type { Request } from 'express';
import { requireUser } from '../../platform/auth/principal.js';
import { endpoint } from '../../platform/http/endpoint.js';
import { errorBodySchema } from '../../platform/http/openapi.js';
import type { Authorizer } from '../policy/guards.js';
import { idParams } from '../policy/params.js';
import type { NeedAccess } from './needs.access.js';
import type { NeedSearch } from './needs-search.js';
import type { NeedsModerationService } from './needs-moderation.service.js';
import { toChangeDto, toListItemDto, toModerationItemDto, toNeedDto, toSearchDto } from './needs.dto.js';
import {
  approveNeedBody,
  closeNeedBody,
  createNeedBody,
  moderationListDto,
  moderationQuery,
  needChangesDto,
  needDto,
  needListDto,
  needSearchDto,
  networkNeedsQuery,
  pageQuery,
  rejectNeedBody,
  reportCreatedDto,
  reportNeedBody,
  resolveReportsBody,
  searchNeedsQuery,
  updateNeedBody,
} from './needs.schemas.js';
import type { NeedsService } from './needs.service.js';
import { needResourceOf } from './need-resource.js';

const tags = ['Needs'];
const adminTags = ['Admin: moderation'];
const security = ['session', 'bearer'];
const error = (description: string) => ({ description, schema: errorBodySchema });
const denied = { 401: error('Not logged in'), 403: error('Not allowed (code `forbidden`)') };
const missing = { 404: error('No such need, or not visible to you') };
const conflict = { 409: error('`invalid_transition`: not allowed in the current status (details name it)') };

export interface NeedsRoutesDeps {
  service: NeedsService;
  moderation: NeedsModerationService;
  search: NeedSearch;
  access: NeedAccess;
  authorizer: Authorizer;
}

export function needsRoutes(deps: NeedsRoutesDeps) {
  const { service, moderation, search, access, authorizer } = deps;
  const { authorize } = authorizer;
  const subject = (req: Request) => authorizer.subjectOf(req);

  const needOf = needResourceOf(access);

  return [
    endpoint(
      {
        method: 'get',
        path: '/api/needs',
        summary: 'Search published needs',
        description:
          'Typo-tolerant full text (title, summary, requirements, description, CPV labels in sv and en) with ' +
          'filters; lists are comma-separated (`cpv=48000000,72000000`). A CPV code also finds needs coded below ' +
          'it, a region those in its sub-regions. When the search engine is unavailable MongoDB answers: the ' +
          'header `X-Search-Degraded: 1` and `degraded: true` say so. Text queries also match by meaning ' +
          '(hybrid search); answered without the embedding model, `X-Search-Keyword-Only: 1` and ' +
          '`keywordOnly: true` say so.',
        tags,
        request: { query: searchNeedsQuery },
        responses: { 200: { description: 'Hits, facet counts and network names', schema: needSearchDto } },
      },
      async ({ query }, _req, res) => {
        const result = await search.search(query);
        if (result.degraded) res.setHeader('X-Search-Degraded', '1');
        if (result.keywordOnly) res.setHeader('X-Search-Keyword-Only', '1');
        return toSearchDto(result);
      },
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/needs',
        summary: 'Create a need (a draft) for a network you are a member of',
        description:
          'Only `networkId` and `title` are required for a draft; the rest is checked when the need is submitted. ' +
          'Demand rows may name member organisations of the network (or of the buyer group) only.',
        tags,
        security,
        before: [requireUser],
        request: { body: createNeedBody },
        status: 201,
        responses: { 201: { description: 'The draft', schema: needDto }, ...denied },
      },
      async ({ body }, req) => toNeedDto(await service.create(await subject(req), body)),
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/needs/:id',
        summary: 'One need',
        description:
          'Public once published; drafts, submitted, rejected and hidden needs only to the network and admins.',
        tags,
        request: { params: idParams },
        responses: { 200: { description: 'The need', schema: needDto }, ...missing },
      },
      async ({ params }, req) => toNeedDto(await service.get(await subject(req), params.id)),
    ),
    endpoint(
      {
        method: 'patch',
        path: '/api/needs/:id',
        summary: 'Edit a need (network members)',
        description:
          'Draft, rejected or published needs. Arrays replace the stored ones; `null` clears an optional field. ' +
          'After publication each edit is added to the public change log.',
        tags,
        security,
        before: [authorize('need.edit', needOf)],
        request: { params: idParams, body: updateNeedBody },
        responses: {
          200: { description: 'The need after the edit', schema: needDto },
          ...denied,
          ...missing,
          409: error('`invalid_transition` (not editable in its status) or `version_conflict`'),
        },
      },
      async ({ params, body }, req) => toNeedDto(await service.update(await subject(req), params.id, body)),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/needs/:id/submit',
        summary: 'Submit a need for review (the coordinator)',
        tags,
        security,
        before: [authorize('need.submit', needOf)],
        request: { params: idParams },
        responses: {
          200: { description: 'Submitted', schema: needDto },
          400: error('`need_incomplete`: details name the missing fields'),
          ...denied,
          ...missing,
          ...conflict,
        },
      },
      async ({ params }, req) => toNeedDto(await service.submit(await subject(req), params.id)),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/needs/:id/close',
        summary: 'Close a published need with its outcome (the coordinator)',
        tags,
        security,
        before: [authorize('need.close', needOf)],
        request: { params: idParams, body: closeNeedBody },
        responses: { 200: { description: 'Closed', schema: needDto }, ...denied, ...missing, ...conflict },
      },
      async ({ params, body }, req) => toNeedDto(await service.close(await subject(req), params.id, body)),
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/needs/:id/changes',
        summary: 'The public change log of a need, newest first',
        tags,
        request: { params: idParams, query: pageQuery },
        responses: { 200: { description: 'Changes', schema: needChangesDto }, ...missing },
      },
      async ({ params, query }, req) => {
        const result = await service.changes(await subject(req), params.id, query.page, query.pageSize);
        return {
          items: result.items.map((c) => toChangeDto(c, result.organisationNames)),
          page: query.page,
          pageSize: query.pageSize,
          total: result.total,
        };
      },
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/needs/:id/reports',
        summary: 'Report a published need to the moderators',
        description:
          'Any logged-in user; every report reaches the admins. The need is hidden pending review once open reports come from a set number (REPORT_HIDE_THRESHOLD) of distinct verified organisations. At most 10 reports an hour per account.',
        tags,
        security,
        before: [authorize('need.report', needOf)],
        request: { params: idParams, body: reportNeedBody },
        status: 201,
        responses: {
          201: { description: 'Received', schema: reportCreatedDto },
          ...denied,
          ...missing,
          409: error('`already_reported`: you have an open report on this need'),
          429: error('`rate_limited` (see Retry-After)'),
        },
      },
      async ({ params, body }, req) => {
        const report = await moderation.report(await subject(req), params.id, body.reason);
        return { id: report.id, status: 'open' as const };
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/networks/:id/needs',
        summary: "A network's needs",
        description:
          'Members of the network and admins see every status (filter with `status`); others see public needs.',
        tags,
        request: { params: idParams, query: networkNeedsQuery },
        responses: {
          200: { description: 'Needs, most recently changed first', schema: needListDto },
          ...missing,
        },
      },
      async ({ params, query }, req) => {
        const result = await service.listForNetwork(
          await subject(req),
          params.id,
          query.status,
          query.page,
          query.pageSize,
        );
        return {
          items: result.items.map((n) => toListItemDto(n, result.network.name)),
          page: query.page,
          pageSize: query.pageSize,
          total: result.total,
        };
      },
    ),

    endpoint(
      {
        method: 'get',
        path: '/api/admin/moderation/needs',
        summary: 'Needs waiting for moderation',
        description:
          '`queue=submitted` (default): submitted needs, oldest first. `queue=reported`: needs with open reports (hidden ones first), with the reports and how many verified organisations stand behind them.',
        tags: adminTags,
        security,
        before: [authorize('admin.moderateNeeds')],
        request: { query: moderationQuery },
        responses: { 200: { description: 'The queue', schema: moderationListDto }, ...denied },
      },
      async ({ query }, req) => {
        const result = await moderation.queue(await subject(req), query.queue, query.page, query.pageSize);
        return {
          items: result.items.map(toModerationItemDto),
          page: query.page,
          pageSize: query.pageSize,
          total: result.total,
        };
      },
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/admin/moderation/needs/:id/approve',
        summary: 'Approve and publish a submitted need',
        description: 'Audited; the owners of the coordinating organisation are emailed.',
        tags: adminTags,
        security,
        before: [authorize('admin.moderateNeeds')],
        request: { params: idParams, body: approveNeedBody },
        responses: { 200: { description: 'Published', schema: needDto }, ...denied, ...missing, ...conflict },
      },
      async ({ params, body }, req) =>
        toNeedDto(await moderation.approve(await subject(req), params.id, body?.note)),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/admin/moderation/needs/:id/reject',
        summary: 'Reject a submitted need with a reason',
        description: 'Audited; the coordinator is emailed the reason and may edit and resubmit.',
        tags: adminTags,
        security,
        before: [authorize('admin.moderateNeeds')],
        request: { params: idParams, body: rejectNeedBody },
        responses: { 200: { description: 'Rejected', schema: needDto }, ...denied, ...missing, ...conflict },
      },
      async ({ params, body }, req) =>
        toNeedDto(await moderation.reject(await subject(req), params.id, body.reason)),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/admin/moderation/needs/:id/reports/resolve',
        summary: 'Resolve the open reports of a need',
        description: '`restore` dismisses them and makes the need public again; `keep_hidden` upholds them.',
        tags: adminTags,
        security,
        before: [authorize('admin.moderateNeeds')],
        request: { params: idParams, body: resolveReportsBody },
        responses: {
          200: { description: 'The need after the decision', schema: needDto },
          ...denied,
          ...missing,
        },
      },
      async ({ params, body }, req) =>
        toNeedDto(await moderation.resolveReports(await subject(req), params.id, body.decision, body.note)),
    ),
  ];
}
