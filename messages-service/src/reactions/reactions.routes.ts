// Reactions on a message. The emoji is a path segment (percent-encoded UTF-8). A message of a party I do not
// belong to answers 404 MESSAGE.NOT_FOUND, like one that does not exist (or is deleted).
import { MessageParams, MessageReactionsReply, ReactionParams } from '@partyline/contracts';

import { defineRoute, type AnyRouteDef } from '../app/route.js';
import { presentReactionsReply } from './reactions.presenter.js';
import type { ReactionsService } from './reactions.service.js';

const tag = 'reactions';
const notFound = { 404: 'Not a member, or no such message, or it is deleted (MESSAGE.NOT_FOUND)' } as const;
const badEmoji = { 400: 'Not exactly one emoji (REACTION.INVALID_EMOJI) or bad input (REQUEST.INVALID)' };

export const reactionRoutes = (reactions: ReactionsService): AnyRouteDef[] => [
  defineRoute({
    method: 'get',
    path: '/api/messages/:messageId/reactions',
    summary: 'The reactions of a message, with the emoji I reacted with',
    tag,
    request: { params: MessageParams },
    status: 200,
    reply: MessageReactionsReply,
    errors: notFound,
    handle: async (actor, { params }) => presentReactionsReply(await reactions.list(actor, params.messageId)),
  }),
  defineRoute({
    method: 'put',
    path: '/api/messages/:messageId/reactions/:emoji',
    summary: 'React with an emoji (idempotent: a second time changes nothing)',
    tag,
    request: { params: ReactionParams },
    status: 200,
    reply: MessageReactionsReply,
    errors: {
      ...badEmoji,
      ...notFound,
      409: `A new emoji past the message's cap of distinct ones (REACTION.TOO_MANY)`,
      429: 'Reacting too fast (RATE_LIMITED)',
    },
    handle: async (actor, { params }) => presentReactionsReply(await reactions.add(actor, params)),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/messages/:messageId/reactions/:emoji',
    summary: 'Take my reaction back (idempotent: removing what is not there is fine)',
    tag,
    request: { params: ReactionParams },
    status: 200,
    reply: MessageReactionsReply,
    errors: { ...badEmoji, ...notFound, 429: 'Reacting too fast (RATE_LIMITED)' },
    handle: async (actor, { params }) => presentReactionsReply(await reactions.remove(actor, params)),
  }),
];
