// Read state. Marking a topic of a party the actor does not belong to answers 404 TOPIC.NOT_FOUND.
import { MarkReadBody, TopicParams, UnreadReply } from '@partyline/contracts';

import { defineRoute, type AnyRouteDef } from '../app/route.js';
import { presentUnread } from './read-state.presenter.js';
import type { ReadStateService } from './read-state.service.js';

// Documented with the message routes.
const tag = 'messages';
const notMember = {
  404: 'Not a member, or no such topic/message (TOPIC.NOT_FOUND, MESSAGE.NOT_FOUND)',
} as const;

export const readStateRoutes = (readState: ReadStateService): AnyRouteDef[] => [
  defineRoute({
    method: 'put',
    path: '/api/topics/:topicId/read',
    summary: 'Mark a topic read up to seq (never moves back)',
    tag,
    request: { params: TopicParams, body: MarkReadBody },
    status: 204,
    errors: { ...notMember, 429: 'Marking too fast (RATE_LIMITED)' },
    handle: (actor, { params, body }) =>
      readState.markRead(actor, { topicId: params.topicId, seq: body.seq }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/unread',
    summary: 'Unread counts of every topic of every party of mine',
    tag,
    request: {},
    status: 200,
    reply: UnreadReply,
    handle: async (actor) => presentUnread(await readState.unread(actor)),
  }),
];
