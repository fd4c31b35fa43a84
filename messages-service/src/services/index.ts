// The domain services, callable alike from REST routes, socket handlers and Kafka consumers. Each
// function takes the acting user first and throws AppErrors; pushes go through the Notifier after commit.
import { Topics } from '@partyline/contracts';

import type { Pool } from '../db/pool.js';
import type { Notifier } from '../domain/notifier.js';
import { unlimited, type RateLimits } from './context.js';
import { createInvitesService } from './invites.service.js';
import { createMembersService } from './members.service.js';
import { createMessagesService } from './messages.service.js';
import { createPartiesService } from './parties.service.js';
import { createReadStateService } from './read-state.service.js';
import { createTopicsService } from './topics.service.js';
import { createUsersService } from './users.service.js';

export type { RateLimits } from './context.js';
export type { SyncCursor, SyncTopic } from './messages.service.js';

export interface CreateServicesOptions {
  pool: Pool;
  notifier: Notifier;
  limits?: RateLimits;
  partyEventsTopic?: string;
  onNotifyError?: (error: unknown) => void;
}

export function createServices(options: CreateServicesOptions) {
  const deps = {
    pool: options.pool,
    notifier: options.notifier,
    limits: options.limits ?? unlimited,
    partyEventsTopic: options.partyEventsTopic ?? Topics.partyEvents,
    ...(options.onNotifyError ? { onNotifyError: options.onNotifyError } : {}),
  };
  const parties = createPartiesService(deps);
  return {
    parties,
    members: createMembersService(deps),
    invites: createInvitesService(deps, parties),
    topics: createTopicsService(deps),
    messages: createMessagesService(deps),
    readState: createReadStateService(deps),
    users: createUsersService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
