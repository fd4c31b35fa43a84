// Builds the public Express app from its dependencies; the caller owns listening and closing. Plumbing
// first (security headers, correlation id, request log, metrics, CORS), liveness, the route table, the one
// error handler. Operations endpoints (readiness, metrics, the OpenAPI document) are not here: they are
// served on the internal port (@partyline/http's createOpsApp).
import { requireAuth, type AccessTokenVerifier } from '@partyline/auth';
import {
  correlationId,
  errorHandler,
  jsonBody,
  mountRoutes,
  notFoundHandler,
  requestLogger,
  type TrustProxy,
} from '@partyline/http';
import express, { Router, type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';

import { requestActor } from './actor.js';
import { cors } from './cors.js';
import { allRoutes } from './routes.js';
import type { Services } from './services.js';

interface AppDeps {
  services: Services;
  verifier: AccessTokenVerifier;
  logger: Logger;
  allowedOrigins: readonly string[];
  /** Which hops may name the client's address (req.ip); default: none, the socket's peer is the client. */
  trustProxy?: TrustProxy;
  /** Times every request into the metrics the ops port serves. */
  httpMetrics?: RequestHandler;
}

/** The largest JSON body any route accepts (a message of MESSAGE_BODY_MAX characters is far below it). */
export const BODY_LIMIT = '64kb';

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);

  app.use(helmet());
  app.use(correlationId());
  app.use(requestLogger(deps.logger));
  if (deps.httpMetrics) app.use(deps.httpMetrics);
  app.use(cors(deps.allowedOrigins));
  // Liveness for the load balancer; readiness and metrics are on the ops port only.
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  const api = Router();
  // Refuses a body that is not UTF-8 (express.json would turn the bad bytes into U+FFFD).
  api.use(jsonBody({ limit: BODY_LIMIT }));
  mountRoutes(api, allRoutes(deps.services), {
    auth: requireAuth(deps.verifier),
    // Only a route open to signed-out visitors (security 'none') runs without a user; it acts for nobody
    // and reads what it needs (the client address) from the request.
    context: (req) => (req.user === undefined ? { id: '' } : requestActor(req)),
  });
  app.use(api);

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
