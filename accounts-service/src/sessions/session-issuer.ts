// Builds the `Session` reply: a fresh access token for the user plus their profile. The refresh token is
// returned separately, for the cookie.
import type { Session } from '@partyline/contracts';
import type { AccessTokenSigner } from '@partyline/auth';

import type { UserService } from '../users/user.service.js';
import type { SessionService } from './session.service.js';

export interface IssuedSession {
  session: Session;
  refreshToken: string;
}

export function createSessionIssuer(deps: {
  signer: AccessTokenSigner;
  sessions: SessionService;
  users: UserService;
}) {
  async function reply(userId: string, refreshToken: string): Promise<IssuedSession> {
    const me = await deps.users.getMe(userId);
    const { token, expiresIn } = deps.signer.sign({ sub: me.id, username: me.username });
    return { session: { accessToken: token, expiresIn, user: me }, refreshToken };
  }

  return {
    /** A new session family for a sign-in. */
    async signIn(userId: string): Promise<IssuedSession> {
      return reply(userId, await deps.sessions.start(userId));
    },
    /** The next session of a family (rotates the refresh token). */
    async refresh(presentedToken: unknown): Promise<IssuedSession> {
      const { userId, refreshToken } = await deps.sessions.rotate(presentedToken);
      return reply(userId, refreshToken);
    },
  };
}

export type SessionIssuer = ReturnType<typeof createSessionIssuer>;
