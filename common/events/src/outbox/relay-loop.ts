import { errorMessage } from '../logger.js';
import type { EventsLogger } from '../types.js';

export interface RelayLoop {
  /** Runs the next drain now instead of at the next poll. */
  wake(): void;
  /** Events published since start. */
  published(): number;
  stop(): Promise<void>;
}

/**
 * Calls `drain` until it reports an empty backlog, then waits `pollMs` (or a wake-up) and starts again.
 * A failing drain (broker or database down) is logged and retried at the next poll, with backoff.
 */
export function startRelayLoop(
  name: string,
  drain: () => Promise<{ published: number; full: boolean }>,
  pollMs: number,
  logger: EventsLogger,
): RelayLoop {
  let running = true;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  let failures = 0;
  let total = 0;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || !running) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  const done = (async () => {
    while (running) {
      woken = false;
      try {
        const { published, full } = await drain();
        failures = 0;
        total += published;
        if (published > 0) logger.debug({ relay: name, published }, 'outbox relay published events');
        if (full) continue;
        await wait(pollMs);
      } catch (error) {
        failures++;
        logger.error({ relay: name, err: errorMessage(error), failures }, 'outbox relay failed; will retry');
        await wait(Math.min(10_000, pollMs * 2 ** Math.min(failures, 6)));
      }
    }
  })();

  return {
    published: () => total,
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await done;
    },
  };
}
