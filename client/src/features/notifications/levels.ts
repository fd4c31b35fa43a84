import type {
  Message,
  NotificationLevel,
  NotificationSettingsReply,
  NotifyUpdatedEvent,
  TopicNotificationLevel,
} from '@partyline/contracts';

/** My settings that differ from the defaults, by id: parties not listed hear 'all', topics not listed inherit. */
export interface NotificationSettings {
  parties: Record<string, NotificationLevel>;
  topics: Record<string, TopicNotificationLevel>;
}

export const DEFAULT_PARTY_LEVEL: NotificationLevel = 'all';

export function settingsFromReply(reply: NotificationSettingsReply): NotificationSettings {
  return {
    parties: Object.fromEntries(reply.parties.map((p) => [p.partyId, p.level])),
    topics: Object.fromEntries(reply.topics.map((t) => [t.topicId, t.level])),
  };
}

/** A change made here or on another device (`notify:updated`, or the PUT's own reply). */
export function applySetting(settings: NotificationSettings, e: NotifyUpdatedEvent): void {
  if (e.topicId === null) {
    if (e.level !== 'inherit') settings.parties[e.partyId] = e.level;
  } else if (e.level === 'inherit') {
    delete settings.topics[e.topicId];
  } else {
    settings.topics[e.topicId] = e.level;
  }
}

export const partyLevel = (settings: NotificationSettings | undefined, partyId: string): NotificationLevel =>
  settings?.parties[partyId] ?? DEFAULT_PARTY_LEVEL;

export const topicSetting = (
  settings: NotificationSettings | undefined,
  topicId: string,
): TopicNotificationLevel => settings?.topics[topicId] ?? 'inherit';

/**
 * What a topic is heard at: its own level, else its party's, else 'all'. Until my settings have loaded,
 * the level the unread reply carries (the server's answer to the same question).
 */
export function effectiveLevel(
  settings: NotificationSettings | undefined,
  partyId: string,
  topicId: string,
  fromUnread?: NotificationLevel,
): NotificationLevel {
  if (!settings) return fromUnread ?? DEFAULT_PARTY_LEVEL;
  const own = settings.topics[topicId];
  return own && own !== 'inherit' ? own : partyLevel(settings, partyId);
}

/**
 * Whether a message reaches me as a mention: `<@me>`, `@everyone`, or `@here` (which reached everyone
 * online, and a live message means I am). Never my own message, never a deleted one.
 */
export function mentionsMe(message: Message, meId: string | undefined): boolean {
  if (!meId || message.author?.id === meId || message.deletedAt) return false;
  const m = message.mentions;
  if (!m) return false;
  return m.everyone || m.here || m.userIds.includes(meId);
}

/** Discord's rule: 'all' notifies on every message, 'mentions' on mentions of me, 'none' never. */
export const levelNotifies = (level: NotificationLevel, mentioned: boolean) =>
  level === 'all' || (level === 'mentions' && mentioned);

/** What a topic's row shows: the plain unread count only at 'all', mention badges unless muted. */
export function topicBadges(
  entry: { unread: number; mentionCount?: number } | undefined,
  level: NotificationLevel,
) {
  if (!entry || level === 'none') return { unread: 0, mentions: 0, hasUnread: false };
  return {
    unread: level === 'all' ? entry.unread : 0,
    mentions: entry.mentionCount ?? 0,
    hasUnread: entry.unread > 0,
  };
}
