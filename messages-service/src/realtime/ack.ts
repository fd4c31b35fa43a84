// The one shape of every socket handler: parse the payload with its contract, run one service call, reply
// through the ack. Errors become `{ ok: false, error: { code, message } }`, never a thrown exception.
// Payload and reply types come from ClientToServerEvents, so a handler whose reply does not match its
// event's ack fails the build.
import {
  type AckError,
  AppError,
  ClientEventSchemas,
  type ClientToServerEvents,
  z,
} from '@partyline/contracts';

import type { Logger } from './logger.js';
import type { RealtimeMetrics } from './metrics.js';
import type { RealtimeSocket } from './types.js';

type ClientEvent = keyof ClientToServerEvents;
/** What the client sends with `event`. */
type PayloadOf<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[0];
type AckOf<E extends ClientEvent> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];
/** What a handler of `event` returns: its ack's success fields, without `ok`. */
type ReplyOf<E extends ClientEvent> = Omit<Extract<AckOf<E>, { ok: true }>, 'ok'>;

export interface HandleContext {
  logger: Logger;
  metrics: RealtimeMetrics;
}

/** RATE_LIMITED and SERVICE.UNAVAILABLE say when to try again, like REST's Retry-After. */
function retryAfterSeconds(error: AppError): number | undefined {
  const details = error.details as { retryAfterSeconds?: unknown } | undefined;
  return typeof details?.retryAfterSeconds === 'number' ? Math.ceil(details.retryAfterSeconds) : undefined;
}

function toAckError(error: unknown, logger: Logger): AckError {
  if (error instanceof AppError) {
    const retryAfter = retryAfterSeconds(error);
    // retryAfterSeconds is not in the AckError contract yet (common/contracts/src/common.ts): until it is,
    // it travels as an extra field, which zod's non-strict object keeps out of the parsed ack.
    const body: AckError['error'] = {
      code: error.code,
      message: error.message,
      ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
    };
    return { ok: false, error: body };
  }
  logger.error({ err: error }, 'socket handler failed');
  return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong' } };
}

/** A socket.io listener shared by every socket: socket.io calls it with the socket as `this`. */
export type SocketListener = (this: RealtimeSocket, payload: unknown, ack?: unknown) => void;

/** One client event and its listener, made once per server (handlers.ts registers them on each socket). */
export interface SocketHandler {
  event: ClientEvent;
  listener: SocketListener;
}

/**
 * Makes the socket.io listener of `event`, once for all sockets: a connection holds a reference to it, not
 * closures of its own (with a dozen events, that was most of what an idle socket cost the service beyond
 * socket.io's own). A client that sends no ack callback gets no reply; the event is still validated and
 * run, so fire-and-forget emits behave the same as acknowledged ones.
 */
export function handle<E extends ClientEvent>(
  ctx: HandleContext,
  event: E,
  run: (socket: RealtimeSocket, input: PayloadOf<E>) => Promise<ReplyOf<E>>,
): SocketHandler {
  const schema: z.ZodType = ClientEventSchemas[event];
  const listener: SocketListener = function (this: RealtimeSocket, payload, ack) {
    const started = performance.now();
    const reply = typeof ack === 'function' ? (ack as (answer: AckOf<E>) => void) : () => undefined;
    const finish = (answer: AckOf<E>) => {
      ctx.metrics.observe(event, answer.ok ? 'ok' : answer.error.code, (performance.now() - started) / 1000);
      reply(answer);
    };
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      finish({ ok: false, error: { code: 'REQUEST.INVALID', message: z.prettifyError(parsed.error) } });
      return;
    }
    run(this, parsed.data as PayloadOf<E>).then(
      (result) => finish({ ...result, ok: true } as AckOf<E>),
      (error: unknown) => finish(toAckError(error, ctx.logger)),
    );
  };
  return { event, listener };
}
