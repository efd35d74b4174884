import { endpoint } from '../../platform/http/endpoint.js';
import { errorBodySchema } from '../../platform/http/openapi.js';
import type { NetworksService } from '../networks/networks.service.js';
import { toNetworkDto, toNetworkSummaryDto } from '../networks/networks.dto.js';
import { networkDto, networkSummaryDto } from '../networks/networks.schemas.js';
import { toOrganisationDto } from '../organisations/organisations.dto.js';
import { organisationDto } from '../organisations/organisations.schemas.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { Authorizer } from '../policy/guards.js';
import { idParams, pageOf } from '../policy/params.js';
import {
  adminNetworksQuery,
  adminOrganisationDto,
  adminOrganisationsQuery,
  auditEntryDto,
  auditLogQuery,
  rejectBody,
  type AuditEntryDto,
} from './admin.schemas.js';
import type { AdminService } from './admin.service.js';

const tags = ['Admin'];
const security = ['session', 'bearer'];
const error = (description: string) => ({ description, schema: errorBodySchema });
const denied = { 401: error('Not logged in'), 403: error('Not an admin (code `forbidden`)') };
const conflict = error('`invalid_status`: the decision was already made');

export function adminRoutes(deps: {
  admin: AdminService;
  organisations: OrganisationsService;
  networks: NetworksService;
  authorizer: Authorizer;
}) {
  const { admin, organisations, networks, authorizer } = deps;
  const verifiers = [authorizer.authorize('admin.verifyOrganisations')];
  const moderators = [authorizer.authorize('admin.moderateNetworks')];
  return [
    endpoint(
      {
        method: 'get',
        path: '/api/admin/organisations',
        summary: 'Organisations by status, oldest first, with their owners',
        tags,
        security,
        before: verifiers,
        request: { query: adminOrganisationsQuery },
        responses: {
          200: {
            description: 'A page of organisations',
            schema: pageOf(adminOrganisationDto, 'AdminOrganisationPage'),
          },
          ...denied,
        },
      },
      async ({ query }) => {
        const { items, total } = await organisations.listByStatus(query.status, query.page, query.pageSize);
        const rows = await admin.withOwners(items);
        return {
          items: rows.map((r) => ({ ...toOrganisationDto(r.organisation), owners: r.owners })),
          page: query.page,
          pageSize: query.pageSize,
          total,
        };
      },
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/admin/organisations/:id/verify',
        summary: 'Verify an organisation (its owners get an email)',
        tags,
        security,
        before: verifiers,
        request: { params: idParams },
        responses: {
          200: { description: 'Verified', schema: organisationDto },
          ...denied,
          404: error('Not found'),
          409: conflict,
        },
      },
      async ({ params }, req) =>
        toOrganisationDto(await organisations.verify(await authorizer.subjectOf(req), params.id)),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/admin/organisations/:id/reject',
        summary: 'Reject an organisation, or withdraw its verification, with a reason (owners get an email)',
        tags,
        security,
        before: verifiers,
        request: { params: idParams, body: rejectBody },
        responses: {
          200: { description: 'Rejected', schema: organisationDto },
          ...denied,
          404: error('Not found'),
          409: conflict,
        },
      },
      async ({ params, body }, req) =>
        toOrganisationDto(
          await organisations.reject(await authorizer.subjectOf(req), params.id, body.reason),
        ),
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/admin/networks',
        summary: 'Networks by status, oldest first',
        tags,
        security,
        before: moderators,
        request: { query: adminNetworksQuery },
        responses: {
          200: { description: 'A page of networks', schema: pageOf(networkSummaryDto, 'AdminNetworkPage') },
          ...denied,
        },
      },
      async ({ query }) => {
        const { items, total, names } = await networks.listByStatus(query.status, query.page, query.pageSize);
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
        method: 'post',
        path: '/api/admin/networks/:id/approve',
        summary: "Approve a network: it becomes public (the coordinator's owners get an email)",
        tags,
        security,
        before: moderators,
        request: { params: idParams },
        responses: {
          200: { description: 'Approved', schema: networkDto },
          ...denied,
          404: error('Not found'),
          409: conflict,
        },
      },
      async ({ params }, req) => {
        const { network, names } = await networks.approve(await authorizer.subjectOf(req), params.id);
        return toNetworkDto(network, names);
      },
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/admin/networks/:id/reject',
        summary:
          "Reject a network, or take an approved one down, with a reason (the coordinator's owners get an email)",
        tags,
        security,
        before: moderators,
        request: { params: idParams, body: rejectBody },
        responses: {
          200: { description: 'Rejected', schema: networkDto },
          ...denied,
          404: error('Not found'),
          409: conflict,
        },
      },
      async ({ params, body }, req) => {
        const { network, names } = await networks.reject(
          await authorizer.subjectOf(req),
          params.id,
          body.reason,
        );
        return toNetworkDto(network, names);
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/admin/audit-log',
        summary: 'The audit log, newest first: who did what, when, from where',
        tags,
        security,
        before: [authorizer.authorize('admin.readAuditLog')],
        request: { query: auditLogQuery },
        responses: {
          200: { description: 'A page of entries', schema: pageOf(auditEntryDto, 'AuditEntryPage') },
          ...denied,
        },
      },
      async ({ query }) => {
        const { items, total } = await admin.auditLog(query);
        return {
          items: items.map((e): AuditEntryDto => ({
            id: e.id,
            action: e.action,
            ...(e.actorId ? { actorId: e.actorId } : {}),
            ...(e.actorEmail ? { actorEmail: e.actorEmail } : {}),
            ...(e.targetType ? { targetType: e.targetType } : {}),
            ...(e.targetId ? { targetId: e.targetId } : {}),
            outcome: e.outcome,
            ...(e.ip ? { ip: e.ip } : {}),
            ...(e.userAgent ? { userAgent: e.userAgent } : {}),
            ...(e.details ? { details: e.details } : {}),
            createdAt: e.createdAt.toISOString(),
          })),
          page: query.page,
          pageSize: query.pageSize,
          total,
        };
      },
    ),
  ];
}
