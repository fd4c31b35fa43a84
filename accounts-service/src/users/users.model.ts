// The users collection. A user document carries its own outbox (pending events), so a change and its
// event are one single-document write.
import mongoose from 'mongoose';
import type { Connection, Model } from 'mongoose';

const { Schema } = mongoose;

export interface UserDoc {
  _id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  /** The object of the avatar made by the service (avatars/<id>/<token>.webp); null for none or another URL. */
  avatarKey?: string | null;
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

const userSchema = new Schema<UserDoc>(
  {
    _id: { type: String, required: true },
    username: { type: String, required: true },
    displayName: { type: String, required: true },
    avatarUrl: { type: String, default: null },
    avatarKey: { type: String, default: null },
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

export type UserModel = Model<UserDoc>;

export const createUserModel = (connection: Connection): UserModel =>
  connection.model<UserDoc>('User', userSchema);
