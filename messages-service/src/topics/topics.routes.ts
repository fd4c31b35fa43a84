// Topics of a party: members list them; admin+ create, rename and delete (non-members 404, members 403).
import {
  CreateTopicBody,
  PartyParams,
  PartyTopicParams,
  Topic,
  UpdateTopicBody,
  z,
} from '@partyline/contracts';

import { defineRoute, type AnyRouteDef } from '../app/route.js';
import { presentTopic } from './topics.presenter.js';
import type { TopicsService } from './topics.service.js';

const tag = 'topics';
const notMember = { 404: 'Not a member, or no such party/topic (PARTY.NOT_FOUND, TOPIC.NOT_FOUND)' } as const;
const needsAdmin = { ...notMember, 403: 'Needs admin or owner (PARTY.FORBIDDEN)' } as const;

export const topicRoutes = (topics: TopicsService): AnyRouteDef[] => [
  defineRoute({
    method: 'get',
    path: '/api/parties/:partyId/topics',
    summary: 'Topics of a party, by position',
    tag,
    request: { params: PartyParams },
    status: 200,
    reply: z.array(Topic),
    errors: notMember,
    handle: async (actor, { params }) => (await topics.list(actor, params.partyId)).map(presentTopic),
  }),
  defineRoute({
    method: 'post',
    path: '/api/parties/:partyId/topics',
    summary: 'Create a topic (admin+)',
    tag,
    request: { params: PartyParams, body: CreateTopicBody },
    status: 201,
    reply: Topic,
    errors: { ...needsAdmin, 409: 'Name taken in this party (TOPIC.NAME_TAKEN)' },
    handle: async (actor, { params, body }) => presentTopic(await topics.create(actor, params.partyId, body)),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/parties/:partyId/topics/:topicId',
    summary: 'Rename a topic (admin+)',
    tag,
    request: { params: PartyTopicParams, body: UpdateTopicBody },
    status: 200,
    reply: Topic,
    errors: { ...needsAdmin, 409: 'Name taken in this party (TOPIC.NAME_TAKEN)' },
    handle: async (actor, { params, body }) =>
      presentTopic(await topics.update(actor, params.partyId, params.topicId, body)),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/parties/:partyId/topics/:topicId',
    summary: 'Delete a topic and its messages (admin+)',
    tag,
    request: { params: PartyTopicParams },
    status: 204,
    errors: needsAdmin,
    handle: (actor, { params }) => topics.remove(actor, params.partyId, params.topicId),
  }),
];
