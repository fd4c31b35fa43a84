// Dev sign-in: a session for the user with this username, created on first use. Only reachable when
// DEV_SIGNIN=true.
import { randomUUID } from 'node:crypto';

import { AppError } from '@partyline/contracts';

import type { IssuedSession, SessionIssuer } from '../sessions/session-issuer.js';
import type { RequestContext } from '../users/user-events.js';
import type { User, UserRepository } from '../users/users.repository.js';
import type { UserService } from '../users/users.service.js';

interface DevSignInDeps {
  users: UserRepository;
  userService: UserService;
  issuer: SessionIssuer;
}

export function createDevSignInService(deps: DevSignInDeps) {
  async function findOrRegister(username: string, ctx: RequestContext): Promise<User> {
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
  }

  return {
    async signIn(username: string, ctx: RequestContext): Promise<IssuedSession> {
      const user = await findOrRegister(username, ctx);
      return deps.issuer.signIn(user.id);
    },
  };
}

export type DevSignInService = ReturnType<typeof createDevSignInService>;
