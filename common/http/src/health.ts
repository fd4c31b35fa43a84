// Liveness (/healthz: the process answers) and readiness (/readyz: every check passes within its timeout),
// shared by both services. Each service brings its own checks (stores, broker) and serves /metrics itself.
import type { RequestHandler } from 'express';

/** Resolves when the dependency answers; rejects (or never settles) when it does not. */
export type ReadinessCheck = () => Promise<void>;

export interface HealthRoutesOptions {
  /** How long each readiness check may take before it counts as down. Default 2000 ms. */
  timeoutMs?: number;
}

/**
 * GET /healthz → 200 `{ status: 'ok' }`. GET /readyz runs every check at once → 200
 * `{ status: 'ready', checks: { name: 'ok', … } }`, or 503 `{ status: 'not ready', checks }` naming the ones
 * that failed or timed out as `'down'`. Any other request passes to the next handler. Mount with `app.use`.
 */
export function healthRoutes(
  checks: Record<string, ReadinessCheck>,
  options: HealthRoutesOptions = {},
): RequestHandler {
  const timeoutMs = options.timeoutMs ?? 2000;
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // Like an Express Router's defaults: case-insensitive, a trailing slash allowed.
    const path = req.path.toLowerCase().replace(/(.)\/$/, '$1');
    if (path === '/healthz') {
      res.json({ status: 'ok' });
      return;
    }
    if (path !== '/readyz') return next();
    readiness(checks, timeoutMs).then(
      ({ ready, results }) => {
        res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks: results });
      },
      (err: unknown) => next(err),
    );
  };
}

async function readiness(checks: Record<string, ReadinessCheck>, timeoutMs: number) {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await withTimeout(check(), timeoutMs);
        return [name, 'ok'] as const;
      } catch {
        return [name, 'down'] as const;
      }
    }),
  );
  return {
    ready: results.every(([, state]) => state === 'ok'),
    results: Object.fromEntries(results) as Record<string, 'ok' | 'down'>,
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
