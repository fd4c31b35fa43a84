// The seam between the services and the realtime gateway. Services call a Notifier only after their
// transaction has committed, so nothing is pushed that a reader could not also load. It carries domain
// records; the socket notifier presents them with the same presenters as the REST replies.
import type { MemberRecord } from '../members/members.repository.js';
import type { MessageRecord, ReactionRecord } from '../messages/messages.repository.js';
import type { PartyRecord } from '../parties/parties.repository.js';
import type { TopicRecord } from '../topics/topics.repository.js';
import type { TypingNotice } from '../typing/typing.service.js';

export interface Notifier {
  messageCreated(message: MessageRecord): void;
  messageUpdated(message: MessageRecord): void;
  messageDeleted(deleted: {
    id: string;
    topicId: string;
    partyId: string;
    seq: number;
    changeSeq: number;
  }): void;
  /** A message's reactions as they are after a change, to its party. */
  reactionsChanged(change: ReactionsChange): void;
  topicCreated(topic: TopicRecord): void;
  topicUpdated(topic: TopicRecord): void;
  topicDeleted(deleted: { id: string; partyId: string }): void;
  /** A party's name/owner/member count changed (no per-viewer role). */
  partyUpdated(party: PartyRecord): void;
  partyDeleted(deleted: { id: string }): void;
  /** Also lets the realtime side join the new member's sockets to the party room. */
  memberJoined(member: MemberRecord): void;
  memberUpdated(member: MemberRecord): void;
  /** The realtime side also makes that user's sockets leave the party room. */
  memberLeft(left: { partyId: string; userId: string }): void;
  /** To the user's other devices. */
  readUpdated(userId: string, read: { topicId: string; seq: number }): void;
  /** To the party, except the typist's own sockets. */
  typing(notice: TypingNotice): void;
  /** To the user's own sockets: one of their notification settings changed. */
  notificationSettingUpdated(userId: string, setting: NotificationSettingChange): void;
}

export interface ReactionsChange {
  partyId: string;
  topicId: string;
  messageId: string;
  reactions: ReactionRecord[];
  changeSeq: number;
}

export interface NotificationSettingChange {
  partyId: string;
  /** null: the party's own level. */
  topicId: string | null;
  level: 'all' | 'mentions' | 'none' | 'inherit';
}

const noop = (): void => undefined;

export const noopNotifier: Notifier = {
  messageCreated: noop,
  messageUpdated: noop,
  messageDeleted: noop,
  topicCreated: noop,
  topicUpdated: noop,
  topicDeleted: noop,
  partyUpdated: noop,
  partyDeleted: noop,
  memberJoined: noop,
  memberUpdated: noop,
  memberLeft: noop,
  readUpdated: noop,
  typing: noop,
  reactionsChanged: noop,
  notificationSettingUpdated: noop,
};

/** One push to make after commit. */
export type Push = (notifier: Notifier) => void;

/** Runs pushes after commit; what the services are given instead of the bare notifier. */
export type Notify = (pushes: Push[]) => void;

/** A failing push is reported, never thrown: it must not fail a change that is already committed. */
export function createNotify(
  notifier: Notifier,
  onError: (error: unknown) => void = () => undefined,
): Notify {
  return (pushes) => {
    for (const push of pushes) {
      try {
        push(notifier);
      } catch (error) {
        onError(error);
      }
    }
  };
}
