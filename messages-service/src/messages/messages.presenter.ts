// Allow-list presenters of messages: REST replies, acks and socket pushes alike.
import {
  REPLY_EXCERPT_MAX,
  type HistoryReply,
  type Message,
  type MessageEdit,
  type ReplyPreview,
} from '@partyline/contracts';

import { presentAttachment } from '../attachments/attachments.presenter.js';
import { presentPublicUser } from '../users/users.presenter.js';
import type { MessageEditRecord, MessageRecord, ReplyToRecord } from './messages.repository.js';
import type { HistoryPage } from './messages.service.js';

const isoOrNull = (date: Date | null): string | null => (date === null ? null : date.toISOString());

/** A `<@uuid>` cut in half would show as noise: the excerpt stops before a mention it cannot hold whole. */
const PARTIAL_MENTION_AT_END = /<@[0-9a-fA-F-]*$/;

/** The first line of a body, at most REPLY_EXCERPT_MAX characters (code points: no half emoji). */
export function excerptOf(body: string): string {
  const firstLine = body.trimStart().split(/\r?\n/, 1)[0] ?? '';
  const points = Array.from(firstLine);
  if (points.length <= REPLY_EXCERPT_MAX) return firstLine;
  return points.slice(0, REPLY_EXCERPT_MAX).join('').replace(PARTIAL_MENTION_AT_END, '');
}

const presentReplyTo = (r: ReplyToRecord): ReplyPreview => ({
  id: r.id,
  seq: r.seq,
  authorId: r.authorId,
  excerpt: r.deleted ? '' : excerptOf(r.body),
  deleted: r.deleted,
});

export const presentMessage = (m: MessageRecord): Message => {
  const deleted = m.deletedAt !== null;
  return {
    id: m.id,
    topicId: m.topicId,
    partyId: m.partyId,
    seq: m.seq,
    nonce: m.nonce,
    author: m.author === null ? null : presentPublicUser(m.author),
    body: deleted ? '' : m.body,
    createdAt: m.createdAt.toISOString(),
    editedAt: isoOrNull(m.editedAt),
    deletedAt: isoOrNull(m.deletedAt),
    replyTo: m.replyTo === null ? null : presentReplyTo(m.replyTo),
    mentions: deleted
      ? { userIds: [], everyone: false, here: false }
      : { userIds: [...m.mentions.userIds], everyone: m.mentions.everyone, here: m.mentions.here },
    reactions: deleted
      ? []
      : m.reactions.map((r) => ({ emoji: r.emoji, count: r.count, userIds: [...r.userIds] })),
    changeSeq: m.changeSeq,
    attachments: deleted ? [] : m.attachments.map(presentAttachment),
  };
};

export const presentMessageEdit = (e: MessageEditRecord): MessageEdit => ({
  body: e.body,
  editedAt: e.editedAt.toISOString(),
});

export const presentHistory = (page: HistoryPage): HistoryReply => ({
  messages: page.messages.map(presentMessage),
  hasOlder: page.hasOlder,
  hasNewer: page.hasNewer,
  lastChange: page.lastChange,
});
