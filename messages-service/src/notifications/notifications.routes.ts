// Notification settings: mine, a party's level, a topic's own level. A party or topic I do not belong to
// answers 404 (PARTY.NOT_FOUND, TOPIC.NOT_FOUND), like one that does not exist; a bad level 400.
import {
  NotificationSettingsReply,
  PartyNotificationSetting,
  PartyParams,
  SetPartyNotificationBody,
  SetTopicNotificationBody,
  TopicNotificationSetting,
  TopicParams,
} from '@partyline/contracts';

import { defineRoute, type AnyRouteDef } from '../app/route.js';
import {
  presentNotificationSettings,
  presentPartySetting,
  presentTopicSetting,
} from './notifications.presenter.js';
import type { NotificationsService } from './notifications.service.js';

const tag = 'notifications';

export const notificationRoutes = (notifications: NotificationsService): AnyRouteDef[] => [
  defineRoute({
    method: 'get',
    path: '/api/notification-settings',
    summary: 'My notification settings that differ from the defaults (party: all; topic: inherit)',
    tag,
    request: {},
    status: 200,
    reply: NotificationSettingsReply,
    handle: async (actor) => presentNotificationSettings(await notifications.list(actor)),
  }),
  defineRoute({
    method: 'put',
    path: '/api/parties/:partyId/notification-settings',
    summary: 'Set what I hear of a party: all, mentions or none (idempotent)',
    tag,
    request: { params: PartyParams, body: SetPartyNotificationBody },
    status: 200,
    reply: PartyNotificationSetting,
    errors: { 404: 'Not a member, or no such party (PARTY.NOT_FOUND)' },
    handle: async (actor, { params, body }) =>
      presentPartySetting(await notifications.setPartyLevel(actor, params.partyId, body.level)),
  }),
  defineRoute({
    method: 'put',
    path: '/api/topics/:topicId/notification-settings',
    summary: "Set what I hear of a topic: all, mentions, none, or inherit the party's (idempotent)",
    tag,
    request: { params: TopicParams, body: SetTopicNotificationBody },
    status: 200,
    reply: TopicNotificationSetting,
    errors: { 404: 'Not a member, or no such topic (TOPIC.NOT_FOUND)' },
    handle: async (actor, { params, body }) =>
      presentTopicSetting(await notifications.setTopicLevel(actor, params.topicId, body.level)),
  }),
];
