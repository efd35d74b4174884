import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { errors } from '../../platform/errors.js';
import { endpoint } from '../../platform/http/endpoint.js';
import { errorBodySchema } from '../../platform/http/openapi.js';
import type { NeedSearch, NeedSearchResult } from '../needs/needs-search.js';
import { searchNeedsQuery } from '../needs/needs.schemas.js';
import type { NetworksRepository } from '../networks/networks.repository.js';
import { idParams } from '../policy/params.js';
import { label } from '../reference/cpv.js';
import { renderAtom, type AtomEntry } from './atom.js';
import { licenceUrl } from '../../platform/licences.js';

const tags = ['Feeds'];
const atom = {
  description: 'Atom 1.0 feed (RFC 4287)',
  schema: z.string(),
  contentType: 'application/atom+xml',
};
/** Entries in a network's feed: its newest published needs. */
export const NETWORK_FEED_SIZE = 50;

export interface FeedsDeps {
  search: NeedSearch;
  networks: Pick<NetworksRepository, 'findById'>;
  /** When each need last changed in public (its newest OCDS release); publication otherwise. */
  lastChanged(needIds: string[]): Promise<Map<string, Date>>;
  config: Pick<
    Config,
    'PUBLIC_BASE_URL' | 'OPEN_DATA_LICENSE' | 'OPEN_DATA_LICENSE_URL' | 'OPEN_DATA_PUBLISHER'
  >;
}

/**
 * Atom feeds of published needs: any search of GET /api/needs (same parameters, same search
 * service), and one per network. Each entry links to the need's page in the client. Feeds carry
 * titles, summaries, codes and the network's name — never a contact person.
 */
export function feedsRoutes(deps: FeedsDeps) {
  const base = deps.config.PUBLIC_BASE_URL.replace(/\/$/, '');

  async function entries(result: NeedSearchResult): Promise<AtomEntry[]> {
    const changed = await deps.lastChanged(result.items.map((n) => n.id));
    return result.items.map((n) => {
      const updated = changed.get(n.id);
      return {
        id: `${base}/behov/${n.id}`,
        title: n.title,
        summary: n.summary,
        link: `${base}/behov/${n.id}`,
        published: n.publishedAt,
        updated: updated && updated > n.publishedAt ? updated : n.publishedAt,
        author: n.network.name,
        categories: [
          ...n.cpvCodes.map((c) => ({ term: c, scheme: 'urn:cpv:2008', label: label(c, 'sv') ?? undefined })),
          ...n.regions.map((r) => ({ term: r, scheme: 'urn:nuts' })),
          { term: n.stage, scheme: `${base}/api/openapi.json#stage` },
        ],
      };
    });
  }

  function send(res: Response, xml: string, result: NeedSearchResult) {
    if (result.degraded) res.setHeader('X-Search-Degraded', '1');
    res
      .status(200)
      .set('Content-Type', 'application/atom+xml; charset=utf-8')
      .set('Cache-Control', 'public, max-age=300')
      .send(xml);
  }

  const query = (req: Request) => {
    const at = req.originalUrl.indexOf('?');
    return at >= 0 ? req.originalUrl.slice(at) : '';
  };

  return [
    endpoint(
      {
        method: 'get',
        path: '/api/needs.atom',
        summary: 'Atom feed of a need search (the parameters of GET /api/needs)',
        description:
          'Follow a saved search in any feed reader. Newest first unless `q` asks for relevance; `pageSize` up to 100.',
        tags,
        request: { query: searchNeedsQuery },
        responses: { 200: atom },
      },
      async ({ query: q }, req, res) => {
        const result = await deps.search.search(q);
        const words = [q.q, ...(q.cpv ?? []), ...(q.region ?? [])].filter(Boolean).join(', ');
        const xml = renderAtom({
          id: `${base}/api/needs.atom${query(req)}`,
          title: words ? `Behovstorget – behov: ${words}` : 'Behovstorget – publicerade behov',
          subtitle: 'Publicerade behov från offentliga beställarnätverk',
          selfUrl: `${base}/api/needs.atom${query(req)}`,
          alternateUrl: `${base}/behov${query(req)}`,
          author: deps.config.OPEN_DATA_PUBLISHER,
          rights: licenceUrl(deps.config),
          language: 'sv',
          entries: await entries(result),
        });
        send(res, xml, result);
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/networks/:id/needs.atom',
        summary: "Atom feed of an approved network's published needs, newest first",
        tags,
        request: { params: idParams },
        responses: { 200: atom, 404: { description: 'No such approved network', schema: errorBodySchema } },
      },
      async ({ params }, _req, res) => {
        const network = await deps.networks.findById(params.id);
        if (!network || network.status !== 'approved') throw errors.notFound('network');
        const result = await deps.search.search(
          searchNeedsQuery.parse({ network: params.id, sort: 'published_desc', pageSize: NETWORK_FEED_SIZE }),
        );
        const self = `${base}/api/networks/${network.id}/needs.atom`;
        const xml = renderAtom({
          id: self,
          title: `Behovstorget – ${network.name}`,
          subtitle: network.subjectArea,
          selfUrl: self,
          alternateUrl: `${base}/natverk/${network.id}`,
          author: network.name,
          rights: licenceUrl(deps.config),
          language: network.languages[0] ?? 'sv',
          entries: await entries(result),
        });
        send(res, xml, result);
      },
    ),
  ];
}
