import type { Reaction } from '@partyline/contracts';
import { REACTION_USERS_SHOWN } from '@partyline/contracts/limits';

/** Whether I reacted with this emoji (as far as the listed reactors tell; see `mine` in the ack). */
export const reactedByMe = (reaction: Reaction, meId: string | undefined): boolean =>
  !!meId && reaction.userIds.includes(meId);

/**
 * The reactions after I add or remove one emoji, as the server will have them: the optimistic copy shown
 * until the ack (or the broadcast) brings the real one. Adding twice or removing what is not there changes
 * nothing, as on the server.
 */
export function toggledReactions(
  reactions: Reaction[],
  emoji: string,
  meId: string,
  add: boolean,
): Reaction[] {
  const at = reactions.findIndex((r) => r.emoji === emoji);
  const current = reactions[at];
  if (add) {
    if (current && current.userIds.includes(meId)) return reactions;
    if (!current) return [...reactions, { emoji, count: 1, userIds: [meId] }];
    const userIds =
      current.userIds.length < REACTION_USERS_SHOWN ? [...current.userIds, meId] : current.userIds;
    return reactions.map((r, i) => (i === at ? { ...r, count: r.count + 1, userIds } : r));
  }
  if (!current || !current.userIds.includes(meId)) return reactions;
  if (current.count <= 1) return reactions.filter((_, i) => i !== at);
  return reactions.map((r, i) =>
    i === at ? { ...r, count: r.count - 1, userIds: r.userIds.filter((u) => u !== meId) } : r,
  );
}

/** "Alice, Bob and 3 others reacted with 🎉": the chip's tooltip and accessible description. */
export function whoReacted(reaction: Reaction, nameOf: (userId: string) => string, meId?: string): string {
  const names = reaction.userIds.map((id) => (id === meId ? 'You' : nameOf(id)));
  const others = reaction.count - names.length;
  const listed =
    others > 0
      ? `${names.join(', ')} and ${others} other${others === 1 ? '' : 's'}`
      : names.length > 1
        ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
        : (names[0] ?? 'Nobody');
  return `${listed} reacted with ${reaction.emoji}`;
}
