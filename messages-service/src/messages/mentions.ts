// What a message body mentions, as stored: the syntax comes from the contracts (parseMentions); this keeps
// the `<@id>` mentions of current members only, allows `@everyone` / `@here` for admin+ only, and resolves
// who an `@here` reaches (the members online now), so that mention counts derive from stored data alone.
import { AppError, parseMentions, type Role } from '@partyline/contracts';

import type { MembersRepository } from '../members/members.repository.js';
import type { OnlineUsers } from '../shared/online-users.js';
import { isAtLeast } from '../shared/roles.js';
import { NO_MENTIONS, type StoredMentions } from './messages.repository.js';

export interface MentionContext {
  members: Pick<MembersRepository, 'filterMembers' | 'listUserIds'>;
  presence: OnlineUsers;
}

export const mentionForbidden = () =>
  AppError.forbidden('MESSAGE.MENTION_FORBIDDEN', 'Only admins and the owner can mention @everyone or @here');

/** Whether the body needs any lookup (most messages mention nobody and skip all of this). */
export const mentionsAnything = (body: string): boolean => {
  const parsed = parseMentions(body);
  return parsed.userIds.length > 0 || parsed.everyone || parsed.here;
};

/**
 * The mentions to store for `body`, sent by `authorId` with `role` in `partyId`. `previous` (an edit): an
 * `@everyone` / `@here` the message already had may stay whatever the role, and a kept `@here` keeps the
 * people it reached when it was sent. Throws 403 MESSAGE.MENTION_FORBIDDEN for a member adding one.
 */
export async function resolveMentions(
  ctx: MentionContext,
  input: { partyId: string; authorId: string; role: Role; body: string; previous?: StoredMentions },
): Promise<StoredMentions> {
  const parsed = parseMentions(input.body);
  const previous = input.previous ?? NO_MENTIONS;
  const admin = isAtLeast(input.role, 'admin');
  if ((parsed.everyone && !previous.everyone && !admin) || (parsed.here && !previous.here && !admin)) {
    throw mentionForbidden();
  }
  const userIds = await ctx.members.filterMembers(input.partyId, parsed.userIds);
  let hereUserIds: string[] = [];
  if (parsed.here) {
    hereUserIds = previous.here
      ? previous.hereUserIds
      : (await ctx.presence.online(await ctx.members.listUserIds(input.partyId))).filter(
          (id) => id !== input.authorId,
        );
  }
  return { userIds, everyone: parsed.everyone, here: parsed.here, hereUserIds };
}
