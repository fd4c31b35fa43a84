// Refresh-token sessions: start on sign-in, rotate on every refresh, revoke the whole family on reuse.
//
// A token's successor is derived from it (successorOf), so a rotation is one write — the successor's
// insert under its own hash — and a retry of the same token meets that same successor. A retry within the
// grace window of a token that was just rotated (its successor not rotated yet) gets the successor again:
// a refresh whose reply was lost, or two tabs refreshing at once, keep the session. Any other reuse
// revokes the family.
import { randomUUID } from 'node:crypto';

import { AppError } from '@partyline/contracts';

import {
  hashRefreshToken,
  looksLikeRefreshToken,
  newRefreshToken,
  newSuccessorSeed,
  successorOf,
} from './refresh-token.js';
import type { SessionRepository, StoredSession } from './sessions.repository.js';

interface SessionServiceDeps {
  repo: SessionRepository;
  refreshTtlDays: number;
  /** How long after a rotation a retry of the rotated token still gets its successor. */
  graceSeconds: number;
  now?: () => Date;
}

const invalid = () => new AppError('AUTH.REFRESH_INVALID', 'Please sign in again');
const reused = () => new AppError('AUTH.REFRESH_REUSED', 'This session was used twice and has been ended');

export function createSessionService(deps: SessionServiceDeps) {
  const { repo, now = () => new Date() } = deps;
  const ttlMs = deps.refreshTtlDays * 24 * 60 * 60 * 1000;
  const graceMs = deps.graceSeconds * 1000;

  const seedOf = (session: StoredSession): Promise<string> =>
    session.seed !== null
      ? Promise.resolve(session.seed)
      : repo.seedFor(session.hash, newSuccessorSeed(), session.expiresAt);

  /** The successor of `token` (whose session is `session`) and its hash. */
  async function successor(token: string, session: StoredSession) {
    const next = successorOf(token, await seedOf(session));
    return { token: next, hash: hashRefreshToken(next) };
  }

  /** A retry of a rotated token is answered with its successor while that is fresh and not rotated itself. */
  async function isGraceRetry(next: { token: string; hash: string }, at: Date): Promise<boolean> {
    const existing = await repo.findByHash(next.hash);
    if (!existing) return false;
    if (existing.revokedAt) throw invalid();
    // No window at all with a grace of 0: two concurrent refreshes can read the clock in either order, so
    // the loser's `at` may even precede the winner's insert (a negative age, "within" any window).
    if (graceMs <= 0 || at.getTime() - existing.createdAt.getTime() >= graceMs) return false;
    const afterNext = await successor(next.token, existing);
    return (await repo.findByHash(afterNext.hash)) === null;
  }

  return {
    /** A new family for a fresh sign-in; returns the refresh token for the cookie. */
    async start(userId: string): Promise<string> {
      const token = newRefreshToken();
      const at = now();
      await repo.insert({
        hash: hashRefreshToken(token),
        familyId: randomUUID(),
        userId,
        parentHash: null,
        seed: newSuccessorSeed(),
        now: at,
        expiresAt: new Date(at.getTime() + ttlMs),
      });
      return token;
    },

    /**
     * Exchanges a refresh token for its successor. A token rotated before — a replay, or a retry after the
     * grace window — revokes its whole family: nobody can tell the thief from the owner.
     */
    async rotate(token: unknown): Promise<{ userId: string; refreshToken: string }> {
      if (!looksLikeRefreshToken(token)) throw invalid();
      const at = now();
      const session = await repo.findByHash(hashRefreshToken(token));
      if (!session || session.revokedAt || session.expiresAt <= at) throw invalid();
      const rotated = { userId: session.userId };

      // Rotated by the scheme before successors were derived: its successor cannot be named again.
      if (session.rotatedAt === null) {
        const next = await successor(token, session);
        const inserted = await repo.insert({
          hash: next.hash,
          familyId: session.familyId,
          userId: session.userId,
          parentHash: session.hash,
          seed: newSuccessorSeed(),
          now: at,
          expiresAt: new Date(at.getTime() + ttlMs),
        });
        if (inserted || (await isGraceRetry(next, at))) return { ...rotated, refreshToken: next.token };
      }
      await repo.revokeFamily(session.familyId, at);
      throw reused();
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
