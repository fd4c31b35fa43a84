// The Express application: plumbing first (security headers, correlation id, logs, metrics), then the
// feature routers, then the one error handler. Everything it uses is passed in.
import express from 'express';
import type { RequestHandler, Router } from 'express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';

import { correlationId, errorHandler, notFoundHandler } from '@partyline/http';
import type { Jwks } from '@partyline/auth';
import type { OpenApiDocument, Providers } from '@partyline/contracts';

import type { Metrics } from './http/metrics.js';

export interface AppDeps {
  logger: Logger;
  metrics: Metrics;
  health: Router;
  providers: Providers;
  jwks: () => Jwks;
  openapi: OpenApiDocument;
  /** Mounted under /api/auth. */
  authRouters: Router[];
  /** Mounted under /api/users. */
  usersRouter: Router;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Behind the load balancer / dev proxy: take the client address from X-Forwarded-For of local hops only.
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');

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

  app.use(deps.health);
  app.get('/metrics', deps.metrics.handler);
  app.get('/openapi.json', (_req, res) => {
    res.json(deps.openapi);
  });
  app.get('/.well-known/jwks.json', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(deps.jwks());
  });

  app.use('/api', cookieParser(), express.json({ limit: '16kb' }));
  app.get('/api/auth/providers', (_req, res) => {
    res.json(deps.providers);
  });
  for (const router of deps.authRouters) app.use('/api/auth', router);
  app.use('/api/users', deps.usersRouter);

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
