// Direct conversations. A conversation is only visible to its participants: anyone else gets 404
// DIRECT.NOT_FOUND here, and the topic, message and member routes answer them as they answer a non-member.
import {
  AddDirectParticipantsBody,
  CreateDirectBody,
  DirectContact,
  DirectConversation,
  DirectParams,
  z,
} from '@partyline/contracts';

import { defineRoute, Reply, type AnyRouteDef } from '../app/route.js';
import { presentContact, presentConversation } from './direct.presenter.js';
import type { DirectService } from './direct.service.js';

const tag = 'direct';
const notParticipant = { 404: 'Not a participant, or no such conversation (DIRECT.NOT_FOUND)' } as const;
const noColdDms = {
  403: 'Someone named shares no party or conversation with you (DIRECT.NO_SHARED_PARTY)',
} as const;

export const directRoutes = (direct: DirectService): AnyRouteDef[] => [
  defineRoute({
    method: 'post',
    path: '/api/direct',
    summary:
      'Start a conversation: with one person, the 1:1; with 2-9, the group of exactly these people and me (each created once, then returned as it is)',
    tag,
    request: { body: CreateDirectBody },
    status: 201,
    reply: DirectConversation,
    otherReplies: {
      200: 'The existing 1:1 with that person, or my existing group whose people are now exactly these and me',
    },
    errors: { 400: 'Nobody but yourself named, or more than 9 (REQUEST.INVALID)', ...noColdDms },
    handle: async (actor, { body }) => {
      const { conversation, created } = await direct.create(actor, body);
      return new Reply(created ? 201 : 200, presentConversation(conversation));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/direct',
    summary: 'My conversations, newest activity first',
    tag,
    request: {},
    status: 200,
    reply: z.array(DirectConversation),
    handle: async (actor) => (await direct.list(actor)).map(presentConversation),
  }),
  defineRoute({
    method: 'get',
    path: '/api/direct/contacts',
    summary: 'People I may start a conversation with (who share a party or a conversation with me)',
    tag,
    request: {},
    status: 200,
    reply: z.array(DirectContact),
    handle: async (actor) => (await direct.contacts(actor)).map(presentContact),
  }),
  defineRoute({
    method: 'get',
    path: '/api/direct/:conversationId',
    summary: 'A conversation I take part in',
    tag,
    request: { params: DirectParams },
    status: 200,
    reply: DirectConversation,
    errors: notParticipant,
    handle: async (actor, { params }) => presentConversation(await direct.get(actor, params.conversationId)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/direct/:conversationId/participants',
    summary: 'Add people to a group conversation (10 people at most; never to a 1:1)',
    tag,
    request: { params: DirectParams, body: AddDirectParticipantsBody },
    status: 200,
    reply: DirectConversation,
    errors: {
      ...notParticipant,
      ...noColdDms,
      409: 'A 1:1 (PARTY.IS_DIRECT), or more than 10 people (DIRECT.FULL)',
    },
    handle: async (actor, { params, body }) =>
      presentConversation(await direct.addParticipants(actor, params.conversationId, body.userIds)),
  }),
];
