// Refresh tokens. `_id` is the sha256 of the token; the token itself is never stored.
import mongoose from 'mongoose';
import type { Connection, Model } from 'mongoose';

const { Schema } = mongoose;

export interface SessionDoc {
  _id: string;
  familyId: string;
  userId: string;
  /** The hash of the token this one was rotated from; null for the first token of a sign-in. */
  parentHash: string | null;
  /** Keys the derivation of this token's successor (refresh-token.ts). Absent on tokens issued before it. */
  seed?: string | null;
  createdAt: Date;
  expiresAt: Date;
  /** Set only by the rotation scheme before successors were derived; such a token can never rotate again. */
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

const sessionSchema = new Schema<SessionDoc>(
  {
    _id: { type: String, required: true },
    familyId: { type: String, required: true },
    userId: { type: String, required: true },
    parentHash: { type: String, default: null },
    seed: { type: String, default: null },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    rotatedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'sessions', versionKey: false, autoIndex: false },
);
sessionSchema.index({ familyId: 1 });
sessionSchema.index({ userId: 1 });

export type SessionModel = Model<SessionDoc>;

export const createSessionModel = (connection: Connection): SessionModel =>
  connection.model<SessionDoc>('Session', sessionSchema);
