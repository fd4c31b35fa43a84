// Issues what a signed-in browser holds: a fresh access token plus the user's profile, and the refresh
// token (which goes only into the cookie). The routes present it as a `Session`.
import type { AccessTokenSigner } from '@partyline/auth';

import type { OwnProfile, UserService } from '../users/users.service.js';
import type { SessionService } from './sessions.service.js';

export interface IssuedSession {
  profile: OwnProfile;
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
}

export function createSessionIssuer(deps: {
  signer: AccessTokenSigner;
  sessions: SessionService;
  users: UserService;
}) {
  async function issue(userId: string, refreshToken: string): Promise<IssuedSession> {
    const profile = await deps.users.getMe(userId);
    const { token, expiresIn } = deps.signer.sign({ sub: profile.user.id, username: profile.user.username });
    return { profile, accessToken: token, expiresIn, refreshToken };
  }

  return {
    /** A new session family for a sign-in. */
    async signIn(userId: string): Promise<IssuedSession> {
      return issue(userId, await deps.sessions.start(userId));
    },
    /** The next session of a family (rotates the refresh token). */
    async refresh(presentedToken: unknown): Promise<IssuedSession> {
      const { userId, refreshToken } = await deps.sessions.rotate(presentedToken);
      return issue(userId, refreshToken);
    },
  };
}

export type SessionIssuer = ReturnType<typeof createSessionIssuer>;
