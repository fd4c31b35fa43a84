// Background work the gateway starts without awaiting (presence updates and announcements): failures are
// logged, never left unhandled, and shutdown can wait for what is still running.
import type { Logger } from './logger.js';

export interface Tasks {
  track(work: Promise<unknown>, what: string): void;
  /** Resolves when everything tracked so far has settled. */
  settled(): Promise<void>;
}

export function createTasks(logger: Logger): Tasks {
  const pending = new Set<Promise<unknown>>();
  return {
    track(work, what) {
      const settled = work.then(
        () => undefined,
        (error: unknown) => logger.error({ err: error }, `realtime: ${what} failed`),
      );
      pending.add(settled);
      void settled.finally(() => pending.delete(settled));
    },
    async settled() {
      await Promise.all([...pending]);
    },
  };
}
