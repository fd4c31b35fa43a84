// Profiles: read, update (each change published through the outbox), delete (a tombstone). Returns domain
// objects; the routes present them.
import { AppError } from '@partyline/contracts';
import type { Membership, UpdateMeBody } from '@partyline/contracts';

import type { IdentityRepository } from '../auth/identities.repository.js';
import type { MembershipRepository } from '../memberships/memberships.repository.js';
import type { SessionRepository } from '../sessions/sessions.repository.js';
import { userDeleted, userRegistered, userUpdated } from './user-events.js';
import type { RequestContext } from './user-events.js';
import type { ProfilePatch, User, UserRepository } from './users.repository.js';

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
  now?: () => Date;
}

const MAX_ATTEMPTS = 5;
const notFound = () => AppError.notFound('USER.NOT_FOUND', 'No such user');

export function createUserService(deps: UserServiceDeps) {
  const { users, memberships, now = () => new Date() } = deps;

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
    register(fields: Omit<User, 'version' | 'createdAt' | 'updatedAt'>, ctx: RequestContext): Promise<User> {
      return users.create(fields, now(), userRegistered(ctx));
    },

    async updateMe(userId: string, body: UpdateMeBody, ctx: RequestContext): Promise<OwnProfile> {
      const user = await change(userId, async (current) => {
        const patch: ProfilePatch = {};
        if (body.displayName !== undefined && body.displayName !== current.displayName)
          patch.displayName = body.displayName;
        if (body.username !== undefined && body.username !== current.username) patch.username = body.username;
        if (body.avatarUrl !== undefined && body.avatarUrl !== current.avatarUrl)
          patch.avatarUrl = body.avatarUrl;
        if (Object.keys(patch).length === 0) return current; // nothing changed: no event
        return users.update(current, patch, now(), userUpdated(ctx));
      });
      return withMemberships(user);
    },

    /**
     * Deletes the account: the user becomes a tombstone whose outbox carries UserDeleted; sign-in links,
     * sessions and the membership copy go with it.
     */
    async deleteMe(userId: string, ctx: RequestContext): Promise<void> {
      await change(userId, async (current) =>
        (await users.markDeleted(current, now(), userDeleted(ctx, current))) ? true : null,
      );
      await deps.sessions.revokeAllOfUser(userId, now());
      await deps.identities.removeUser(userId);
      await memberships.removeUser(userId);
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
