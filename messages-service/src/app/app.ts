// Builds the Express app from its dependencies; the caller owns listening and closing.
import { requireAuth, type AccessTokenVerifier } from '@partyline/auth';
import { correlationId, errorHandler, mountRoutes, notFoundHandler } from '@partyline/http';
import express, { Router, type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { pinoHttp } from 'pino-http';

import { requestActor } from './actor.js';
import { cors } from './cors.js';
import { healthRouter, type ReadinessCheck } from './health.js';
import { createMetrics } from './metrics.js';
import { messagesOpenApiDocument } from './openapi.js';
import { allRoutes } from './routes.js';
import type { Services } from './services.js';

interface AppDeps {
  services: Services;
  verifier: AccessTokenVerifier;
  logger: Logger;
  allowedOrigins: readonly string[];
  readiness: Record<string, ReadinessCheck>;
  /** Adds more metrics (e.g. the realtime gateway's) to the registry served at /metrics. */
  registerMetrics?: (registry: Registry) => void;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  const { registry, httpMetrics } = createMetrics();
  deps.registerMetrics?.(registry);
  const routes = allRoutes(deps.services);
  const openApi = messagesOpenApiDocument(routes);

  app.use(helmet());
  app.use(correlationId());
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req) => (req as express.Request).correlationId ?? 'unknown',
      customProps: (req) => ({ correlationId: (req as express.Request).correlationId }),
      autoLogging: { ignore: (req) => ['/healthz', '/readyz', '/metrics'].includes(req.url ?? '') },
    }),
  );
  app.use(httpMetrics);
  app.use(cors(deps.allowedOrigins));
  app.use(healthRouter(deps.readiness, registry));
  app.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });

  const api = Router();
  api.use(express.json({ limit: '64kb' }));
  mountRoutes(api, routes, { auth: requireAuth(deps.verifier), context: requestActor });
  app.use(api);

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
