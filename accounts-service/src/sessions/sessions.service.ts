// Refresh-token sessions: start on sign-in, rotate on every refresh, revoke the whole family on reuse.
import { randomUUID } from 'node:crypto';

import { AppError } from '@partyline/contracts';

import { hashRefreshToken, looksLikeRefreshToken, newRefreshToken } from './refresh-token.js';
import type { SessionRepository } from './sessions.repository.js';

interface SessionServiceDeps {
  repo: SessionRepository;
  refreshTtlDays: number;
  now?: () => Date;
}

const invalid = () => new AppError('AUTH.REFRESH_INVALID', 'Please sign in again');

export function createSessionService({ repo, refreshTtlDays, now = () => new Date() }: SessionServiceDeps) {
  const ttlMs = refreshTtlDays * 24 * 60 * 60 * 1000;

  async function issue(userId: string, familyId: string, at: Date): Promise<string> {
    const token = newRefreshToken();
    await repo.insert({
      hash: hashRefreshToken(token),
      familyId,
      userId,
      now: at,
      expiresAt: new Date(at.getTime() + ttlMs),
    });
    return token;
  }

  return {
    /** A new family for a fresh sign-in; returns the refresh token for the cookie. */
    start(userId: string): Promise<string> {
      return issue(userId, randomUUID(), now());
    },

    /**
     * Exchanges a refresh token for its successor. A token that was already rotated (a replay, or the loser
     * of two concurrent refreshes) revokes its whole family: nobody can tell the thief from the owner.
     */
    async rotate(token: unknown): Promise<{ userId: string; refreshToken: string }> {
      if (!looksLikeRefreshToken(token)) throw invalid();
      const at = now();
      const session = await repo.findByHash(hashRefreshToken(token));
      if (!session || session.revokedAt) throw invalid();
      if (session.expiresAt <= at) throw invalid();
      const claimed = session.rotatedAt === null && (await repo.claimForRotation(session.hash, at));
      if (!claimed) {
        await repo.revokeFamily(session.familyId, at);
        throw new AppError('AUTH.REFRESH_REUSED', 'This session was used twice and has been ended');
      }
      return { userId: session.userId, refreshToken: await issue(session.userId, session.familyId, at) };
    },

    /** Ends the family of the presented token; unknown tokens are ignored (logout always succeeds). */
    async logout(token: unknown): Promise<void> {
      if (!looksLikeRefreshToken(token)) return;
      const session = await repo.findByHash(hashRefreshToken(token));
      if (session) await repo.revokeFamily(session.familyId, now());
    },

    logoutAll(userId: string): Promise<void> {
      return repo.revokeAllOfUser(userId, now());
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
