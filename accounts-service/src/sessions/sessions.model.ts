// Refresh tokens. `_id` is the sha256 of the token; the token itself is never stored.
import mongoose from 'mongoose';
import type { Connection, Model } from 'mongoose';

const { Schema } = mongoose;

export interface SessionDoc {
  _id: string;
  familyId: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

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

export type SessionModel = Model<SessionDoc>;

export const createSessionModel = (connection: Connection): SessionModel =>
  connection.model<SessionDoc>('Session', sessionSchema);
