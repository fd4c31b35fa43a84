// Liveness (the process answers) and readiness (every store and the broker answer), served by the shared
// routes of @partyline/auth; service.ts passes the checks (Mongo, Redis, Kafka).
import { Router } from 'express';

import { healthRoutes as sharedHealthRoutes, type ReadinessCheck } from '@partyline/http';

export type { ReadinessCheck };

export function healthRoutes(checks: Record<string, ReadinessCheck>): Router {
  return Router().use(sharedHealthRoutes(checks));
}
