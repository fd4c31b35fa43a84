// The one shape of every socket handler: parse the payload with its contract, run one service call, reply
// through the ack. Errors become `{ ok: false, error: { code, message } }`, never a thrown exception.
import { type AckError, AppError, z } from '@partyline/contracts';

import type { Logger } from './logger.js';
import type { RealtimeMetrics } from './metrics.js';

type Reply = (reply: unknown) => void;

export interface HandleContext {
  logger: Logger;
  metrics: RealtimeMetrics;
}

export function toAckError(error: unknown, logger: Logger): AckError {
  if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
  logger.error({ err: error }, 'socket handler failed');
  return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong' } };
}

/**
 * Makes the socket.io listener of `event`. A client that sends no ack callback gets no reply; the event is
 * still validated and run, so fire-and-forget emits behave the same as acknowledged ones.
 */
export function handle<S extends z.ZodType, R extends object>(
  ctx: HandleContext,
  event: string,
  schema: S,
  run: (input: z.infer<S>) => Promise<R>,
): (payload: unknown, ack?: unknown) => void {
  return (payload, ack) => {
    const started = performance.now();
    const reply: Reply = typeof ack === 'function' ? (ack as Reply) : () => undefined;
    const finish = (answer: { ok: true } | AckError) => {
      ctx.metrics.observe(event, answer.ok ? 'ok' : answer.error.code, (performance.now() - started) / 1000);
      reply(answer);
    };
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      finish({ ok: false, error: { code: 'REQUEST.INVALID', message: z.prettifyError(parsed.error) } });
      return;
    }
    run(parsed.data).then(
      (result) => finish({ ...result, ok: true }),
      (error: unknown) => finish(toAckError(error, ctx.logger)),
    );
  };
}
