import { z } from 'zod';
import { endpoint } from '../../platform/http/endpoint.js';
import type { createHealthService } from './health.service.js';

const serviceStatus = z.object({
  ok: z.boolean(),
  version: z.string().optional(),
  error: z.string().optional(),
  latencyMs: z.number(),
});
const readiness = z
  .object({
    status: z.enum(['ready', 'unavailable']),
    services: z.object({ mongodb: serviceStatus, meilisearch: serviceStatus, redis: serviceStatus }),
  })
  .meta({ id: 'Readiness' });

export function healthRoutes(health: ReturnType<typeof createHealthService>) {
  return [
    endpoint(
      {
        method: 'get',
        path: '/healthz',
        summary: 'Liveness: the process is up',
        tags: ['Operations'],
        responses: { 200: { description: 'Alive', schema: z.object({ status: z.literal('ok') }) } },
      },
      () => ({ status: 'ok' as const }),
    ),
    endpoint(
      {
        method: 'get',
        path: '/readyz',
        summary: 'Readiness: MongoDB, Meilisearch and Redis answer',
        tags: ['Operations'],
        responses: {
          200: { description: 'All services answer', schema: readiness },
          503: { description: 'At least one service is down; the body names it', schema: readiness },
        },
      },
      async (_input, _req, res) => {
        const report = await health.readiness();
        res.status(report.status === 'ready' ? 200 : 503).json(report);
      },
    ),
  ];
}
