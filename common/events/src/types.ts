import type { AnyEvent, KafkaTopicSpec } from '@partyline/contracts';

/** The subset of a pino logger the event plumbing uses (pino's `Logger` fits). */
export interface EventsLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Publishes envelopes to a topic, keyed by aggregateId, resolving once the broker acknowledged all of them. */
export interface Publisher {
  publish(topic: string, events: readonly AnyEvent[]): Promise<void>;
  disconnect(): Promise<void>;
}

/** What a handler knows about the message it is applying. */
export interface HandlerContext {
  topic: string;
  partition: number;
  offset: string;
  /** 1 on the first try, incremented on every retry of the same message. */
  attempt: number;
  logger: EventsLogger;
  /** Keeps the group membership alive during a long handler. */
  heartbeat(): Promise<void>;
}

/**
 * One handler per event type of the topic's union. The map is exhaustive: adding a type to the union
 * fails the build of every consumer until it handles the new type.
 */
export type EventHandlers<E extends { type: string }> = {
  [K in E['type']]: (event: Extract<E, { type: K }>, ctx: HandlerContext) => Promise<void>;
};

export interface RetryOptions {
  /** Tries per message before it goes to the DLT (default 5). */
  attempts?: number;
  /** First backoff delay, doubled on every retry (default 100 ms). */
  initialDelayMs?: number;
  /** Cap of one backoff delay (default 2000 ms). */
  maxDelayMs?: number;
}

/** The schema a consumer decodes messages with: any zod schema of the topic's union fits. */
export interface EventSchema<E> {
  safeParse(value: unknown): { success: true; data: E } | { success: false; error: unknown };
}

export interface ConsumerOptions<E extends { type: string }> {
  client: EventBusClient;
  groupId: string;
  topic: string;
  schema: EventSchema<E>;
  handlers: EventHandlers<E>;
  logger?: EventsLogger;
  retry?: RetryOptions;
  /** Where a new group starts reading (default true: from the beginning, so projections can rebuild). */
  fromBeginning?: boolean;
  /**
   * How long the broker waits for a silent member before handing its partitions to others (default
   * 30 000 ms; the broker's minimum is usually 6 000). A killed instance's partitions wait this long.
   */
  sessionTimeoutMs?: number;
  /** Called when the consumer stopped for good; default `process.exit(1)` so the orchestrator restarts it. */
  onFatal?: (error: unknown) => void;
}

export interface ConsumerHandle {
  /** Resolves once the consumer joined its group and got its partitions. */
  ready: Promise<void>;
  /** Leaves the group and disconnects; the message in flight finishes first. */
  stop(): Promise<void>;
}

/** A broker connection; the Kafka adapter implements it, another client library could too. */
export interface EventBusClient {
  ensureTopics(specs: readonly KafkaTopicSpec[]): Promise<void>;
  createPublisher(): Publisher;
  runConsumer<E extends { type: string }>(options: Omit<ConsumerOptions<E>, 'client'>): ConsumerHandle;
}

export interface Stoppable {
  stop(): Promise<void>;
}
