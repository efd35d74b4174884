import { z } from 'zod';
import { endpoint } from '../../platform/http/endpoint.js';
import { errorBodySchema } from '../../platform/http/openapi.js';
import { DATASET_IDS } from './datasets.js';
import type { OpenDataService } from './open-data.service.js';

const tags = ['Open data'];
const datasetParams = z.object({ dataset: z.enum(DATASET_IDS) });
const text = z.object({ sv: z.string(), en: z.string() });
const catalogueDto = z.object({
  license: z.string(),
  datasets: z.array(
    z.object({
      id: z.string(),
      title: text,
      description: text,
      format: z.string(),
      mediaType: z.string(),
      url: z.string(),
      documentation: z.string().optional(),
      access: z.enum(['public', 'network_members']),
      license: z.string(),
    }),
  ),
});
const unknownDataset = {
  description: 'No such dataset (`validation_failed` naming `dataset`)',
  schema: errorBodySchema,
};

export function openDataRoutes(service: OpenDataService, license: string) {
  return [
    endpoint(
      {
        method: 'get',
        path: '/api/open-data',
        summary: 'Every open dataset: CSV files and their READMEs, OCDS, Atom and iCal feeds, the E1 notice',
        tags,
        responses: { 200: { description: 'The catalogue', schema: catalogueDto } },
      },
      async (_input, _req, res) => {
        res.set('Cache-Control', 'public, max-age=300');
        return { license, datasets: service.catalogue() };
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/open-data/:dataset.csv',
        summary: 'One dataset as CSV (RFC 4180, UTF-8 with BOM, CRLF)',
        tags,
        request: { params: datasetParams },
        responses: {
          200: { description: 'The CSV file', schema: z.string(), contentType: 'text/csv' },
          400: unknownDataset,
        },
      },
      async ({ params }, _req, res) => {
        const body = await service.csv(params.dataset);
        res
          .status(200)
          .set('Content-Type', 'text/csv; charset=utf-8; header=present')
          .set('Content-Disposition', `attachment; filename="${params.dataset}.csv"`)
          .set('Cache-Control', 'public, max-age=300')
          .send(body);
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/open-data/:dataset.md',
        summary: "A dataset's README: every field with its type and meaning (sv, en)",
        tags,
        request: { params: datasetParams },
        responses: {
          200: { description: 'Markdown', schema: z.string(), contentType: 'text/markdown' },
          400: unknownDataset,
        },
      },
      async ({ params }, _req, res) => {
        res
          .status(200)
          .set('Content-Type', 'text/markdown; charset=utf-8')
          .set('Cache-Control', 'public, max-age=3600')
          .send(service.readme(params.dataset));
      },
    ),
  ];
}
