// Profiles: read, update (each change published through the outbox), delete (a tombstone). Returns domain
// objects; the routes present them.
import { AppError } from '@partyline/contracts';
import type { Membership, UpdateMeBody } from '@partyline/contracts';

import type { IdentityRepository } from '../auth/identities.repository.js';
import type { MembershipRepository } from '../memberships/memberships.repository.js';
import type { SessionRepository } from '../sessions/sessions.repository.js';
import { userDeleted, userRegistered, userUpdated } from './user-events.js';
import type { RequestContext } from './user-events.js';
import type { NewUser, ProfilePatch, User, UserRepository } from './users.repository.js';

/** The signed-in user as they see themselves: their profile and the parties they belong to. */
export interface OwnProfile {
  user: User;
  memberships: Membership[];
}

interface UserServiceDeps {
  users: UserRepository;
  memberships: MembershipRepository;
  sessions: SessionRepository;
  identities: IdentityRepository;
  /** Deletes an avatar object the profile no longer points to (best effort: a failure leaves an orphan). */
  discardAvatar?: (key: string) => Promise<void>;
  now?: () => Date;
}

const MAX_ATTEMPTS = 5;
const notFound = () => AppError.notFound('USER.NOT_FOUND', 'No such user');

export function createUserService(deps: UserServiceDeps) {
  const { users, memberships, now = () => new Date() } = deps;
  const discard = async (key: string | null) => {
    if (key !== null) await deps.discardAvatar?.(key);
  };

  async function mustFind(userId: string): Promise<User> {
    const user = await users.findById(userId);
    if (!user) throw notFound();
    return user;
  }

  /** Re-reads and retries when another writer bumped the version between our read and our update. */
  async function change<T>(userId: string, attempt: (current: User) => Promise<T | null>): Promise<T> {
    for (let i = 0; i < MAX_ATTEMPTS; i += 1) {
      const result = await attempt(await mustFind(userId));
      if (result !== null) return result;
    }
    throw AppError.conflict('CONFLICT', 'The profile changed while saving; try again');
  }

  const withMemberships = async (user: User): Promise<OwnProfile> => ({
    user,
    memberships: await memberships.listForUser(user.id),
  });

  return {
    async getMe(userId: string): Promise<OwnProfile> {
      return withMemberships(await mustFind(userId));
    },

    getPublic(userId: string): Promise<User> {
      return mustFind(userId);
    },

    /** Creates a user and queues its UserRegistered event in the same insert. */
    register(fields: NewUser, ctx: RequestContext): Promise<User> {
      return users.create(fields, now(), userRegistered(ctx));
    },

    async updateMe(userId: string, body: UpdateMeBody, ctx: RequestContext): Promise<OwnProfile> {
      let replacedKey: string | null = null;
      const user = await change(userId, async (current) => {
        const patch: ProfilePatch = {};
        if (body.displayName !== undefined && body.displayName !== current.displayName)
          patch.displayName = body.displayName;
        if (body.username !== undefined && body.username !== current.username) patch.username = body.username;
        if (body.avatarUrl !== undefined && body.avatarUrl !== current.avatarUrl) {
          // Another URL (or none) replaces an avatar the service stored: its object goes.
          patch.avatarUrl = body.avatarUrl;
          patch.avatarKey = null;
        }
        if (Object.keys(patch).length === 0) return current; // nothing changed: no event
        replacedKey = patch.avatarUrl !== undefined ? current.avatarKey : null;
        return users.update(current, patch, now(), userUpdated(ctx));
      });
      await discard(replacedKey);
      return withMemberships(user);
    },

    /**
     * Points the profile at an avatar the service stored (or at none), publishing UserUpdated; the object of
     * the avatar it replaces is deleted. Returns the new profile; a profile already at `next` is unchanged.
     */
    async setStoredAvatar(
      userId: string,
      next: { avatarUrl: string; avatarKey: string } | null,
      ctx: RequestContext,
    ): Promise<OwnProfile> {
      let replacedKey: string | null = null;
      const user = await change(userId, async (current) => {
        if (
          (next?.avatarKey ?? null) === current.avatarKey &&
          (next?.avatarUrl ?? null) === current.avatarUrl
        )
          return current;
        replacedKey = current.avatarKey;
        const patch: ProfilePatch = next ?? { avatarUrl: null, avatarKey: null };
        return users.update(current, patch, now(), userUpdated(ctx));
      });
      await discard(replacedKey);
      return withMemberships(user);
    },

    /**
     * Deletes the account: the user becomes a tombstone whose outbox carries UserDeleted; sign-in links,
     * sessions and the membership copy go with it.
     */
    async deleteMe(userId: string, ctx: RequestContext): Promise<void> {
      const avatarKey = await change(userId, async (current) =>
        (await users.markDeleted(current, now(), userDeleted(ctx, current)))
          ? { key: current.avatarKey }
          : null,
      );
      await discard(avatarKey.key);
      await deps.sessions.revokeAllOfUser(userId, now());
      await deps.identities.removeUser(userId);
      await memberships.removeUser(userId);
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
