import { PoisonEventError } from '../errors.js';
import { errorMessage } from '../logger.js';
import type { EventHandlers, EventSchema, EventsLogger, HandlerContext } from '../types.js';
import { sleep, type RetryPolicy } from './backoff.js';

/** A consumed message, independent of the client library. */
export interface RawMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
}

export interface ApplyDeps<E extends { type: string }> {
  schema: EventSchema<E>;
  handlers: EventHandlers<E>;
  policy: RetryPolicy;
  logger: EventsLogger;
  heartbeat(): Promise<void>;
  /** True once the consumer is stopping: retries give up so shutdown is not held by a backoff. */
  isStopping(): boolean;
  /** Publishes the message to the DLT; must throw when it could not, so the offset is not committed. */
  deadLetter(message: RawMessage, error: string, attempts: number): Promise<void>;
}

export type ApplyOutcome = 'applied' | 'dead-lettered' | 'skipped';

/**
 * Decodes and applies one message. Resolving means "commit past it"; throwing means "do not": the
 * message will be consumed again (after a shutdown, a rebalance or a failed DLT publish).
 */
export async function applyMessage<E extends { type: string }>(
  message: RawMessage,
  deps: ApplyDeps<E>,
): Promise<ApplyOutcome> {
  // A null value is a tombstone of a compacted topic: nothing to apply.
  if (message.value === null) return 'skipped';

  let decoded: unknown;
  try {
    decoded = JSON.parse(message.value.toString('utf8'));
  } catch (error) {
    await deps.deadLetter(message, `undecodable: ${errorMessage(error)}`, 0);
    return 'dead-lettered';
  }
  const parsed = deps.schema.safeParse(decoded);
  if (!parsed.success) {
    await deps.deadLetter(message, `schema-invalid: ${errorMessage(parsed.error)}`, 0);
    return 'dead-lettered';
  }
  const event = parsed.data;
  // The map is exhaustive by type; indexing it by a runtime string needs the wider view.
  const byType = deps.handlers as unknown as Record<
    string,
    ((event: E, ctx: HandlerContext) => Promise<void>) | undefined
  >;
  const handler = byType[event.type];
  if (!handler) {
    await deps.deadLetter(message, `no handler for ${event.type}`, 0);
    return 'dead-lettered';
  }

  const where = {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    type: event.type,
  };
  for (let attempt = 1; ; attempt++) {
    const logger = deps.logger;
    try {
      await handler(event, { ...where, attempt, logger, heartbeat: deps.heartbeat });
      return 'applied';
    } catch (error) {
      if (error instanceof PoisonEventError || attempt >= deps.policy.attempts) {
        const reason = error instanceof PoisonEventError ? 'poison' : `failed ${attempt} times`;
        await deps.deadLetter(message, `${reason}: ${errorMessage(error)}`, attempt);
        return 'dead-lettered';
      }
      if (deps.isStopping()) throw error;
      logger.warn({ ...where, attempt, err: errorMessage(error) }, 'event handler failed; retrying');
      await sleep(deps.policy.delayMs(attempt));
      await deps.heartbeat();
    }
  }
}
