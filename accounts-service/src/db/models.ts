// Mongoose schemas of the accounts store. Kept within what both MongoDB and FerretDB 1.x support: no
// transactions, TTL or text indexes, no `select: false` (FerretDB rejects findOneAndUpdate projections).
import mongoose from 'mongoose';
import type { Connection, Model } from 'mongoose';

const { Schema } = mongoose;

export interface UserDoc {
  _id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  /** Lower-cased addresses a provider marked as verified; the only ones used to link accounts. */
  verifiedEmails: string[];
  createdAt: Date;
  updatedAt: Date;
  /** Set on deletion: the document stays as a tombstone (no personal data) so the outbox can drain. */
  deletedAt: Date | null;
  /** The aggregate version: bumped by every change, carried as the event's aggregateVersion. */
  version: number;
  /** Pending events, pushed in the same single-document update as the change and pulled by the relay. */
  outbox: unknown[];
}

/** `_id` is `<provider>:<provider user id>`, so a provider account can belong to one user only. */
export interface IdentityDoc {
  _id: string;
  provider: string;
  providerUserId: string;
  userId: string;
  createdAt: Date;
}

/** A refresh token. `_id` is the sha256 of the token; the token itself is never stored. */
export interface SessionDoc {
  _id: string;
  familyId: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

export interface MembershipDoc {
  _id: string;
  userId: string;
  partyId: string;
  partyName: string;
  role: 'owner' | 'admin' | 'member';
}

/** The last applied version of each party, the guard that makes the projection idempotent. */
export interface PartyVersionDoc {
  _id: string;
  version: number;
  name: string;
  deleted: boolean;
}

const userSchema = new Schema<UserDoc>(
  {
    _id: { type: String, required: true },
    username: { type: String, required: true },
    displayName: { type: String, required: true },
    avatarUrl: { type: String, default: null },
    verifiedEmails: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    deletedAt: { type: Date, default: null },
    version: { type: Number, required: true },
    outbox: { type: [Schema.Types.Mixed], default: [] },
  },
  { collection: 'users', versionKey: false, autoIndex: false, minimize: false },
);
userSchema.index({ username: 1 }, { unique: true });
userSchema.index({ verifiedEmails: 1 });

const identitySchema = new Schema<IdentityDoc>(
  {
    _id: { type: String, required: true },
    provider: { type: String, required: true },
    providerUserId: { type: String, required: true },
    userId: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'identities', versionKey: false, autoIndex: false },
);
identitySchema.index({ userId: 1 });

const sessionSchema = new Schema<SessionDoc>(
  {
    _id: { type: String, required: true },
    familyId: { type: String, required: true },
    userId: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    rotatedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'sessions', versionKey: false, autoIndex: false },
);
sessionSchema.index({ familyId: 1 });
sessionSchema.index({ userId: 1 });

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

export interface Models {
  users: Model<UserDoc>;
  identities: Model<IdentityDoc>;
  sessions: Model<SessionDoc>;
  memberships: Model<MembershipDoc>;
  partyVersions: Model<PartyVersionDoc>;
}

/** Binds the schemas to one connection (tests run several services in one process). */
export function createModels(connection: Connection): Models {
  return {
    users: connection.model<UserDoc>('User', userSchema),
    identities: connection.model<IdentityDoc>('Identity', identitySchema),
    sessions: connection.model<SessionDoc>('Session', sessionSchema),
    memberships: connection.model<MembershipDoc>('Membership', membershipSchema),
    partyVersions: connection.model<PartyVersionDoc>('PartyVersion', partyVersionSchema),
  };
}

export async function ensureIndexes(models: Models): Promise<void> {
  for (const model of Object.values(models) as Model<unknown>[]) await model.createIndexes();
}

/**
 * A unique index refused the write. MongoDB (and FerretDB on inserts) answer code 11000; FerretDB 1.x on
 * SQLite answers an *update* that breaks a unique index with InternalError (code 1) naming the SQLite
 * constraint, so that message is recognised too.
 */
export const isDuplicateKey = (err: unknown): boolean => {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  return code === 11000 || (typeof message === 'string' && message.includes('UNIQUE constraint failed'));
};
