import { PoisonEventError } from '../errors.js';
import { errorMessage } from '../logger.js';
import type { EventHandlers, EventSchema, EventsLogger, FailureClass, HandlerContext } from '../types.js';
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
  classify(error: unknown): FailureClass;
  logger: EventsLogger;
  heartbeat(): Promise<void>;
  /** Aborts once the consumer is stopping: a backoff ends at once and the message is left uncommitted. */
  stopSignal: AbortSignal;
  /** Publishes the message to the DLT; must throw when it could not, so the offset is not committed. */
  deadLetter(message: RawMessage, error: string, attempts: number, failure: DeadLetterClass): Promise<void>;
  /** Counts a retry after a deterministic or unrecognised failure. */
  onFailedRetry?(): void;
}

/** Why a message is dead-lettered: it could not be decoded or parsed, or its handler's failure class. */
export type DeadLetterClass = 'undecodable' | 'schema-invalid' | 'no-handler' | 'deterministic' | 'unknown';

/** Where the tries of this message stand when it is delivered again after a transient failure. */
export interface PriorTries {
  /** Handler calls so far (any class). */
  attempts: number;
  /** Of which deterministic or unrecognised failures: they count towards `policy.attempts`. */
  failures: number;
}

export type ApplyOutcome =
  | { kind: 'applied' | 'dead-lettered' | 'skipped' }
  /** Transient failure: leave the message uncommitted and deliver it again after a backoff. */
  | { kind: 'transient'; tries: PriorTries; error: unknown }
  /** The consumer is stopping: leave the message uncommitted. */
  | { kind: 'abandoned' };

const done = (kind: 'applied' | 'dead-lettered' | 'skipped'): ApplyOutcome => ({ kind });

/**
 * Decodes and applies one message. `applied`, `dead-lettered` and `skipped` mean "commit past it";
 * `transient` and `abandoned` mean "do not". Throwing (a failed DLT publish) means "do not" too: the
 * message will be consumed again.
 */
export async function applyMessage<E extends { type: string }>(
  message: RawMessage,
  deps: ApplyDeps<E>,
  prior: PriorTries = { attempts: 0, failures: 0 },
): Promise<ApplyOutcome> {
  // A null value is a tombstone of a compacted topic: nothing to apply.
  if (message.value === null) return done('skipped');

  let decoded: unknown;
  try {
    decoded = JSON.parse(message.value.toString('utf8'));
  } catch (error) {
    await deps.deadLetter(message, `undecodable: ${errorMessage(error)}`, 0, 'undecodable');
    return done('dead-lettered');
  }
  const parsed = deps.schema.safeParse(decoded);
  if (!parsed.success) {
    await deps.deadLetter(message, `schema-invalid: ${errorMessage(parsed.error)}`, 0, 'schema-invalid');
    return done('dead-lettered');
  }
  const event = parsed.data;
  // The map is exhaustive by type; indexing it by a runtime string needs the wider view.
  const byType = deps.handlers as unknown as Record<
    string,
    ((event: E, ctx: HandlerContext) => Promise<void>) | undefined
  >;
  const handler = byType[event.type];
  if (!handler) {
    await deps.deadLetter(message, `no handler for ${event.type}`, 0, 'no-handler');
    return done('dead-lettered');
  }

  const where = {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    type: event.type,
  };
  const logger = deps.logger;
  let { attempts, failures } = prior;
  for (;;) {
    if (deps.stopSignal.aborted) return { kind: 'abandoned' };
    attempts++;
    try {
      await handler(event, { ...where, attempt: attempts, logger, heartbeat: deps.heartbeat });
      return done('applied');
    } catch (error) {
      const verdict = error instanceof PoisonEventError ? 'deterministic' : deps.classify(error);
      if (verdict === 'transient') return { kind: 'transient', tries: { attempts, failures }, error };
      failures++;
      if (error instanceof PoisonEventError || failures >= deps.policy.attempts) {
        const reason = error instanceof PoisonEventError ? 'poison' : `failed ${failures} times`;
        await deps.deadLetter(message, `${reason}: ${errorMessage(error)}`, attempts, verdict);
        return done('dead-lettered');
      }
      logger.warn(
        { ...where, attempt: attempts, failure: verdict, err: errorMessage(error) },
        'event handler failed; retrying',
      );
      deps.onFailedRetry?.();
      await sleep(deps.policy.delayMs(failures), deps.stopSignal);
      if (deps.stopSignal.aborted) return { kind: 'abandoned' };
      await deps.heartbeat();
    }
  }
}
