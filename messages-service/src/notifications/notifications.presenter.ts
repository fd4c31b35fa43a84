// Allow-list presenters of notification settings: REST replies and the `notify:updated` push.
import type {
  NotificationSettingsReply,
  NotifyUpdatedEvent,
  PartyNotificationSetting,
  TopicNotificationSetting,
} from '@partyline/contracts';

import type { NotificationSettingChange } from '../shared/notifier.js';
import type { NotificationSettingsRecord } from './notifications.repository.js';

export const presentNotificationSettingEvent = (change: NotificationSettingChange): NotifyUpdatedEvent => ({
  partyId: change.partyId,
  topicId: change.topicId,
  level: change.level,
});

export const presentPartySetting = (change: NotificationSettingChange): PartyNotificationSetting => ({
  partyId: change.partyId,
  level: change.level === 'inherit' ? 'all' : change.level,
});

export const presentTopicSetting = (
  change: NotificationSettingChange & { topicId: string },
): TopicNotificationSetting => ({
  partyId: change.partyId,
  topicId: change.topicId,
  level: change.level,
});

export const presentNotificationSettings = (
  settings: NotificationSettingsRecord,
): NotificationSettingsReply => ({
  parties: settings.parties.map((p) => ({ partyId: p.partyId, level: p.level })),
  topics: settings.topics.map((t) => ({ partyId: t.partyId, topicId: t.topicId, level: t.level })),
});
