// The public Express application: plumbing first (security headers, correlation id, request log, metrics),
// liveness, then the route table, then the one error handler. Operations endpoints (metrics, readiness, the
// OpenAPI document) are not here: they are served on the internal port (@partyline/http's createOpsApp).
import express, { Router } from 'express';
import type { RequestHandler } from 'express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import type { Logger } from 'pino';

import {
  correlationId,
  errorHandler,
  mountRoutes,
  notFoundHandler,
  requestLogger,
  type TrustProxy,
} from '@partyline/http';

import { callerOf, type AccountsRoute } from './route.js';

interface AppDeps {
  logger: Logger;
  /** Times every request (the service's registry). */
  httpMetrics: RequestHandler;
  /** Every REST route; mounted here and documented on the ops port from this one list. */
  routes: AccountsRoute[];
  /** Runs before every 'bearer' route. */
  auth: RequestHandler;
  /** Which hops may name the client's address (rate limits key on req.ip). */
  trustProxy: TrustProxy;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);

  app.use(helmet());
  app.use(correlationId());
  app.use(requestLogger(deps.logger));
  app.use(deps.httpMetrics);

  // Liveness for the load balancer; readiness and metrics are on the ops port only.
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.use('/api', cookieParser());
  // Mounted at the root (the table holds full paths), so metrics label a route by its full pattern.
  const api = Router();
  mountRoutes(api, deps.routes, { auth: deps.auth, context: callerOf });
  app.use(api);

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
