// The seam between the domain services and the realtime gateway. Services call a Notifier only after
// their transaction has committed, so nothing is pushed that a reader could not also load.
import type { Member, Message, MessageDeleted, PartySummary, Topic } from '@partyline/contracts';

export interface Notifier {
  messageCreated(message: Message): void;
  messageUpdated(message: Message): void;
  messageDeleted(deleted: MessageDeleted): void;
  topicCreated(topic: Topic): void;
  topicUpdated(topic: Topic): void;
  topicDeleted(deleted: { id: string; partyId: string }): void;
  /** A party's name/owner/member count changed (no per-viewer role). */
  partyUpdated(party: PartySummary): void;
  partyDeleted(deleted: { id: string }): void;
  /** Also lets the realtime side join the new member's sockets to the party room. */
  memberJoined(member: Member & { partyId: string }): void;
  memberUpdated(member: Member & { partyId: string }): void;
  /** The realtime side also makes that user's sockets leave the party room. */
  memberLeft(left: { partyId: string; userId: string }): void;
  /** To the user's other devices. */
  readUpdated(userId: string, read: { topicId: string; seq: number }): void;
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
};

/**
 * A notifier whose target is set later: the services are built before the realtime gateway (which needs
 * them for its handlers) and the gateway's notifier is plugged in once it exists.
 */
export function createForwardingNotifier(): { notifier: Notifier; setTarget(target: Notifier): void } {
  let target: Notifier = noopNotifier;
  const notifier = Object.fromEntries(
    (Object.keys(noopNotifier) as (keyof Notifier)[]).map((name) => [
      name,
      (...args: unknown[]) => (target[name] as (...a: unknown[]) => void)(...args),
    ]),
  ) as unknown as Notifier;
  return { notifier, setTarget: (next) => (target = next) };
}
