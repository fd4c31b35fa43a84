// The one shape of every socket handler: parse the payload with its contract, run one service call, reply
// through the ack. Errors become `{ ok: false, error: { code, message } }`, never a thrown exception.
import { type AckError, AppError, type ErrorCode, z } from '@partyline/contracts';

import type { Logger } from './logger.js';

type Reply = (reply: unknown) => void;

export function toAckError(error: unknown, logger: Logger): AckError {
  if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
  logger.error({ err: error }, 'socket handler failed');
  return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong' } };
}

export const ackFail = (code: ErrorCode, message: string): AckError => ({
  ok: false,
  error: { code, message },
});

/**
 * Wraps `run` as a socket.io listener. A client that sends no ack callback gets no reply; the event is still
 * validated and run, so fire-and-forget emits (e.g. typing) behave the same as acknowledged ones.
 */
export function handle<S extends z.ZodType, R extends object>(
  schema: S,
  run: (input: z.infer<S>) => Promise<R>,
  logger: Logger,
): (payload: unknown, ack?: unknown) => void {
  return (payload, ack) => {
    const reply: Reply = typeof ack === 'function' ? (ack as Reply) : () => undefined;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      reply(ackFail('REQUEST.INVALID', z.prettifyError(parsed.error)));
      return;
    }
    run(parsed.data).then(
      (result) => reply({ ok: true, ...result }),
      (error: unknown) => reply(toAckError(error, logger)),
    );
  };
}
