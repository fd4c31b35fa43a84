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
  /**
   * Tries per message before it goes to the DLT when its handler fails deterministically or for a reason
   * `classifyFailure` does not recognise (default 5). Transient failures do not count.
   */
  attempts?: number;
  /** First backoff delay of those tries, doubled on every retry (default 100 ms). */
  initialDelayMs?: number;
  /** Cap of one backoff delay of those tries (default 2000 ms). */
  maxDelayMs?: number;
  /**
   * Backoff of transient failures (a store down, a timeout…), retried for as long as it takes with the
   * partition paused: from `initialDelayMs` (default 200 ms), doubled up to `maxDelayMs` (default 10 000).
   */
  transient?: { initialDelayMs?: number; maxDelayMs?: number };
}

/** How a handler's failure is treated; see `classifyFailure`. */
export type FailureClass = 'transient' | 'deterministic' | 'unknown';

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
   * 6 000 ms, the broker's usual minimum). A killed instance's partitions wait this long, and so does the
   * group after a broker restart (the dead member of before the restart is waited out). The runner
   * heartbeats while a handler runs, so a slow handler does not lose the membership.
   */
  sessionTimeoutMs?: number;
  /** How often the member heartbeats (default a third of the session timeout, at most 1 000 ms). */
  heartbeatIntervalMs?: number;
  /**
   * Classifies a handler's failure (default: the exported `classifyFailure`). A service may recognise its
   * own errors and fall back to the default for the rest.
   */
  classifyFailure?: (error: unknown) => FailureClass;
  /** Called when the consumer stopped for good; default `process.exit(1)` so the orchestrator restarts it. */
  onFatal?: (error: unknown) => void;
}

/** Counters of a consumer since it started, for metrics and tests. */
export interface ConsumerStats {
  /** Messages whose handler resolved. */
  applied: number;
  /** Messages sent to the DLT. */
  deadLettered: number;
  /** Retries after a transient failure (each one a pause of the partition, nothing committed). */
  transientRetries: number;
  /** Retries after a deterministic or unrecognised failure. */
  failedRetries: number;
  /** Partitions now paused, waiting to retry a transient failure. */
  waitingPartitions: number[];
}

export interface ConsumerHandle {
  /** Resolves once the consumer joined its group and got its partitions. */
  ready: Promise<void>;
  /** Counters since start (a snapshot). */
  stats(): ConsumerStats;
  /** Leaves the group and disconnects; the message in flight finishes first. */
  stop(): Promise<void>;
}

/** A broker connection; the Kafka adapter implements it, another client library could too. */
export interface EventBusClient {
  ensureTopics(specs: readonly KafkaTopicSpec[]): Promise<void>;
  /** Per partition, how many events of the topic the group has not committed yet (read from the broker). */
  consumerLag?(groupId: string, topic: string): Promise<{ partition: number; lag: number }[]>;
  createPublisher(): Publisher;
  runConsumer<E extends { type: string }>(options: Omit<ConsumerOptions<E>, 'client'>): ConsumerHandle;
}

export interface Stoppable {
  stop(): Promise<void>;
}

/** How much a relay has not published yet. */
export interface OutboxBacklog {
  /** Unpublished events (PostgreSQL) or documents holding some (MongoDB). */
  pending: number;
  /** Age of the oldest of them, in seconds (0 when none). */
  oldestSeconds: number;
}

/** A running outbox relay: stop it, and read what it did and what waits (for metrics). */
export interface OutboxRelay extends Stoppable {
  /** Events published since start. */
  published(): number;
  backlog(): Promise<OutboxBacklog>;
}
