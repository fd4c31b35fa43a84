// Keeps the membership copy in step with `messages.party-events`. Each party's events are applied in
// version order: one already applied (a redelivery or a replay of the topic) is skipped, and the party's
// version is advanced only after the effect is stored, so a crash in between re-applies an idempotent
// effect instead of losing it.
import type { PartyEvent } from '@partyline/contracts';

import type { MembershipRepository } from './memberships.repository.js';

type Of<T extends PartyEvent['type']> = Extract<PartyEvent, { type: T }>;
type PartyPatch = { name?: string; deleted?: boolean };
type Apply<E> = (event: E) => Promise<PartyPatch | void>;

export function createMembershipService({ repo }: { repo: MembershipRepository }) {
  const guarded =
    <E extends PartyEvent>(apply: Apply<E>) =>
    async (event: E): Promise<void> => {
      const partyId = event.data.partyId;
      const seen = await repo.partyVersion(partyId);
      if (seen && seen.version >= event.aggregateVersion) return;
      const patch = (await apply(event)) ?? {};
      await repo.advanceParty(partyId, event.aggregateVersion, patch);
    };

  return {
    partyCreated: guarded<Of<'PartyCreated'>>(async ({ data }) => {
      await repo.upsert({ partyId: data.partyId, userId: data.ownerId, partyName: data.name, role: 'owner' });
      return { name: data.name };
    }),
    partyRenamed: guarded<Of<'PartyUpdated'>>(async ({ data }) => {
      await repo.renameParty(data.partyId, data.name);
      return { name: data.name };
    }),
    partyDeleted: guarded<Of<'PartyDeleted'>>(async ({ data }) => {
      await repo.removeParty(data.partyId);
      return { deleted: true };
    }),
    memberJoined: guarded<Of<'MemberJoined'>>(async ({ data }) => {
      await repo.upsert({
        partyId: data.partyId,
        userId: data.userId,
        partyName: data.partyName,
        role: data.role,
      });
    }),
    memberLeft: guarded<Of<'MemberLeft'>>(async ({ data }) => {
      await repo.remove(data.partyId, data.userId);
    }),
    roleChanged: guarded<Of<'MemberRoleChanged'>>(async ({ data }) => {
      await repo.setRole(data.partyId, data.userId, data.role);
    }),
    /** An event that changes no membership (topics) still moves the party's version on. */
    passOver: guarded<PartyEvent>(async () => undefined),
  };
}

export type MembershipService = ReturnType<typeof createMembershipService>;
