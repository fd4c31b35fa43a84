// The composition of the services: repositories from the pool, a transaction port whose repositories are
// bound to its client, the notifier and the limits. REST routes, socket handlers and the Kafka consumer
// all call these; each function takes the acting user first and throws AppErrors.
import { ATTACHMENT_MAX_BYTES_DEFAULT, TYPING_TTL_MS, Topics } from '@partyline/contracts';

import { createAttachmentsService, type AttachmentsSettings } from '../attachments/attachments.service.js';
import type { ObjectStore } from '../attachments/object-store.js';
import { sharpThumbnailer } from '../attachments/thumbnail.js';
import { createBansService } from '../bans/bans.service.js';
import type { Pool } from '../db/pool.js';
import { createTransaction } from '../db/transaction.js';
import { createDirectService } from '../direct/direct.service.js';
import { createInvitesService } from '../invites/invites.service.js';
import { createMembersService } from '../members/members.service.js';
import { createMessagesService } from '../messages/messages.service.js';
import type { WrittenBatch } from '../messages/send-batcher.js';
import { createSyncService } from '../messages/sync.service.js';
import { createNotificationsService } from '../notifications/notifications.service.js';
import { createPartiesService } from '../parties/parties.service.js';
import { createPresenceService } from '../presence/presence.service.js';
import { createReactionsService } from '../reactions/reactions.service.js';
import { createReadStateService } from '../read-state/read-state.service.js';
import { createNotify, type Notifier } from '../shared/notifier.js';
import { nobodyOnline, type OnlineUsers } from '../shared/online-users.js';
import { unlimited, type RateLimits } from '../shared/rate-limit.js';
import { createTopicsService } from '../topics/topics.service.js';
import { createTypingService } from '../typing/typing.service.js';
import { createUsersService } from '../users/users.service.js';
import { createRepositories, createTransactionRepositories } from './repositories.js';

interface CreateServicesOptions {
  pool: Pool;
  notifier: Notifier;
  /** The gateway's presence store (nobody is online without one). */
  presence?: OnlineUsers;
  /** The limits not given are off (tests of other things). */
  limits?: Partial<RateLimits>;
  /** Where party, member and topic events go (default messages.party-events; tests use their own). */
  partyEventsTopic?: string;
  /** Called when a push throws: a failed push must not fail a committed change. */
  onNotifyError?: (error: unknown) => void;
  typing?: { ttlMs: number; throttleMs: number };
  /** Told of each send batch stored and emitted, with its timings (the service's metrics). */
  onSendBatchWritten?: (batch: WrittenBatch) => void;
  /** Object storage for attachments (none: uploads answer SERVICE.UNAVAILABLE). */
  attachments?: { store: ObjectStore; settings: AttachmentsSettings; onReady?: () => void };
}

const NO_ATTACHMENTS: AttachmentsSettings = {
  maxBytes: ATTACHMENT_MAX_BYTES_DEFAULT,
  uploadUrlTtlSeconds: 300,
  downloadUrlTtlSeconds: 300,
  sweepAfterSeconds: 24 * 3600,
};

export function createServices(options: CreateServicesOptions) {
  const repos = createRepositories(options.pool);
  const partyEventsTopic = options.partyEventsTopic ?? Topics.partyEvents;
  const tx = createTransaction(options.pool, (client) =>
    createTransactionRepositories(client, partyEventsTopic),
  );
  const notify = createNotify(options.notifier, options.onNotifyError);
  const limits: RateLimits = { ...unlimited, ...options.limits };
  const { parties, members, bans, invites, topics, messages, readStates, users } = repos;
  const { reactions, notificationSettings } = repos;
  const presence = options.presence ?? nobodyOnline;

  const partiesService = createPartiesService({ parties, members, users, tx, notify });
  return {
    parties: partiesService,
    members: createMembersService({ members, parties, tx, notify }),
    bans: createBansService({ bans, members, parties, tx, notify }),
    invites: createInvitesService({
      invites,
      members,
      parties,
      users,
      partyView: partiesService,
      tx,
      limit: limits.invite,
      notify,
    }),
    topics: createTopicsService({ topics, members, tx, notify }),
    messages: createMessagesService({
      messages,
      attachments: repos.attachments,
      members,
      topics,
      tx,
      sendLimit: limits.send,
      notify,
      presence,
      ...(options.onSendBatchWritten ? { onSendBatchWritten: options.onSendBatchWritten } : {}),
    }),
    reactions: createReactionsService({ messages, members, reactions, tx, limit: limits.reaction, notify }),
    notifications: createNotificationsService({
      settings: notificationSettings,
      members,
      topics,
      notify,
    }),
    sync: createSyncService({ messages, topics, limit: limits.sync }),
    readState: createReadStateService({ readStates, topics, notify, limit: limits.readMark }),
    users: createUsersService({ users, members, parties, tx, notify }),
    presence: createPresenceService({
      members,
      presence,
      limit: limits.presence,
    }),
    typing: createTypingService({
      topics,
      users,
      notify,
      ttlMs: options.typing?.ttlMs ?? TYPING_TTL_MS,
      throttleMs: options.typing?.throttleMs ?? 1_000,
    }),
    direct: createDirectService({ direct: repos.direct, members, users, tx, notify }),
    attachments: createAttachmentsService({
      attachments: repos.attachments,
      members,
      topics,
      store: options.attachments?.store ?? null,
      thumbnailer: sharpThumbnailer,
      settings: options.attachments?.settings ?? NO_ATTACHMENTS,
      limit: limits.send,
      ...(options.attachments?.onReady ? { onReady: options.attachments.onReady } : {}),
      messageChanges: { tx, messages, notify },
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
