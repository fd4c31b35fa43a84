// The users copy: accounts.user-events → users table. Same shape as a route: the runner parses with the
// contract, each handler calls one service function. Handlers are exhaustive over UserEvent.
import { UserEvent } from '@partyline/contracts';
import { runConsumer, type ConsumerHandle, type EventBusClient, type EventsLogger } from '@partyline/events';

import type { UsersService } from './users.service.js';

interface UserEventsConsumerOptions {
  client: EventBusClient;
  users: Pick<UsersService, 'applyUserState' | 'applyUserDeleted'>;
  topic: string;
  groupId: string;
  logger?: EventsLogger;
  onFatal?: (error: unknown) => void;
}

export function startUserEventsConsumer(options: UserEventsConsumerOptions): ConsumerHandle {
  const { users } = options;
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
      // Not a full state: applied once, its event id recorded in the same transaction.
      UserDeleted: (event) => users.applyUserDeleted(event),
    },
  });
}
