import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { endpoint, type Endpoint } from '../../platform/http/endpoint.js';
import { errorBodySchema } from '../../platform/http/openapi.js';
import type { Authorizer } from '../policy/guards.js';
import { idParams } from '../policy/params.js';
import type { OperationsService } from './operations.service.js';

const error = (description: string) => ({ description, schema: errorBodySchema });
const tags = ['Admin: operations'];
const security = ['session', 'bearer'];
export const DASHBOARD_PATH = '/admin/queues';

const counts = z.record(z.string(), z.number());
const summaryDto = z
  .object({
    queues: z.array(
      z.object({
        name: z.string(),
        counts,
        failedJobs: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            failedReason: z.string(),
            attemptsMade: z.number(),
            failedAt: z.string().nullable(),
          }),
        ),
        schedulers: z.array(
          z.object({
            id: z.string(),
            pattern: z.string().nullable(),
            tz: z.string().nullable(),
            next: z.string().nullable(),
          }),
        ),
      }),
    ),
    deliveries: z.object({
      counts,
      uncertain: z.number(),
      failed: z.array(
        z.object({
          id: z.string(),
          to: z.string(),
          template: z.string(),
          attempts: z.number(),
          permanent: z.boolean(),
          lastError: z.string().nullable(),
          updatedAt: z.string(),
        }),
      ),
    }),
  })
  .meta({ id: 'OperationsSummary' });

/**
 * Bull Board (the queue dashboard) for admins only, at /admin/queues. Mounted as hidden
 * endpoints (one per method) behind the policy's admin guard; the board's router sees paths
 * relative to its base path.
 */
function dashboard(deps: Pick<Deps, 'queues'>, guard: RequestHandler): Endpoint[] {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: deps.queues.all().map((q) => new BullMQAdapter(q)),
    serverAdapter: adapter as never,
  });
  const router = adapter.getRouter() as RequestHandler;
  const mount: RequestHandler = (req, res, next) => {
    const original = req.url;
    req.url = req.url.slice(DASHBOARD_PATH.length) || '/';
    router(req, res, (err?: unknown) => {
      req.url = original;
      next(err);
    });
  };
  const path = `${DASHBOARD_PATH}{/*rest}`;
  return (['get', 'post', 'put', 'delete'] as const).map((method) => ({
    spec: { method, path, summary: 'Queue dashboard (Bull Board)', tags, hidden: true, responses: {} },
    handlers: [guard, mount],
  }));
}

export function operationsRoutes(
  deps: Pick<Deps, 'queues'>,
  service: OperationsService,
  authorizer: Authorizer,
): Endpoint[] {
  const before = [authorizer.authorize('admin.operations')];
  const denied = { 401: error('Not logged in'), 403: error('Not an admin') };
  return [
    endpoint(
      {
        method: 'get',
        path: '/api/admin/queues',
        summary: 'Queue depths, failed jobs, job schedules and deliveries (failed, uncertain)',
        tags,
        security,
        before,
        responses: {
          200: { description: 'The summary', schema: summaryDto },
          ...denied,
          503: error('Redis is down'),
        },
      },
      () => service.summary(),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/admin/queues/:queue/jobs/:jobId/retry',
        summary: 'Retry a failed job',
        tags,
        security,
        before,
        request: { params: z.object({ queue: z.string().max(40), jobId: z.string().max(200) }) },
        responses: {
          204: { description: 'Queued again' },
          ...denied,
          404: error('No such job'),
          409: error('The job has not failed'),
        },
      },
      async ({ params }) => {
        await service.retryJob(params.queue, params.jobId);
      },
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/admin/deliveries/:id/retry',
        summary: 'Send a failed (or uncertain) delivery again',
        tags,
        security,
        before,
        request: { params: idParams },
        responses: {
          204: { description: 'Queued again' },
          ...denied,
          404: error('No such delivery'),
          409: error('The delivery has not failed'),
        },
      },
      async ({ params }) => {
        await service.retryDelivery(params.id);
      },
    ),
    ...dashboard(deps, before[0]!),
  ];
}
