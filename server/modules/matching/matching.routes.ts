import type { Request } from 'express';
import type { Connection } from 'mongoose';
import { principalOf, requireUser } from '../../platform/auth/principal.js';
import { endpoint } from '../../platform/http/endpoint.js';
import { errorBodySchema } from '../../platform/http/openapi.js';
import { needResource } from '../needs/needs.access.js';
import { createNeedsRepository } from '../needs/needs.repository.js';
import { isPublic } from '../needs/needs.types.js';
import { createNetworksRepository } from '../networks/networks.repository.js';
import type { NeedResource } from '../policy/actions.js';
import type { Authorizer } from '../policy/guards.js';
import { idParam, idParams } from '../policy/params.js';
import { createMatchesRepository } from './matching.repository.js';
import { thresholdOf } from './threshold.js';
import { myMatchesDto, myMatchesQuery, needMatchesDto, needMatchesQuery } from './matching.schemas.js';

const error = (description: string) => ({ description, schema: errorBodySchema });
const tags = ['Matching'];
const security = ['session', 'bearer'];

/**
 * Who sees matches: the members of the need's network (and admins) see the ranked list for the
 * need; a supplier's people see the needs matched to their organisations. Nobody else.
 */
export function matchingRoutes(deps: { mongo: Connection; authorizer: Authorizer }) {
  const { authorizer } = deps;
  const matches = createMatchesRepository(deps.mongo);
  const needs = createNeedsRepository(deps.mongo);
  const networks = createNetworksRepository(deps.mongo);

  async function needOf(req: Request): Promise<NeedResource | null> {
    const need = await needs.findById(idParam(req, 'id'));
    const network = need ? await networks.findById(need.networkId) : null;
    return need && network ? needResource(need, network) : null;
  }

  return [
    endpoint(
      {
        method: 'get',
        path: '/api/needs/:id/matches',
        summary: 'Suppliers matched to a need, best first, with the score, its parts and the explanation',
        description:
          'For the members of the need’s network (and admins). score = Σ weight · part over text ' +
          '(keyword + semantic relevance of the profile), cpv, region and completeness (weights in each item). ' +
          'Matches at or above the network’s `threshold` are strong; `noStrongMatches` says none is yet. ' +
          'Filters: minScore, region (suppliers serving one of them), size.',
        tags,
        security,
        before: [requireUser, authorizer.authorize('matches.readForNeed', needOf)],
        request: { params: idParams, query: needMatchesQuery },
        responses: {
          200: { description: 'A page of matches', schema: needMatchesDto },
          401: error('Not logged in'),
          403: error('Not a member of the need’s network'),
          404: error('No such need (or not visible)'),
        },
      },
      async ({ params, query }) => {
        const need = await needs.findById(params.id);
        const threshold = thresholdOf(need ? await networks.findById(need.networkId) : null);
        const filter = { regions: query.region, sizes: query.size };
        const [page, strong] = await Promise.all([
          matches.listForNeed(params.id, { ...filter, minScore: query.minScore }, query.page, query.pageSize),
          matches.listForNeed(
            params.id,
            { ...filter, minScore: Math.max(threshold, query.minScore ?? 0) },
            1,
            1,
          ),
        ]);
        return {
          threshold,
          strongTotal: strong.total,
          noStrongMatches: strong.total === 0,
          items: page.items.map((m) => ({
            supplierId: m.supplierId,
            supplierName: m.supplierName ?? '',
            regions: m.regions,
            ...(m.size ? { size: m.size } : {}),
            score: m.score,
            parts: m.parts,
            weights: m.weights,
            explanation: m.buyerExplanation,
            strong: m.score >= threshold,
            updatedAt: m.updatedAt.toISOString(),
          })),
          page: query.page,
          pageSize: query.pageSize,
          total: page.total,
        };
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/me/matches',
        summary: 'Needs matched to my supplier organisations, best first, with why',
        tags,
        security,
        before: [requireUser],
        request: { query: myMatchesQuery },
        responses: {
          200: { description: 'A page of matched needs', schema: myMatchesDto },
          401: error('Not logged in'),
        },
      },
      async ({ query }, req) => {
        principalOf(req);
        const subject = await authorizer.subjectOf(req);
        const supplierIds = subject.memberships
          .filter((m) => m.kind === 'supplier')
          .map((m) => m.organisationId);
        if (supplierIds.length === 0)
          return { items: [], page: query.page, pageSize: query.pageSize, total: 0 };
        const page = await matches.listForSupplier(
          supplierIds,
          query.page,
          query.pageSize,
          !query.includeClosed,
        );
        const found = new Map((await needs.findByIds(page.items.map((m) => m.needId))).map((n) => [n.id, n]));
        const items = page.items.flatMap((m) => {
          const need = found.get(m.needId);
          // A need that is no longer public (hidden, withdrawn) is not shown, whatever was matched.
          if (!need || !isPublic(need)) return [];
          return [
            {
              needId: need.id,
              title: need.title,
              summary: need.summary,
              stage: need.stage,
              networkId: need.networkId,
              open: m.needOpen,
              supplierId: m.supplierId,
              score: m.score,
              parts: m.parts,
              explanation: m.explanation,
              updatedAt: m.updatedAt.toISOString(),
            },
          ];
        });
        return { items, page: query.page, pageSize: query.pageSize, total: page.total };
      },
    ),
  ];
}
