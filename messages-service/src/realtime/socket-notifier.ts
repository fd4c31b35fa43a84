// The Notifier the services call after commit: each change goes to the `party:<id>` room, on every
// instance through the Redis adapter, presented with the same presenters as the REST replies. Membership
// changes also move the user's sockets in or out of the room, on every instance, before anything else is
// sent to it.
import { presentMemberEvent } from '../members/members.presenter.js';
import { presentMessage } from '../messages/messages.presenter.js';
import { presentNotificationSettingEvent } from '../notifications/notifications.presenter.js';
import { presentReactionsEvent } from '../reactions/reactions.presenter.js';
import { presentPartySummary } from '../parties/parties.presenter.js';
import type { Notifier } from '../shared/notifier.js';
import { presentTopic } from '../topics/topics.presenter.js';
import { presentTyping } from '../typing/typing.presenter.js';
import { currentOriginSocket } from './origin.js';
import { type RealtimeServer, partyRoom, userRoom } from './types.js';

interface SocketNotifierHooks {
  /** A user joined a party: tell its members whether they are online. */
  memberJoined?: (partyId: string, userId: string) => void;
}

export function createSocketNotifier(io: RealtimeServer, hooks: SocketNotifierHooks = {}): Notifier {
  const toParty = (partyId: string) => io.to(partyRoom(partyId));
  return {
    messageCreated: (message) => toParty(message.partyId).emit('message:created', presentMessage(message)),
    messageUpdated: (message) => toParty(message.partyId).emit('message:updated', presentMessage(message)),
    messageDeleted: (deleted) => toParty(deleted.partyId).emit('message:deleted', deleted),
    topicCreated: (topic) => toParty(topic.partyId).emit('topic:created', presentTopic(topic)),
    topicUpdated: (topic) => toParty(topic.partyId).emit('topic:updated', presentTopic(topic)),
    topicDeleted: (deleted) => toParty(deleted.partyId).emit('topic:deleted', deleted),
    partyUpdated: (party) => toParty(party.id).emit('party:updated', presentPartySummary(party)),
    partyDeleted: (deleted) => {
      toParty(deleted.id).emit('party:deleted', deleted);
      io.in(partyRoom(deleted.id)).socketsLeave(partyRoom(deleted.id));
    },
    memberJoined: (member) => {
      io.in(userRoom(member.userId)).socketsJoin(partyRoom(member.partyId));
      toParty(member.partyId).emit('member:joined', presentMemberEvent(member));
      hooks.memberJoined?.(member.partyId, member.userId);
    },
    memberUpdated: (member) => toParty(member.partyId).emit('member:updated', presentMemberEvent(member)),
    memberLeft: (left) => {
      // Leave first: from here on the removed user's sockets receive nothing more from the party,
      // except this notice, which goes to them directly.
      io.in(userRoom(left.userId)).socketsLeave(partyRoom(left.partyId));
      toParty(left.partyId).emit('member:left', left);
      io.to(userRoom(left.userId)).emit('member:left', left);
    },
    readUpdated: (userId, read) => {
      const origin = currentOriginSocket();
      const toUser = io.to(userRoom(userId));
      (origin === undefined ? toUser : toUser.except(origin)).emit('read:updated', read);
    },
    typing: (notice) =>
      toParty(notice.partyId).except(userRoom(notice.userId)).emit('typing', presentTyping(notice)),
    reactionsChanged: (change) =>
      toParty(change.partyId).emit('message:reactions', presentReactionsEvent(change)),
    notificationSettingUpdated: (userId, setting) =>
      io.to(userRoom(userId)).emit('notify:updated', presentNotificationSettingEvent(setting)),
  };
}
