// "Someone is typing": checked like any other event (members of the topic's party only) and broadcast
// through the Notifier; nothing is stored. The notice carries its expiry and the client hides it then
// unless it is repeated.
import type { Actor } from '../shared/actor.js';
import { topicNotFound } from '../shared/errors.js';
import type { Notify } from '../shared/notifier.js';
import type { TopicsRepository } from '../topics/topics.repository.js';
import type { UsersRepository } from '../users/users.repository.js';

export interface TypingNotice {
  partyId: string;
  topicId: string;
  userId: string;
  displayName: string;
  expiresAt: Date;
}

interface TypingServiceDeps {
  topics: Pick<TopicsRepository, 'findForMember'>;
  users: Pick<UsersRepository, 'find'>;
  notify: Notify;
  /** How long a notice lasts. */
  ttlMs: number;
  /** Repeats for one topic within this window are not re-broadcast. */
  throttleMs: number;
}

/** Tells the party that the actor is typing in a topic. */
export type Typist = (actor: Actor, topicId: string) => Promise<void>;

export function createTypingService(deps: TypingServiceDeps) {
  const { topics, users, notify } = deps;

  return {
    /**
     * A typist for one connection. It remembers the last notice it handled (one person types in one topic
     * at a time): a repeat within the throttle window gets the same answer as that notice, without a
     * database round trip and without a broadcast.
     */
    forConnection(): Typist {
      let last: { topicId: string; at: number; refusal?: unknown } | undefined;
      return async (actor, topicId) => {
        const now = Date.now();
        if (last?.topicId === topicId && now - last.at < deps.throttleMs) {
          if (last.refusal !== undefined) throw last.refusal;
          return;
        }
        const handled: { topicId: string; at: number; refusal?: unknown } = { topicId, at: now };
        last = handled;
        const topic = await topics
          .findForMember(topicId, actor.id)
          .then(
            (found) => found ?? Promise.reject(topicNotFound()),
            (error: unknown) => Promise.reject(error),
          )
          .catch((refusal: unknown) => {
            handled.refusal = refusal;
            throw refusal;
          });
        const user = await users.find(actor.id);
        const notice: TypingNotice = {
          partyId: topic.partyId,
          topicId,
          userId: actor.id,
          displayName: user && !user.deleted ? user.displayName : (actor.username ?? ''),
          expiresAt: new Date(now + deps.ttlMs),
        };
        notify([(n) => n.typing(notice)]);
      };
    },
  };
}

export type TypingService = ReturnType<typeof createTypingService>;
