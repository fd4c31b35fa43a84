// Links between provider accounts and users. `_id` = `<provider>:<provider user id>`, so the database
// itself guarantees one provider account belongs to at most one user.
import { isDuplicateKey } from '../db/models.js';
import type { IdentityDoc, Models } from '../db/models.js';

export function createIdentityRepository(models: Models) {
  const { identities } = models;
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
