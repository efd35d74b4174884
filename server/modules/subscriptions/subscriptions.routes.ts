import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { principalOf, requireUser } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/errors.js';
import { endpoint } from '../../platform/http/endpoint.js';
import { errorBodySchema } from '../../platform/http/openapi.js';
import { idParams } from '../policy/params.js';
import {
  createSubscriptionBody,
  subscriptionDto,
  subscriptionListDto,
  unsubscribeQuery,
  updateSubscriptionBody,
} from './subscriptions.schemas.js';
import type { SubscriptionsService } from './subscriptions.service.js';
import { renderUnsubscribePage, type UnsubscribePageState } from './unsubscribe.page.js';

const error = (description: string) => ({ description, schema: errorBodySchema });
const tags = ['Subscriptions'];
const security = ['session', 'bearer'];
const before = [requireUser];

/** Where the emails' "manage all subscriptions" link points (a client route). */
export function manageSubscriptionsUrl(config: Pick<Config, 'PUBLIC_BASE_URL'>): string {
  return `${config.PUBLIC_BASE_URL.replace(/\/$/, '')}/bevakningar`;
}

function languageOf(req: Request, fallback?: 'sv' | 'en'): 'sv' | 'en' {
  return fallback ?? (req.acceptsLanguages('sv', 'en') === 'en' ? 'en' : 'sv');
}

function sendPage(res: Response, status: number, html: string) {
  res.status(status).type('html').setHeader('Cache-Control', 'no-store').send(html);
}

export function subscriptionsRoutes(service: SubscriptionsService, config: Pick<Config, 'PUBLIC_BASE_URL'>) {
  const manageUrl = manageSubscriptionsUrl(config);

  async function page(
    req: Request,
    res: Response,
    token: string,
    lang: 'sv' | 'en' | undefined,
    unsubscribe: boolean,
  ) {
    try {
      const result = unsubscribe ? await service.unsubscribe(token) : await service.inspectToken(token);
      const language = lang ?? result.language;
      let state: UnsubscribePageState = 'confirm';
      if (unsubscribe) state = result.changed ? 'done' : 'already';
      else if (!result.active) state = 'already';
      sendPage(
        res,
        200,
        renderUnsubscribePage({ lang: language, state, name: result.name, token, manageUrl }),
      );
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'invalid_token') throw err;
      sendPage(res, 404, renderUnsubscribePage({ lang: languageOf(req, lang), state: 'invalid', manageUrl }));
    }
  }

  return [
    endpoint(
      {
        method: 'post',
        path: '/api/subscriptions',
        summary:
          'Save a search, follow a network or a need, or subscribe to matches for a supplier organisation',
        tags,
        security,
        before,
        status: 201,
        request: { body: createSubscriptionBody },
        responses: {
          201: { description: 'The subscription', schema: subscriptionDto },
          401: error('Not logged in'),
          403: error('Email address not confirmed'),
          404: error('Network, need or organisation not found'),
          409: error('Already following'),
        },
      },
      ({ body }, req) => service.create(principalOf(req), body),
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/subscriptions',
        summary: 'My subscriptions',
        tags,
        security,
        before,
        responses: {
          200: { description: 'The subscriptions, newest first', schema: subscriptionListDto },
          401: error('Not logged in'),
        },
      },
      async (_input, req) => ({ items: await service.list(principalOf(req)) }),
    ),
    endpoint(
      {
        method: 'patch',
        path: '/api/subscriptions/:id',
        summary: 'Change a subscription (name, delivery mode, filters, on/off)',
        tags,
        security,
        before,
        request: { params: idParams, body: updateSubscriptionBody },
        responses: {
          200: { description: 'The subscription', schema: subscriptionDto },
          401: error('Not logged in'),
          404: error('Not found'),
        },
      },
      ({ params, body }, req) => service.update(principalOf(req), params.id, body),
    ),
    endpoint(
      {
        method: 'delete',
        path: '/api/subscriptions/:id',
        summary: 'Remove a subscription',
        tags,
        security,
        before,
        request: { params: idParams },
        responses: { 204: { description: 'Removed' }, 401: error('Not logged in'), 404: error('Not found') },
      },
      async ({ params }, req) => {
        await service.remove(principalOf(req), params.id);
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/unsubscribe',
        summary: 'Unsubscribe page (asks for confirmation; never unsubscribes on GET)',
        description: 'The link in every subscription email. Authenticated by the signed token alone.',
        tags,
        request: { query: unsubscribeQuery },
        responses: {
          200: { description: 'HTML confirmation page', schema: z.string(), contentType: 'text/html' },
          404: {
            description: 'HTML page: the link is not valid',
            schema: z.string(),
            contentType: 'text/html',
          },
        },
      },
      ({ query }, req, res) => page(req, res, query.token, query.lang, false),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/unsubscribe',
        summary: 'One-click unsubscribe (RFC 8058)',
        description:
          'Mail providers POST `List-Unsubscribe=One-Click` (form-encoded) here; the confirmation page posts the same. ' +
          'Authenticated by the signed token alone; idempotent. Answers HTML to browsers, JSON otherwise.',
        tags,
        request: { query: unsubscribeQuery },
        responses: {
          200: {
            description: 'Unsubscribed (or already)',
            schema: z.object({ unsubscribed: z.literal(true) }),
          },
          404: error('The token is not valid'),
        },
      },
      async ({ query }, req, res) => {
        if (req.accepts(['json', 'html']) === 'html') return page(req, res, query.token, query.lang, true);
        await service.unsubscribe(query.token);
        return { unsubscribed: true as const };
      },
    ),
  ];
}
