// Allow-list presenters of reactions: REST replies, acks and the `message:reactions` push.
import type { MessageReactionsEvent, MessageReactionsReply, Reaction } from '@partyline/contracts';

import type { ReactionRecord } from '../messages/messages.repository.js';
import type { ReactionsChange } from '../shared/notifier.js';
import type { ReactionsState } from './reactions.service.js';

const presentReactions = (reactions: ReactionRecord[]): Reaction[] =>
  reactions.map((r) => ({ emoji: r.emoji, count: r.count, userIds: [...r.userIds] }));

export const presentReactionsReply = (state: ReactionsState): MessageReactionsReply => ({
  messageId: state.messageId,
  topicId: state.topicId,
  reactions: presentReactions(state.reactions),
  mine: [...state.mine],
  changeSeq: state.changeSeq,
});

export const presentReactionsEvent = (change: ReactionsChange): MessageReactionsEvent => ({
  partyId: change.partyId,
  topicId: change.topicId,
  messageId: change.messageId,
  reactions: presentReactions(change.reactions),
  changeSeq: change.changeSeq,
});
