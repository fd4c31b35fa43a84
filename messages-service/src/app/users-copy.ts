// The users copy in the background. Kafka is kept off the request path, start-up included: the service
// serves while the broker is away, and the users consumer starts once the topics exist.
import { ensureTopics, type ConsumerHandle, type EventBusClient } from '@partyline/events';
import type { Logger } from 'pino';

import { startUserEventsConsumer } from '../users/user-events.consumer.js';
import type { UsersService } from '../users/users.service.js';

interface UsersCopyOptions {
  kafka: EventBusClient;
  topics: { userEvents: string; partyEvents: string };
  /** Partitions when creating the topics. */
  partitions: number;
  groupId: string;
  users: UsersService;
  logger: Logger;
}

export interface UsersCopy {
  /** Resolves once the topics exist and the consumer has joined its group. */
  ready: Promise<void>;
  /** The running consumer, once it started (for its metrics). */
  consumer(): ConsumerHandle | undefined;
  stop(): Promise<void>;
}

export function startUsersCopy(options: UsersCopyOptions): UsersCopy {
  const { kafka, topics, partitions, logger } = options;
  let consumer: ConsumerHandle | undefined;
  let stopped = false;
  const ready = (async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        await ensureTopics(kafka, [
          { name: topics.userEvents, partitions, compacted: true },
          { name: topics.partyEvents, partitions, compacted: false },
        ]);
        break;
      } catch (error) {
        if (stopped) return;
        logger.warn({ err: error, attempt }, 'kafka: could not ensure topics; retrying');
        await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 500 * attempt)).unref());
      }
    }
    if (stopped) return;
    consumer = startUserEventsConsumer({
      client: kafka,
      users: options.users,
      topic: topics.userEvents,
      groupId: options.groupId,
      logger,
    });
    await consumer.ready;
  })();
  return {
    ready,
    consumer: () => consumer,
    async stop() {
      stopped = true;
      await consumer?.stop().catch((error: unknown) => logger.error({ err: error }, 'consumer stop failed'));
    },
  };
}
