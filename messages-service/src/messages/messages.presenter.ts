// Allow-list presenters of messages: REST replies, acks and socket pushes alike.
import type { HistoryReply, Message, MessageEdit } from '@partyline/contracts';

import { presentPublicUser } from '../users/users.presenter.js';
import type { MessageEditRecord, MessageRecord } from './messages.repository.js';
import type { HistoryPage } from './messages.service.js';

const isoOrNull = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export const presentMessage = (m: MessageRecord): Message => ({
  id: m.id,
  topicId: m.topicId,
  partyId: m.partyId,
  seq: m.seq,
  nonce: m.nonce,
  author: m.author === null ? null : presentPublicUser(m.author),
  body: m.deletedAt === null ? m.body : '',
  createdAt: m.createdAt.toISOString(),
  editedAt: isoOrNull(m.editedAt),
  deletedAt: isoOrNull(m.deletedAt),
});

export const presentMessageEdit = (e: MessageEditRecord): MessageEdit => ({
  body: e.body,
  editedAt: e.editedAt.toISOString(),
});

export const presentHistory = (page: HistoryPage): HistoryReply => ({
  messages: page.messages.map(presentMessage),
  hasOlder: page.hasOlder,
  hasNewer: page.hasNewer,
});
