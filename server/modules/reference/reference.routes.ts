import type { Response } from 'express';
import { errors } from '../../platform/errors.js';
import { endpoint } from '../../platform/http/endpoint.js';
import { ancestorsOf, childrenOf, cpvDivisions, describeCpv, searchCpv, type CpvLang } from './cpv.js';
import { regionAncestors, regions } from './nuts.js';
import {
  cpvCodeParams,
  cpvDetailDto,
  cpvListDto,
  cpvQuery,
  regionListDto,
  regionsQuery,
} from './reference.schemas.js';

/** Reference data changes with a new CPV or NUTS revision, i.e. with a deploy: cache for a day. */
function cacheable(res: Response) {
  res.setHeader('Cache-Control', 'public, max-age=86400');
}

function item(code: string, lang: CpvLang) {
  const d = describeCpv(code)!;
  return {
    code: d.code,
    checkDigit: d.checkDigit,
    label: d[lang],
    depth: d.depth,
    parent: d.parent,
    hasChildren: childrenOf(d.code).length > 0,
  };
}

/** CPV look-up and browsing for pickers, and the region list. Public, no state. */
export function referenceRoutes() {
  return [
    endpoint(
      {
        method: 'get',
        path: '/api/cpv',
        summary: 'Look up CPV codes by code or label (sv/en), or browse the tree',
        description:
          'With `q`: search by code prefix or label words (diacritics ignored), ranked. With only `parent`: ' +
          'the direct children of that code. With neither: the 45 divisions.',
        tags: ['Reference data'],
        request: { query: cpvQuery },
        responses: { 200: { description: 'Matching codes', schema: cpvListDto } },
      },
      ({ query }, _req, res) => {
        cacheable(res);
        if (query.q) {
          const hits = searchCpv(query.q, { lang: query.lang, limit: query.limit, parent: query.parent });
          return { items: hits.map((h) => ({ ...item(h.code, query.lang), match: h.match })) };
        }
        const codes = query.parent ? childrenOf(query.parent) : cpvDivisions();
        return { items: codes.map((c) => item(c, query.lang)) };
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/cpv/:code',
        summary: 'One CPV code with both labels and its ancestors',
        tags: ['Reference data'],
        request: { params: cpvCodeParams },
        responses: { 200: { description: 'The code', schema: cpvDetailDto } },
      },
      ({ params }, _req, res) => {
        const d = describeCpv(params.code);
        if (!d) throw errors.notFound('CPV code');
        cacheable(res);
        return {
          code: d.code,
          checkDigit: d.checkDigit,
          labels: { sv: d.sv, en: d.en },
          depth: d.depth,
          parent: d.parent,
          ancestors: ancestorsOf(d.code)
            .reverse()
            .map((code) => {
              const a = describeCpv(code)!;
              return { code, labels: { sv: a.sv, en: a.en } };
            }),
          children: childrenOf(d.code).length,
        };
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/regions',
        summary: 'Regions: the Nordic countries and the NUTS regions of Sweden and Norway',
        description: 'In tree order, with names in Swedish, English and Norwegian (bokmål).',
        tags: ['Reference data'],
        request: { query: regionsQuery },
        responses: { 200: { description: 'Regions', schema: regionListDto } },
      },
      ({ query }, _req, res) => {
        cacheable(res);
        const wanted = query.country;
        const items = regions.filter(
          (r) => !wanted || r.code === wanted || regionAncestors(r.code).includes(wanted),
        );
        return {
          items: items.map((r) => ({ code: r.code, level: r.level, parent: r.parent, name: { ...r.name } })),
        };
      },
    ),
  ];
}
