// Links between provider accounts and users. `_id` is `<provider>:<provider user id>`, so the database
// itself guarantees that a provider account belongs to one user only.
import mongoose from 'mongoose';
import type { Connection, Model } from 'mongoose';

const { Schema } = mongoose;

export interface IdentityDoc {
  _id: string;
  provider: string;
  providerUserId: string;
  userId: string;
  createdAt: Date;
}

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

export type IdentityModel = Model<IdentityDoc>;

export const createIdentityModel = (connection: Connection): IdentityModel =>
  connection.model<IdentityDoc>('Identity', identitySchema);
