// The operations endpoints, on an internal port that the load balancer never routes to: /healthz,
// /readyz (Mongo, Redis, Kafka), Prometheus /metrics and the OpenAPI document.
import express from 'express';
import type { Logger } from 'pino';

import type { OpenApiDocument } from '@partyline/contracts';
import { errorHandler, healthRoutes, notFoundHandler, type ReadinessCheck } from '@partyline/http';

import type { Metrics } from './metrics.js';

interface OpsAppDeps {
  logger: Logger;
  metrics: Metrics;
  readiness: Record<string, ReadinessCheck>;
  openapi: OpenApiDocument;
}

export function createOpsApp(deps: OpsAppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes(deps.readiness));
  app.get('/metrics', deps.metrics.handler);
  app.get('/openapi.json', (_req, res) => {
    res.json(deps.openapi);
  });
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
