// The attachments' background work on every instance: thumbnails for new images (woken at once by a
// complete, else every few seconds), purging the objects of deleted rows, and sweeping uploads that were
// never sent. Each round claims its rows in PostgreSQL (SKIP LOCKED), so instances share the work safely;
// a failed round is logged and tried again on the next.
import type { Logger } from 'pino';

import type { AttachmentsService } from './attachments.service.js';

export interface AttachmentTasksOptions {
  /** How often the thumbnails and purge rounds run without being woken (default 5 s). */
  intervalMs?: number;
  /** How often the sweep runs (default 60 s). */
  sweepIntervalMs?: number;
}

export interface AttachmentTasks {
  /** Run the thumbnails round soon (an upload became ready). */
  wake(): void;
  stop(): Promise<void>;
}

export function startAttachmentTasks(
  attachments: AttachmentsService,
  logger: Logger,
  options: AttachmentTasksOptions = {},
): AttachmentTasks {
  const intervalMs = options.intervalMs ?? 5_000;
  const sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let lastSweep = 0;
  let timer: NodeJS.Timeout | undefined;

  async function round(): Promise<void> {
    const step = async (name: string, work: () => Promise<number>) => {
      try {
        let done: number;
        // Drain what is waiting, a batch at a time, unless stopping.
        do done = await work();
        while (done > 0 && !stopped);
      } catch (error) {
        logger.warn({ err: error, task: name }, 'attachments: background task failed; retrying later');
      }
    };
    await step('thumbnails', () => attachments.makeThumbnails());
    await step('purge', () => attachments.purgeObjects());
    if (Date.now() - lastSweep >= sweepIntervalMs) {
      lastSweep = Date.now();
      await step('sweep', () => attachments.sweepUnsent());
      await step('purge', () => attachments.purgeObjects());
    }
  }

  function run(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = round().finally(() => {
      running = null;
      if (stopped) return;
      if (again) {
        again = false;
        setImmediate(run);
      } else {
        timer = setTimeout(run, intervalMs);
        timer.unref();
      }
    });
  }

  timer = setTimeout(run, 0);
  timer.unref();
  return {
    wake: () => run(),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
