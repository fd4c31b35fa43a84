// Dev sign-in: the user with this username, created on first use. Only wired when DEV_SIGNIN=true.
import { randomUUID } from 'node:crypto';

import { AppError } from '@partyline/contracts';

import type { RequestContext } from '../users/user-events.js';
import type { User, UserRepository } from '../users/user.repository.js';
import type { UserService } from '../users/user.service.js';

export function createDevSignInService(deps: { users: UserRepository; userService: UserService }) {
  return {
    async signIn(username: string, ctx: RequestContext): Promise<User> {
      const existing = await deps.users.findByUsername(username);
      if (existing) return existing;
      try {
        return await deps.userService.register(
          { id: randomUUID(), username, displayName: username, avatarUrl: null, verifiedEmails: [] },
          ctx,
        );
      } catch (err) {
        // Two first sign-ins with the same name at once: the other one created it.
        if (err instanceof AppError && err.code === 'USER.USERNAME_TAKEN') {
          const raced = await deps.users.findByUsername(username);
          if (raced) return raced;
        }
        throw err;
      }
    },
  };
}

export type DevSignInService = ReturnType<typeof createDevSignInService>;
