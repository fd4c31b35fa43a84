// Every repository, bound to the pool or to one transaction's client. The services get these; only this
// file and db/ know that they are PostgreSQL. An unreachable database surfaces as SERVICE.UNAVAILABLE.
import { createAttachmentsRepository } from '../attachments/attachments.repository.js';
import { createBansRepository } from '../bans/bans.repository.js';
import { mappingDatabaseErrors } from '../db/pg-errors.js';
import type { PoolClient, Queryable } from '../db/pool.js';
import { createDirectRepository } from '../direct/direct.repository.js';
import { createInvitesRepository } from '../invites/invites.repository.js';
import { createMembersRepository } from '../members/members.repository.js';
import { createMessagesRepository } from '../messages/messages.repository.js';
import { createNotificationSettingsRepository } from '../notifications/notifications.repository.js';
import { createPartiesRepository } from '../parties/parties.repository.js';
import { createPartyEventsRepository } from '../parties/party-events.repository.js';
import { createReactionsRepository } from '../reactions/reactions.repository.js';
import { createReadStatesRepository } from '../read-state/read-state.repository.js';
import { createTopicsRepository } from '../topics/topics.repository.js';
import { createProcessedEventsRepository } from '../users/processed-events.repository.js';
import { createUsersRepository } from '../users/users.repository.js';

export function createRepositories(pgDb: Queryable) {
  const db = mappingDatabaseErrors(pgDb);
  return {
    parties: createPartiesRepository(db),
    members: createMembersRepository(db),
    attachments: createAttachmentsRepository(db),
    bans: createBansRepository(db),
    invites: createInvitesRepository(db),
    topics: createTopicsRepository(db),
    messages: createMessagesRepository(db),
    readStates: createReadStatesRepository(db),
    reactions: createReactionsRepository(db),
    notificationSettings: createNotificationSettingsRepository(db),
    users: createUsersRepository(db),
    direct: createDirectRepository(db),
  };
}

/** Inside a transaction there is also the outbox (party events) and the consumers' processed ids. */
export function createTransactionRepositories(client: PoolClient, partyEventsTopic: string) {
  return {
    ...createRepositories(client),
    partyEvents: createPartyEventsRepository(client, partyEventsTopic),
    processedEvents: createProcessedEventsRepository(client),
  };
}
