import { HISTORY_PAGE_DEFAULT } from '@partyline/contracts/limits';

import type { HistoryReply } from '../../api/types';
import { firstUnreadSeq, type UnreadMap } from '../unread/unreadLogic';

export type PageQuery = { around: number } | Record<string, never>;

/**
 * Zulip's `first_unread` anchor: a topic opens around its first unread message when that lies before the
 * newest page, else at the newest page (which then holds every unread message and reaches the present).
 */
export function openingQuery(unread: UnreadMap | undefined, topicId: string): PageQuery {
  const entry = unread?.[topicId];
  const first = firstUnreadSeq(entry);
  if (first === null || !entry || first > entry.lastSeq - HISTORY_PAGE_DEFAULT) return {};
  return { around: first };
}

/** With the newest page already in hand: whether the first unread lies before it. */
export function firstUnreadBefore(unread: UnreadMap | undefined, topicId: string, page: HistoryReply) {
  const first = firstUnreadSeq(unread?.[topicId]);
  const oldest = page.messages[0]?.seq;
  return first !== null && page.hasOlder && oldest !== undefined && first < oldest ? first : null;
}
