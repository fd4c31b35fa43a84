// Notification settings live on the server so every device follows them: per party 'all' (default),
// 'mentions' or 'none'; per topic the same or 'inherit' (default). A change is pushed to the user's own
// sockets (`notify:updated`). Only parties and topics the actor belongs to: 404 otherwise.
import type { NotificationLevel, TopicNotificationLevel } from '@partyline/contracts';

import type { MembersRepository } from '../members/members.repository.js';
import { requireMember } from '../members/membership.js';
import type { Actor } from '../shared/actor.js';
import { topicNotFound } from '../shared/errors.js';
import type { NotificationSettingChange, Notify } from '../shared/notifier.js';
import type { TopicsRepository } from '../topics/topics.repository.js';
import type {
  NotificationSettingsRecord,
  NotificationSettingsRepository,
} from './notifications.repository.js';

interface NotificationsServiceDeps {
  settings: NotificationSettingsRepository;
  members: Pick<MembersRepository, 'findRole'>;
  topics: Pick<TopicsRepository, 'findForMember'>;
  notify: Notify;
}

export function createNotificationsService(deps: NotificationsServiceDeps) {
  const { settings, members, topics, notify } = deps;

  return {
    /** The actor's settings that differ from the defaults, in the parties they belong to. */
    async list(actor: Actor): Promise<NotificationSettingsRecord> {
      return settings.listForUser(actor.id);
    },

    /** Idempotent: setting the same level again changes nothing (and tells the devices again). */
    async setPartyLevel(
      actor: Actor,
      partyId: string,
      level: NotificationLevel,
    ): Promise<NotificationSettingChange> {
      await requireMember(members, partyId, actor.id);
      await settings.setPartyLevel(actor.id, partyId, level);
      const change: NotificationSettingChange = { partyId, topicId: null, level };
      notify([(n) => n.notificationSettingUpdated(actor.id, change)]);
      return change;
    },

    async setTopicLevel(
      actor: Actor,
      topicId: string,
      level: TopicNotificationLevel,
    ): Promise<NotificationSettingChange & { topicId: string }> {
      const topic = await topics.findForMember(topicId, actor.id);
      if (!topic) throw topicNotFound();
      await settings.setTopicLevel(actor.id, topic.id, level);
      const change = { partyId: topic.partyId, topicId: topic.id, level };
      notify([(n) => n.notificationSettingUpdated(actor.id, change)]);
      return change;
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
