import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { errors } from '../../platform/errors.js';
import { endpoint } from '../../platform/http/endpoint.js';
import { errorBodySchema } from '../../platform/http/openapi.js';
import { idParams } from '../policy/params.js';
import { listDumps } from './ocds.dump.js';
import {
  dumpListDto,
  dumpParams,
  recordPackageDto,
  releasePackageDto,
  releasesQuery,
} from './ocds.schemas.js';
import type { OcdsService } from './ocds.service.js';

const tags = ['Open data'];
const missing = { 404: { description: 'No such public need', schema: errorBodySchema } };
const CACHE = 'public, max-age=300';

export function ocdsRoutes(deps: { service: OcdsService; dumpDir: string }) {
  const { service } = deps;
  const dumpDir = path.resolve(deps.dumpDir);
  return [
    endpoint(
      {
        method: 'get',
        path: '/api/ocds/needs/:id/releases',
        summary: 'OCDS release package of one published need (its whole public history)',
        description:
          'The first release is tagged `planning`; every later public change (edit, meeting, answer, summary, ' +
          'outcome) is a `planningUpdate` delta under the same `ocid`. Contains no personal data.',
        tags,
        request: { params: idParams },
        responses: {
          200: { description: 'OCDS 1.1 release package', schema: releasePackageDto },
          ...missing,
        },
      },
      async ({ params }, _req, res) => {
        res.set('Cache-Control', CACHE);
        return service.releasePackage(params.id);
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/ocds/needs/:id/record',
        summary: 'OCDS record package of one published need, with its compiled release',
        tags,
        request: { params: idParams },
        responses: { 200: { description: 'OCDS 1.1 record package', schema: recordPackageDto }, ...missing },
      },
      async ({ params }, _req, res) => {
        res.set('Cache-Control', CACHE);
        return service.recordPackage(params.id);
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/ocds/releases',
        summary: 'Every OCDS release, oldest first, 100 a page',
        description:
          'Releases of all public needs in date order (newest last). `since` keeps those dated at or after it; ' +
          '`links.next` is the next page while there is one. For everything at once use the nightly dump.',
        tags,
        request: { query: releasesQuery },
        responses: { 200: { description: 'OCDS 1.1 release package', schema: releasePackageDto } },
      },
      async ({ query }, _req, res) => {
        // The stored releases are JSON text already: the page is assembled, not re-encoded.
        const text = await service.releasesPage(query.since, query.page);
        res.status(200).type('application/json').set('Cache-Control', 'public, max-age=60').send(text);
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/ocds/dumps',
        summary: 'The nightly dumps of every OCDS release, newest first',
        tags,
        responses: { 200: { description: 'Dump files', schema: dumpListDto } },
      },
      async () => ({
        license: service.meta.license,
        publisher: service.meta.publisher as { name: string; uri?: string },
        items: (await listDumps(dumpDir)).map((d) => ({
          file: d.file,
          date: d.date,
          bytes: d.bytes,
          url: `${service.meta.apiUrl}/ocds/dumps/${d.file}`,
          format: 'application/x-ndjson+gzip' as const,
        })),
      }),
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/ocds/dumps/:file',
        summary: 'One dump: every OCDS release, one JSON object a line, gzipped',
        tags,
        request: { params: dumpParams },
        responses: {
          200: { description: 'gzipped JSON Lines', schema: z.string(), contentType: 'application/gzip' },
          404: { description: 'No such dump', schema: errorBodySchema },
        },
      },
      async ({ params }, _req, res) => {
        // The name is checked by its pattern (no separators), so it cannot leave the directory.
        const file = path.join(dumpDir, params.file);
        const info = await stat(file).catch(() => null);
        if (!info?.isFile()) throw errors.notFound('dump');
        res
          .status(200)
          .set('Content-Type', 'application/gzip')
          .set('Content-Length', String(info.size))
          .set('Content-Disposition', `attachment; filename="${params.file}"`)
          .set('Cache-Control', 'public, max-age=3600');
        await new Promise<void>((resolve, reject) => {
          const stream = createReadStream(file);
          stream.on('error', reject);
          res.on('finish', resolve);
          res.on('close', resolve);
          stream.pipe(res);
        });
      },
    ),
  ];
}
