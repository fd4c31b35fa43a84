import type { Logger } from '../logger.js';
import type { RealtimeMetrics } from '../metrics.js';
import type { Presence } from '../presence.js';
import type { RealtimeServices } from '../services.js';
import type { RealtimeServer } from '../types.js';

/** What every handler may use. */
export interface HandlerContext {
  io: RealtimeServer;
  services: RealtimeServices;
  presence: Presence;
  logger: Logger;
  metrics: RealtimeMetrics;
  typingTtlMs: number;
  /** Repeats of `typing` for one topic within this window are not re-broadcast. */
  typingThrottleMs: number;
}
