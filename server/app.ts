import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import swaggerUi from 'swagger-ui-express';
import { authenticate } from './modules/accounts/authenticate.js';
import type { Deps } from './platform/deps.js';
import { csrfProtection } from './platform/http/csrf.js';
import type { Endpoint } from './platform/http/endpoint.js';
import { errorHandler, notFoundHandler } from './platform/http/error-handler.js';
import { buildOpenApiDocument } from './platform/http/openapi.js';
import { requestLogging } from './platform/http/request-logging.js';
import { buildEndpoints } from './routes.js';
import { version } from './version.js';

export interface AppOptions {
  /** Extra endpoints (used by tests to exercise shared middleware such as the error path). */
  extraEndpoints?: Endpoint[];
}

/** The express app without listen(): the supertest target and what main.ts serves. */
export function createApp(deps: Deps, options: AppOptions = {}): Express {
  const { config, logger } = deps;
  const app = express();
  // HTTPS-only headers follow the public origin, not NODE_ENV, so a production build on
  // http://localhost (docker compose) still loads its assets.
  const https = config.PUBLIC_BASE_URL.startsWith('https:');
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  app.set('query parser', 'extended');

  app.use(requestLogging(logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Swagger UI and the client use only same-origin scripts; styles may be inline.
          'img-src': ["'self'", 'data:', 'https:'],
          'upgrade-insecure-requests': https ? [] : null,
        },
      },
      strictTransportSecurity: https,
    }),
  );
  app.use(express.json({ limit: config.BODY_LIMIT, strict: true }));
  app.use(express.urlencoded({ extended: false, limit: config.BODY_LIMIT }));
  // Who is asking (session cookie or Bearer token), then CSRF for cookie-authenticated unsafe requests.
  app.use(cookieParser());
  app.use(authenticate(deps));
  app.use(csrfProtection({ tokenAuthenticated: ['/api/unsubscribe'] }));

  const endpoints = [...buildEndpoints(deps), ...(options.extraEndpoints ?? [])];
  for (const { spec, handlers } of endpoints) app[spec.method](spec.path, ...handlers);

  const document = buildOpenApiDocument(endpoints, { version, serverUrl: config.PUBLIC_BASE_URL });
  app.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use('/api/docs', swaggerUi.serve, swaggerUi.setup(document, { customSiteTitle: 'Behovstorget API' }));

  app.use('/api', notFoundHandler);
  serveClient(app, deps);
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}

/** In production the API serves the built client on the same origin (SPA fallback to index.html). */
function serveClient(app: Express, deps: Deps) {
  const dir = path.resolve(deps.config.CLIENT_DIST_DIR);
  const index = path.join(dir, 'index.html');
  if (!deps.config.SERVE_CLIENT || !existsSync(index)) return;
  // Hashed build output may be cached forever; everything else (favicon, index.html) revalidates.
  app.use(
    '/assets',
    express.static(path.join(dir, 'assets'), { index: false, maxAge: '1y', immutable: true }),
  );
  app.use(express.static(dir, { index: false, maxAge: 0 }));
  app.get(/^\/(?!api\/|api$|healthz$|readyz$).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
