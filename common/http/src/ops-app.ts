// The internal operations app of a service: liveness, readiness, Prometheus metrics and the OpenAPI
// document. It listens on its own port (OPS_PORT, bound to OPS_HOST), which no load balancer or proxy
// routes from outside, so none of it is reachable through the app's public origin.
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

import { errorHandler, notFoundHandler } from './error-handler.js';
import { healthRoutes, type ReadinessCheck } from './health.js';

export interface OpsAppDeps {
  logger: Logger;
  readiness: Record<string, ReadinessCheck>;
  registry: Registry;
  openapi: unknown;
}

export function createOpsApp(deps: OpsAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes(deps.readiness));
  app.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', deps.registry.contentType);
    res.send(await deps.registry.metrics());
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(deps.openapi);
  });
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
