// The Express application: plumbing first (security headers, correlation id, logs, metrics), the
// operations endpoints, then the route table, then the one error handler. Everything it uses is passed in.
import express, { Router } from 'express';
import type { RequestHandler } from 'express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';

import {
  correlationId,
  errorHandler,
  healthRoutes,
  mountRoutes,
  notFoundHandler,
  type ReadinessCheck,
} from '@partyline/http';

import type { Metrics } from './metrics.js';
import { accountsOpenApiDocument } from './openapi.js';
import { callerOf, type AccountsRoute } from './route.js';

interface AppDeps {
  logger: Logger;
  metrics: Metrics;
  /** What /readyz checks (Mongo, Redis, Kafka). */
  readiness: Record<string, ReadinessCheck>;
  /** Every REST route; mounted and documented from this one list. */
  routes: AccountsRoute[];
  /** Runs before every 'bearer' route. */
  auth: RequestHandler;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Behind the load balancer / dev proxy: take the client address from X-Forwarded-For of local hops only.
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  const openapi = accountsOpenApiDocument(deps.routes);

  app.use(helmet());
  app.use(correlationId());
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req) => (req as express.Request).correlationId ?? 'unknown',
      customProps: (req) => ({ correlationId: (req as express.Request).correlationId }),
      autoLogging: { ignore: (req) => ['/healthz', '/readyz', '/metrics'].includes(req.url ?? '') },
    }) as RequestHandler,
  );
  app.use(deps.metrics.middleware);

  app.use(healthRoutes(deps.readiness));
  app.get('/metrics', deps.metrics.handler);
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });

  app.use('/api', cookieParser(), express.json({ limit: '16kb' }));
  // Mounted at the root (the table holds full paths), so metrics label a route by its full pattern.
  const api = Router();
  mountRoutes(api, deps.routes, { auth: deps.auth, context: callerOf });
  app.use(api);

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
