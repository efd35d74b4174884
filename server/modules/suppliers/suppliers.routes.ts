import type { Request } from 'express';
import { z } from 'zod';
import { requireUser } from '../../platform/auth/principal.js';
import { endpoint } from '../../platform/http/endpoint.js';
import { errorBodySchema } from '../../platform/http/openapi.js';
import type { SupplierProfileResource } from '../policy/actions.js';
import type { Authorizer } from '../policy/guards.js';
import { idParam, idParams } from '../policy/params.js';
import {
  moderationListDto,
  moderationQuery,
  ownProfileDto,
  profileDto,
  profileInputSchema,
  profileWithContactsDto,
  reasonBody,
  reportBody,
  reportDto,
  resolveReportsBody,
  searchQuerySchema,
  searchResultDto,
} from './suppliers.schemas.js';
import { profileResource, type SuppliersService } from './suppliers.service.js';
import type { SuppliersRepository } from './suppliers.repository.js';

const tags = ['Suppliers'];
const adminTags = ['Admin'];
const security = ['session', 'bearer'];
const error = (description: string) => ({ description, schema: errorBodySchema });
const denied = { 401: error('Not logged in'), 403: error('Not allowed (code `forbidden`)') };
const notFound = { 404: error('Not found (also when you may not see it)') };

export function suppliersRoutes(deps: {
  service: SuppliersService;
  authorizer: Authorizer;
  repo: SuppliersRepository;
}) {
  const { service, authorizer, repo } = deps;
  const { authorize } = authorizer;
  const subject = (req: Request) => authorizer.subjectOf(req);
  /** The organisation's profile as a policy resource (null: no profile yet → 404). */
  const existingProfile = async (req: Request): Promise<SupplierProfileResource | null> => {
    const p = await repo.findById(idParam(req, 'id'));
    return p ? profileResource(p) : null;
  };
  /** For editing: the organisation is the resource, whether or not it has a profile yet. */
  const editableProfile = async (req: Request): Promise<SupplierProfileResource> => {
    const id = idParam(req, 'id');
    return { type: 'supplierProfile', id, organisationId: id };
  };

  return [
    endpoint(
      {
        method: 'get',
        path: '/api/suppliers',
        summary: 'Search supplier profiles',
        description:
          'Typo-tolerant search over name, pitch, description, offerings, keywords and CPV labels (sv, en). ' +
          'Verified buyers and admins search every approved profile; everyone else the public ones. ' +
          '`cpv` takes codes or prefixes (`48`, `482`, `48200000-6`) and finds everything below them; ' +
          '`region` also finds suppliers serving a region containing it (SE, NORDICS). Repeated or ' +
          'comma-separated values of one filter are OR, different filters AND. When the search engine ' +
          'is down the answer comes from the database with the same filters, `degraded: true` and the ' +
          'header `X-Search-Degraded: 1`. Text queries also match by meaning (hybrid search); answered ' +
          'without the embedding model, `X-Search-Keyword-Only: 1` and `keywordOnly: true` say so.',
        tags,
        request: { query: searchQuerySchema },
        responses: { 200: { description: 'Matching profiles, facets and totals', schema: searchResultDto } },
      },
      async ({ query }, req, res) => {
        const result = await service.search(await subject(req), query);
        if (result.degraded) res.setHeader('X-Search-Degraded', '1');
        if (result.keywordOnly) res.setHeader('X-Search-Keyword-Only', '1');
        return result;
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/suppliers/:id',
        summary: 'A supplier profile',
        description:
          'The approved version. Contact persons only for verified buyers, admins and the supplier ' +
          '(`SupplierProfileWithContacts`); everyone else gets `SupplierProfile`. Before approval only ' +
          'the organisation and admins see it (404 for others).',
        tags,
        request: { params: idParams },
        responses: {
          200: { description: 'The profile', schema: z.union([profileWithContactsDto, profileDto]) },
          ...notFound,
        },
      },
      async ({ params }, req) => service.get(await subject(req), params.id),
    ),
    endpoint(
      {
        method: 'put',
        path: '/api/organisations/:id/profile',
        summary: "Create or replace the organisation's supplier profile",
        description:
          'Any member of the supplier organisation. A new profile, or a change to a reviewed field ' +
          '(texts, offerings, CPV codes, regions, website, logo, references, certifications, keywords), ' +
          'goes to moderation; the last approved version stays visible meanwhile. Size, founded year, ' +
          'employees, languages, the public switch and contact persons change at once. Each contact ' +
          'person needs `consent: true` (they agreed to be shown to verified buyers).',
        tags,
        security,
        before: [authorize('supplierProfile.edit', editableProfile)],
        request: { params: idParams, body: profileInputSchema },
        responses: {
          200: { description: 'The saved profile with its moderation state', schema: ownProfileDto },
          ...denied,
          ...notFound,
          400: error('Invalid fields, or `not_a_supplier`'),
        },
      },
      async ({ params, body }, req) => (await service.save(await subject(req), params.id, body)).profile,
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/organisations/:id/profile',
        summary: "The organisation's own supplier profile, with its moderation state",
        tags,
        security,
        before: [authorize('supplierProfile.readOwn', existingProfile)],
        request: { params: idParams },
        responses: { 200: { description: 'The profile', schema: ownProfileDto }, ...denied, ...notFound },
      },
      async ({ params }, req) => service.getOwn(await subject(req), params.id),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/suppliers/:id/reports',
        summary: 'Report a supplier profile to the moderators',
        description:
          'For people of verified buyer organisations (and admins). At three open reports from different people the ' +
          'profile is hidden from others until an admin decides (as for needs); its owners are told.',
        tags,
        security,
        before: [authorize('supplierProfile.report', existingProfile)],
        request: { params: idParams, body: reportBody },
        status: 201,
        responses: {
          201: { description: 'The report', schema: reportDto },
          ...denied,
          ...notFound,
          409: error('`already_reported`: your earlier report is still open'),
        },
      },
      async ({ params, body }, req) => service.report(await subject(req), params.id, body),
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/admin/moderation/suppliers',
        summary: 'Supplier profiles to moderate (oldest first)',
        description: '`reported=true` lists profiles with open reports, whatever their state.',
        tags: adminTags,
        security,
        before: [authorize('admin.moderateSupplierProfiles')],
        request: { query: moderationQuery.extend({ reported: z.enum(['true', 'false']).optional() }) },
        responses: { 200: { description: 'The queue', schema: moderationListDto }, ...denied },
      },
      async ({ query }, req) =>
        service.moderationQueue(
          await subject(req),
          { status: query.status, reported: query.reported === 'true' },
          query.page,
          query.pageSize,
        ),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/admin/moderation/suppliers/:id/approve',
        summary: 'Approve a supplier profile (lists it; emails the owners)',
        tags: adminTags,
        security,
        before: [authorize('admin.moderateSupplierProfiles')],
        request: { params: idParams },
        responses: {
          200: { description: 'Approved', schema: ownProfileDto },
          ...denied,
          ...notFound,
          409: error('`invalid_state` (not pending review), `organisation_not_verified`'),
        },
      },
      async ({ params }, req) => service.approve(await subject(req), params.id),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/admin/moderation/suppliers/:id/reject',
        summary: 'Reject a pending supplier profile with a reason (emailed to the owners)',
        tags: adminTags,
        security,
        before: [authorize('admin.moderateSupplierProfiles')],
        request: { params: idParams, body: reasonBody },
        responses: {
          200: { description: 'Rejected', schema: ownProfileDto },
          ...denied,
          ...notFound,
          409: error('`invalid_state`: not pending review'),
        },
      },
      async ({ params, body }, req) => service.reject(await subject(req), params.id, body.reason),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/admin/moderation/suppliers/:id/reports/resolve',
        summary: 'Resolve the open reports of a supplier profile',
        description:
          '`restore` dismisses them and lists the profile again; `keep_hidden` upholds them and suspends the profile with `note` as the reason.',
        tags: adminTags,
        security,
        before: [authorize('admin.moderateSupplierProfiles')],
        request: { params: idParams, body: resolveReportsBody },
        responses: {
          200: { description: 'The profile after the decision', schema: ownProfileDto },
          ...denied,
          ...notFound,
        },
      },
      async ({ params, body }, req) =>
        service.resolveReports(await subject(req), params.id, body.decision, body.note),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/admin/suppliers/:id/suspend',
        summary: 'Suspend a supplier profile with a reason (unlists it; emailed to the owners)',
        tags: adminTags,
        security,
        before: [authorize('admin.moderateSupplierProfiles')],
        request: { params: idParams, body: reasonBody },
        responses: {
          200: { description: 'Suspended', schema: ownProfileDto },
          ...denied,
          ...notFound,
          409: error('`invalid_state`: already suspended'),
        },
      },
      async ({ params, body }, req) => service.suspend(await subject(req), params.id, body.reason),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/admin/suppliers/:id/reinstate',
        summary: 'Lift a suspension (the approved version is listed again)',
        tags: adminTags,
        security,
        before: [authorize('admin.moderateSupplierProfiles')],
        request: { params: idParams },
        responses: {
          200: { description: 'Reinstated', schema: ownProfileDto },
          ...denied,
          ...notFound,
          409: error('`invalid_state`: not suspended'),
        },
      },
      async ({ params }, req) => service.reinstate(await subject(req), params.id),
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/organisations/:id/export',
        summary: 'Export everything the platform holds about the organisation (owners only, JSON)',
        tags,
        security,
        before: [requireUser],
        request: { params: idParams },
        responses: {
          200: { description: 'The export', schema: z.record(z.string(), z.unknown()) },
          ...denied,
          ...notFound,
        },
      },
      async ({ params }, req, res) => {
        const data = await service.exportData(await subject(req), params.id);
        res.setHeader('Content-Disposition', `attachment; filename="organisation-${params.id}.json"`);
        return data;
      },
    ),
    endpoint(
      {
        method: 'delete',
        path: '/api/organisations/:id',
        summary: 'Delete a supplier organisation (owners only)',
        description:
          'Deletes the organisation, its memberships, its profile and the reports about it; the profile ' +
          'leaves the search index and future matching and mail at once (through the outbox).',
        tags,
        security,
        before: [requireUser],
        request: { params: idParams },
        responses: {
          204: { description: 'Deleted' },
          ...denied,
          ...notFound,
          400: error('`not_a_supplier`'),
        },
      },
      async ({ params }, req) => {
        await service.deleteOrganisation(await subject(req), params.id);
      },
    ),
  ];
}
