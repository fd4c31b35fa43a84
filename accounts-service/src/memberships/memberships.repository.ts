// The copy of party memberships fed by `messages.party-events`, and the per-party version guard.
import type { Membership, Role } from '@partyline/contracts';

import type { MembershipDoc, MembershipModels, PartyVersionDoc } from './memberships.model.js';

const membershipId = (partyId: string, userId: string) => `${partyId}:${userId}`;

export function createMembershipRepository({ memberships, partyVersions }: MembershipModels) {
  return {
    async listForUser(userId: string): Promise<Membership[]> {
      const docs = await memberships
        .find({ userId })
        .sort({ partyName: 1, partyId: 1 })
        .lean<MembershipDoc[]>();
      return docs.map((d) => ({ partyId: d.partyId, partyName: d.partyName, role: d.role }));
    },

    async partyVersion(partyId: string): Promise<PartyVersionDoc | null> {
      return partyVersions.findOne({ _id: partyId }).lean<PartyVersionDoc>();
    },

    /** Records that every event of the party up to `version` is applied (after its effect is stored). */
    async advanceParty(partyId: string, version: number, patch: { name?: string; deleted?: boolean }) {
      await partyVersions.updateOne({ _id: partyId }, { $set: { version, ...patch } }, { upsert: true });
    },

    async upsert(m: { partyId: string; userId: string; partyName: string; role: Role }) {
      await memberships.updateOne(
        { _id: membershipId(m.partyId, m.userId) },
        { $set: { userId: m.userId, partyId: m.partyId, partyName: m.partyName, role: m.role } },
        { upsert: true },
      );
    },

    async setRole(partyId: string, userId: string, role: Role) {
      await memberships.updateOne({ _id: membershipId(partyId, userId) }, { $set: { role } });
    },

    async renameParty(partyId: string, partyName: string) {
      await memberships.updateMany({ partyId }, { $set: { partyName } });
    },

    async remove(partyId: string, userId: string) {
      await memberships.deleteOne({ _id: membershipId(partyId, userId) });
    },

    async removeParty(partyId: string) {
      await memberships.deleteMany({ partyId });
    },

    async removeUser(userId: string) {
      await memberships.deleteMany({ userId });
    },
  };
}

export type MembershipRepository = ReturnType<typeof createMembershipRepository>;
