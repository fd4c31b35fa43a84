// The membership copy fed by `messages.party-events`: one document per (party, user), plus the last
// applied version of each party, the guard that makes the projection idempotent.
import mongoose from 'mongoose';
import type { Connection, Model } from 'mongoose';

const { Schema } = mongoose;

export interface MembershipDoc {
  _id: string;
  userId: string;
  partyId: string;
  partyName: string;
  role: 'owner' | 'admin' | 'member';
}

export interface PartyVersionDoc {
  _id: string;
  version: number;
  name: string;
  deleted: boolean;
}

const membershipSchema = new Schema<MembershipDoc>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    partyId: { type: String, required: true },
    partyName: { type: String, required: true },
    role: { type: String, required: true },
  },
  { collection: 'memberships', versionKey: false, autoIndex: false },
);
membershipSchema.index({ userId: 1 });
membershipSchema.index({ partyId: 1 });

const partyVersionSchema = new Schema<PartyVersionDoc>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    name: { type: String, default: '' },
    deleted: { type: Boolean, default: false },
  },
  { collection: 'party_versions', versionKey: false, autoIndex: false },
);

export interface MembershipModels {
  memberships: Model<MembershipDoc>;
  partyVersions: Model<PartyVersionDoc>;
}

export const createMembershipModels = (connection: Connection): MembershipModels => ({
  memberships: connection.model<MembershipDoc>('Membership', membershipSchema),
  partyVersions: connection.model<PartyVersionDoc>('PartyVersion', partyVersionSchema),
});
