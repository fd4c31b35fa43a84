// Keeps the membership copy in step with `messages.party-events`. Each party's events are applied in
// version order: one already applied (a redelivery or a replay of the topic) is skipped, and the party's
// version is advanced only after the effect is stored, so a crash in between re-applies an idempotent
// effect instead of losing it.
import type { PartyEvent } from '@partyline/contracts';
import type { EventHandlers } from '@partyline/events';

import type { MembershipRepository } from './membership.repository.js';

type PartyPatch = { name?: string; deleted?: boolean };
type Apply<E> = (event: E) => Promise<PartyPatch | void>;

export function partyEventHandlers(repo: MembershipRepository): EventHandlers<PartyEvent> {
  const guarded =
    <E extends PartyEvent>(apply: Apply<E>) =>
    async (event: E): Promise<void> => {
      const partyId = event.data.partyId;
      const seen = await repo.partyVersion(partyId);
      if (seen && seen.version >= event.aggregateVersion) return;
      const patch = (await apply(event)) ?? {};
      await repo.advanceParty(partyId, event.aggregateVersion, patch);
    };
  const nothingToApply = guarded(async () => undefined);

  return {
    PartyCreated: guarded(async ({ data }) => {
      await repo.upsert({ partyId: data.partyId, userId: data.ownerId, partyName: data.name, role: 'owner' });
      return { name: data.name };
    }),
    PartyUpdated: guarded(async ({ data }) => {
      await repo.renameParty(data.partyId, data.name);
      return { name: data.name };
    }),
    PartyDeleted: guarded(async ({ data }) => {
      await repo.removeParty(data.partyId);
      return { deleted: true };
    }),
    MemberJoined: guarded(async ({ data }) => {
      await repo.upsert({
        partyId: data.partyId,
        userId: data.userId,
        partyName: data.partyName,
        role: data.role,
      });
    }),
    MemberLeft: guarded(async ({ data }) => {
      await repo.remove(data.partyId, data.userId);
    }),
    MemberRoleChanged: guarded(async ({ data }) => {
      await repo.setRole(data.partyId, data.userId, data.role);
    }),
    TopicCreated: nothingToApply,
    TopicUpdated: nothingToApply,
    TopicDeleted: nothingToApply,
  };
}
