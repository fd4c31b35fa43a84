// Reactions: add and remove are idempotent, on messages of parties the actor belongs to (404
// MESSAGE.NOT_FOUND otherwise, and for a deleted message). A change takes the topic's next change number
// in the same transaction (so a reconnecting client gets it from sync), then the message's reactions are
// pushed to its party. A no-op is pushed again too, like a retried send: the instance that made the
// change may have died before it could push.
import {
  AppError,
  normalizeReactionEmoji,
  REACTIONS_PER_MESSAGE_MAX,
  type ReactionPayload,
} from '@partyline/contracts';

import type { MembersRepository } from '../members/members.repository.js';
import type { MessagesRepository, ReactionRecord } from '../messages/messages.repository.js';
import type { Actor } from '../shared/actor.js';
import type { Notify } from '../shared/notifier.js';
import type { RateLimit } from '../shared/rate-limit.js';
import type { Transaction } from '../shared/transaction.js';
import type { TopicsRepository } from '../topics/topics.repository.js';
import type { ReactionsRepository } from './reactions.repository.js';

export interface ReactionsState {
  messageId: string;
  topicId: string;
  partyId: string;
  reactions: ReactionRecord[];
  mine: string[];
  changeSeq: number;
}

interface ReactionsTxRepos {
  messages: Pick<MessagesRepository, 'lock' | 'markChanged'>;
  members: Pick<MembersRepository, 'findRole'>;
  topics: Pick<TopicsRepository, 'nextChange'>;
  reactions: ReactionsRepository;
}

interface ReactionsServiceDeps {
  messages: Pick<MessagesRepository, 'find'>;
  members: Pick<MembersRepository, 'findRole'>;
  reactions: ReactionsRepository;
  tx: Transaction<ReactionsTxRepos>;
  /** Per user, REST and socket alike (and across instances). */
  limit: RateLimit;
  notify: Notify;
}

const messageNotFound = () => AppError.notFound('MESSAGE.NOT_FOUND', 'No such message');

function emojiOf(input: string): string {
  const emoji = normalizeReactionEmoji(input);
  if (emoji === null) throw new AppError('REACTION.INVALID_EMOJI', 'A reaction is exactly one emoji');
  return emoji;
}

export function createReactionsService(deps: ReactionsServiceDeps) {
  const { messages, members, reactions, tx, notify } = deps;

  async function stateAfter(actor: Actor, where: { messageId: string; topicId: string; partyId: string }) {
    const state = await reactions.state(where.messageId, actor.id);
    if (!state) throw messageNotFound();
    return { ...where, ...state };
  }

  async function change(actor: Actor, input: ReactionPayload, add: boolean): Promise<ReactionsState> {
    const emoji = emojiOf(input.emoji);
    await deps.limit(actor.id);
    const where = await tx(async (repos) => {
      // The message row lock serialises the reactions of one message, so the distinct-emoji cap holds.
      const locked = await repos.messages.lock(input.messageId);
      if (!locked || (await repos.members.findRole(locked.partyId, actor.id)) === null) {
        throw messageNotFound();
      }
      if (locked.deleted) throw messageNotFound();
      let changed: boolean;
      if (add) {
        const stats = await repos.reactions.emojiStats(input.messageId, emoji);
        if (!stats.present && stats.distinct >= REACTIONS_PER_MESSAGE_MAX) {
          throw AppError.conflict(
            'REACTION.TOO_MANY',
            `A message has at most ${REACTIONS_PER_MESSAGE_MAX} different reactions`,
          );
        }
        changed = await repos.reactions.insert(input.messageId, actor.id, emoji);
      } else {
        changed = await repos.reactions.remove(input.messageId, actor.id, emoji);
      }
      if (changed) {
        await repos.messages.markChanged(input.messageId, await repos.topics.nextChange(locked.topicId));
      }
      return { messageId: input.messageId, topicId: locked.topicId, partyId: locked.partyId };
    });
    const state = await stateAfter(actor, where);
    notify([
      (n) =>
        n.reactionsChanged({
          partyId: state.partyId,
          topicId: state.topicId,
          messageId: state.messageId,
          reactions: state.reactions,
          changeSeq: state.changeSeq,
        }),
    ]);
    return state;
  }

  return {
    add: (actor: Actor, input: ReactionPayload) => change(actor, input, true),
    remove: (actor: Actor, input: ReactionPayload) => change(actor, input, false),

    /** The reactions of a message I can see (the emoji I used among them, even past the shown reactors). */
    async list(actor: Actor, messageId: string): Promise<ReactionsState> {
      const message = await messages.find(messageId);
      if (!message || (await members.findRole(message.partyId, actor.id)) === null) throw messageNotFound();
      return stateAfter(actor, { messageId, topicId: message.topicId, partyId: message.partyId });
    },
  };
}

export type ReactionsService = ReturnType<typeof createReactionsService>;
