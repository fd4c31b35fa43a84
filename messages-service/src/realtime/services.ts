// What the gateway needs from the domain services. Every call takes the acting user and checks membership
// itself, so a removed member is refused on their very next event.
import type { Message, SyncCursor, SyncTopicResult } from '@partyline/contracts';

import type { Actor } from '../domain/types.js';

export interface RealtimeServices {
  messages: {
    send(
      actor: Actor,
      input: { topicId: string; body: string; nonce: string },
    ): Promise<{ message: Message }>;
    edit(actor: Actor, input: { messageId: string; body: string }): Promise<Message>;
    remove(actor: Actor, input: { messageId: string }): Promise<unknown>;
    sync(actor: Actor, cursors: SyncCursor[]): Promise<SyncTopicResult[]>;
  };
  readState: {
    mark(actor: Actor, input: { topicId: string; seq: number }): Promise<unknown>;
  };
  topics: {
    /** The topic's party, or TOPIC.NOT_FOUND / PARTY.NOT_FOUND when the actor may not see it. */
    requireAccess(actor: Actor, topicId: string): Promise<{ partyId: string }>;
  };
  parties: {
    listMembershipIds(userId: string): Promise<string[]>;
    /** The party's member ids; PARTY.NOT_FOUND when the actor is not a member. */
    listMemberIds(actor: Actor, partyId: string): Promise<string[]>;
  };
  users: {
    /** The name to show for a user (typing notices). */
    displayName(userId: string): Promise<string | null>;
  };
}
