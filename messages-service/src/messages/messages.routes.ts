// Messages and search. Anything in a party the actor does not belong to answers 404
// (TOPIC.NOT_FOUND, MESSAGE.NOT_FOUND, PARTY.NOT_FOUND); editing someone else's message, or deleting it
// without admin+, answers 403 MESSAGE.FORBIDDEN.
import {
  EditMessageBody,
  HistoryQuery,
  HistoryReply,
  Message,
  MessageEditList,
  MessageParams,
  PartyParams,
  SearchQuery,
  SearchReply,
  SendMessageBody,
  TopicParams,
} from '@partyline/contracts';

import { defineRoute, Reply, type AnyRouteDef } from '../app/route.js';
import { presentHistory, presentMessage, presentMessageEdit } from './messages.presenter.js';
import type { MessagesService } from './messages.service.js';

const tag = 'messages';
const notMember = {
  404: 'Not a member, or no such topic/message (TOPIC.NOT_FOUND, MESSAGE.NOT_FOUND)',
} as const;

export const messageRoutes = (messages: MessagesService): AnyRouteDef[] => [
  defineRoute({
    method: 'get',
    path: '/api/topics/:topicId/messages',
    summary: 'A page of history by seq (before, after or around; newest page without any), ascending',
    tag,
    request: { params: TopicParams, query: HistoryQuery },
    status: 200,
    reply: HistoryReply,
    errors: notMember,
    handle: async (actor, { params, query }) =>
      presentHistory(await messages.history(actor, params.topicId, query)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/topics/:topicId/messages',
    summary: 'Send a message; a retry with the same nonce answers 200 with the original',
    tag,
    request: { params: TopicParams, body: SendMessageBody },
    status: 201,
    reply: Message,
    replyDescription: 'Stored',
    otherReplies: { 200: 'A retry with the same nonce: the original message' },
    errors: {
      ...notMember,
      409: 'The nonce was used for another topic (MESSAGE.NONCE_CONFLICT)',
      429: 'Sending too fast (RATE_LIMITED)',
      503: 'The database is unreachable; retry with the same nonce after Retry-After (SERVICE.UNAVAILABLE)',
    },
    handle: async (actor, { params, body }) => {
      const { message, created } = await messages.send(actor, { ...body, topicId: params.topicId });
      return new Reply(created ? 201 : 200, presentMessage(message));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/messages/:messageId',
    summary: 'Edit my message (its earlier text is kept in its edit history)',
    tag,
    request: { params: MessageParams, body: EditMessageBody },
    status: 200,
    reply: Message,
    errors: { ...notMember, 403: 'Not the author (MESSAGE.FORBIDDEN)' },
    handle: async (actor, { params, body }) =>
      presentMessage(await messages.edit(actor, { messageId: params.messageId, body: body.body })),
  }),
  defineRoute({
    method: 'get',
    path: '/api/messages/:messageId/edits',
    summary: 'Earlier versions of a message, oldest first',
    tag,
    request: { params: MessageParams },
    status: 200,
    reply: MessageEditList,
    errors: notMember,
    handle: async (actor, { params }) =>
      (await messages.edits(actor, params.messageId)).map(presentMessageEdit),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/messages/:messageId',
    summary: 'Delete a message (author, or admin+ of the party); its text is cleared, its seq stays',
    tag,
    request: { params: MessageParams },
    status: 204,
    errors: { ...notMember, 403: 'Neither the author nor admin+ (MESSAGE.FORBIDDEN)' },
    handle: (actor, { params }) => messages.remove(actor, { messageId: params.messageId }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/parties/:partyId/search',
    summary: 'Full-text search over the messages of a party, newest first',
    tag,
    request: { params: PartyParams, query: SearchQuery },
    status: 200,
    reply: SearchReply,
    errors: { 404: 'Not a member, or no such party (PARTY.NOT_FOUND)' },
    handle: async (actor, { params, query }) => ({
      messages: (await messages.search(actor, params.partyId, query)).map(presentMessage),
    }),
  }),
];
