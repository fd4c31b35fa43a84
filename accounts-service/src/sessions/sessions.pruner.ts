// Removes what the sessions feature no longer needs: sessions that expired more than a retention period
// ago, and the successor seeds of such sessions. MongoDB does it by itself (TTL indexes, created at start by
// the repository); FerretDB 1.x has no TTL, so this sweep runs everywhere, in bounded batches, and on
// MongoDB finds little left to do. Deleting a session only after its expiry changes no answer: an expired
// token is refused like an unknown one, and a successor always expires after the token it replaced.
import type { Logger } from 'pino';

import type { SessionRepository } from './sessions.repository.js';

export interface SessionPrunerOptions {
  repo: SessionRepository;
  logger: Logger;
  /** Time between sweeps (default 15 min); the first comes after a random 50–100 % of it. */
  intervalMs?: number;
  /** How long an expired session is kept (default 1 day), on MongoDB's TTL index too. */
  retentionMs?: number;
  /** Documents per batch (default 500) and batches per sweep and kind (default 20). */
  batchSize?: number;
  maxBatches?: number;
  now?: () => Date;
}

export interface SessionPruner {
  /** One sweep now (tests, operators); resolves with what it deleted. */
  pruneNow(): Promise<{ sessions: number; seeds: number }>;
  stop(): Promise<void>;
}

export const DEFAULT_SESSION_RETENTION_MS = 24 * 60 * 60 * 1000;

export function startSessionPruner(options: SessionPrunerOptions): SessionPruner {
  const { repo, logger, now = () => new Date() } = options;
  const intervalMs = options.intervalMs ?? 15 * 60 * 1000;
  const retentionMs = options.retentionMs ?? DEFAULT_SESSION_RETENTION_MS;
  const batchSize = options.batchSize ?? 500;
  const maxBatches = options.maxBatches ?? 20;

  /** Batches until one comes back short (or the cap): a large backlog is spread over several sweeps. */
  async function drain(deleteBatch: (before: Date, limit: number) => Promise<number>, before: Date) {
    let total = 0;
    for (let batch = 0; batch < maxBatches; batch++) {
      const deleted = await deleteBatch(before, batchSize);
      total += deleted;
      if (deleted < batchSize) break;
    }
    return total;
  }

  let running: Promise<{ sessions: number; seeds: number }> | undefined;
  const pruneNow = () =>
    (running ??= (async () => {
      try {
        const before = new Date(now().getTime() - retentionMs);
        const sessions = await drain((b, n) => repo.deleteExpired(b, n), before);
        const seeds = await drain((b, n) => repo.deleteExpiredSeeds(b, n), before);
        if (sessions + seeds > 0) logger.info({ sessions, seeds }, 'expired sessions pruned');
        return { sessions, seeds };
      } finally {
        running = undefined;
      }
    })());

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      pruneNow()
        .catch((err: unknown) => logger.warn({ err }, 'pruning expired sessions failed; will retry'))
        .finally(() => schedule(intervalMs));
    }, delayMs);
    timer.unref();
  };
  schedule(intervalMs * (0.5 + Math.random() / 2));

  return {
    pruneNow,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
