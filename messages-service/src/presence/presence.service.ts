// Who of a party's members is online right now (every instance counts). Members only.
import type { MembersRepository } from '../members/members.repository.js';
import { requireMember } from '../members/membership.js';
import type { Actor } from '../shared/actor.js';
import type { OnlineUsers } from '../shared/online-users.js';
import type { RateLimit } from '../shared/rate-limit.js';

interface PresenceServiceDeps {
  members: Pick<MembersRepository, 'findRole' | 'list'>;
  presence: OnlineUsers;
  /** Per user, across instances: each call reads every member's presence. */
  limit: RateLimit;
}

export function createPresenceService(deps: PresenceServiceDeps) {
  return {
    async listOnline(actor: Actor, partyId: string): Promise<string[]> {
      await deps.limit(actor.id);
      await requireMember(deps.members, partyId, actor.id);
      const members = await deps.members.list(partyId);
      return deps.presence.online(members.map((member) => member.userId));
    },
  };
}

export type PresenceService = ReturnType<typeof createPresenceService>;
