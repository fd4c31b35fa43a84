import type { UnreadReply } from '@partyline/contracts';

import type { UnreadTopicRecord } from './read-state.service.js';

export const presentUnread = (topics: UnreadTopicRecord[]): UnreadReply => ({
  topics: topics.map((t) => ({
    partyId: t.partyId,
    topicId: t.topicId,
    lastSeq: t.lastSeq,
    lastReadSeq: t.lastReadSeq,
    unread: t.unread,
    mentionCount: t.mentionCount,
    level: t.level,
  })),
});
