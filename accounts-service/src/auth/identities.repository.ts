// Links between provider accounts and users (see identities.model.ts for why `_id` is the link itself).
import { isDuplicateKey } from '../db/duplicate-key.js';
import type { IdentityDoc, IdentityModel } from './identities.model.js';

export function createIdentityRepository(identities: IdentityModel) {
  const key = (provider: string, providerUserId: string) => `${provider}:${providerUserId}`;
  return {
    async findUserId(provider: string, providerUserId: string): Promise<string | null> {
      const doc = await identities.findOne({ _id: key(provider, providerUserId) }).lean<IdentityDoc>();
      return doc?.userId ?? null;
    },

    /** Links the account to `userId` unless it is already linked; returns the user it belongs to. */
    async claim(provider: string, providerUserId: string, userId: string, now: Date): Promise<string> {
      try {
        await identities.collection.insertOne({
          _id: key(provider, providerUserId),
          provider,
          providerUserId,
          userId,
          createdAt: now,
        } as never);
        return userId;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        return (await this.findUserId(provider, providerUserId)) ?? userId;
      }
    },

    async removeUser(userId: string): Promise<void> {
      await identities.deleteMany({ userId });
    },
  };
}

export type IdentityRepository = ReturnType<typeof createIdentityRepository>;
