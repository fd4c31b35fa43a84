// The users copy: accounts.user-events → users table. Same shape as a route: the runner parses with the
// contract, each handler calls one service function. Handlers are exhaustive over UserEvent.
import { UserEvent } from '@partyline/contracts';
import {
  markProcessed,
  runConsumer,
  type ConsumerHandle,
  type EventBusClient,
  type EventsLogger,
} from '@partyline/events';

import type { Pool } from '../db/pool.js';
import { withTransaction } from '../db/transaction.js';
import { USERS_CONSUMER, type UsersService } from '../services/users.service.js';

export interface UserEventsConsumerOptions {
  client: EventBusClient;
  pool: Pool;
  users: UsersService;
  topic: string;
  groupId: string;
  logger?: EventsLogger;
  onFatal?: (error: unknown) => void;
}

export function startUserEventsConsumer(options: UserEventsConsumerOptions): ConsumerHandle {
  const { users, pool } = options;
  return runConsumer({
    client: options.client,
    groupId: options.groupId,
    topic: options.topic,
    schema: UserEvent,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.onFatal ? { onFatal: options.onFatal } : {}),
    handlers: {
      // Full states: the version guard alone makes them idempotent.
      UserRegistered: async (event) => {
        await users.applyUserState(event);
      },
      UserUpdated: async (event) => {
        await users.applyUserState(event);
      },
      // Not a full state: its effect is repeatable, and the event id is recorded once it has been applied.
      UserDeleted: async (event) => {
        if (await users.wasProcessed(event.eventId)) return;
        await users.applyUserDeleted(event);
        await withTransaction(pool, (client) => markProcessed(client, USERS_CONSUMER, event.eventId));
      },
    },
  });
}
