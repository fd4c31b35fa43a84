import type { NotificationLevel } from '@partyline/contracts';

import { effectiveLevel, topicBadges, type NotificationSettings } from '../notifications/levels';
import type { UnreadMap } from './unreadLogic';

export interface Badges {
  /** Unread messages shown as a number (topics heard at 'all' only). */
  unread: number;
  /** Unread mentions of me (every level but 'none'). */
  mentions: number;
  /** Anything unread at all in a topic that is not muted: the bold name, the rail's pill. */
  hasUnread: boolean;
}
export interface TopicBadges extends Badges {
  level: NotificationLevel;
}
export interface AllBadges {
  topics: Record<string, TopicBadges>;
  parties: Record<string, Badges>;
  /** The tab title's number. */
  totalMentions: number;
}

const NONE: Badges = { unread: 0, mentions: 0, hasUnread: false };

/** Every badge of the app from the unread state and my notification levels: a muted topic shows nothing. */
export function computeBadges(
  unread: UnreadMap | undefined,
  settings: NotificationSettings | undefined,
): AllBadges {
  const all: AllBadges = { topics: {}, parties: {}, totalMentions: 0 };
  for (const entry of Object.values(unread ?? {})) {
    const level = effectiveLevel(settings, entry.partyId, entry.topicId, entry.level);
    const t = topicBadges(entry, level);
    all.topics[entry.topicId] = { ...t, level };
    const p = (all.parties[entry.partyId] ??= { ...NONE });
    p.unread += t.unread;
    p.mentions += t.mentions;
    p.hasUnread ||= t.hasUnread;
    all.totalMentions += t.mentions;
  }
  return all;
}

export const noBadges = (): Badges => ({ ...NONE });

/** `(3) ` before the page's own title while I have unread mentions; nothing when there are none. */
export function titleWithMentions(title: string, mentions: number): string {
  const plain = title.replace(/^\(\d+\+?\) /, '');
  return mentions > 0 ? `(${mentions > 99 ? '99+' : mentions}) ${plain}` : plain;
}

/** The words a screen reader hears for a badge pair: "3 mentions, 12 unread". */
export function badgeLabel(mentions: number, unread: number): string {
  const parts = [];
  if (mentions > 0) parts.push(mentions === 1 ? '1 mention' : `${mentions} mentions`);
  if (unread > 0) parts.push(`${unread} unread`);
  return parts.join(', ');
}

/** A red "@3" pill: mentions of me, distinct from the grey count of plain unread messages. */
export const MENTION_BADGE = { bg: 'red.600', color: 'white' } as const;
export const UNREAD_BADGE = { bg: 'gray.600', color: 'white' } as const;
