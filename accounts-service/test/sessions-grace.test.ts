// The grace rule of refresh rotation as pure logic: the service over a plain in-memory repository, with the
// clock under the test's control (the concurrent case depends on which request read the clock first).
import { describe, expect, it } from 'vitest';

import type { SessionRepository, StoredSession } from '../src/sessions/sessions.repository.js';
import { createSessionService } from '../src/sessions/sessions.service.js';

function memoryRepository() {
  const rows = new Map<string, StoredSession>();
  const seeds = new Map<string, string>();
  const repo: Pick<
    SessionRepository,
    'insert' | 'findByHash' | 'seedFor' | 'revokeFamily' | 'revokeAllOfUser'
  > = {
    async insert(s) {
      if (rows.has(s.hash)) return false;
      rows.set(s.hash, {
        hash: s.hash,
        familyId: s.familyId,
        userId: s.userId,
        parentHash: s.parentHash,
        seed: s.seed,
        createdAt: s.now,
        expiresAt: s.expiresAt,
        rotatedAt: null,
        revokedAt: null,
      });
      return true;
    },
    async findByHash(hash) {
      return rows.get(hash) ?? null;
    },
    async seedFor(hash, proposed) {
      if (!seeds.has(hash)) seeds.set(hash, proposed);
      return seeds.get(hash)!;
    },
    async revokeFamily(familyId, now) {
      for (const row of rows.values()) if (row.familyId === familyId) row.revokedAt ??= now;
    },
    async revokeAllOfUser(userId, now) {
      for (const row of rows.values()) if (row.userId === userId) row.revokedAt ??= now;
    },
  };
  return repo as SessionRepository;
}

/** Two refreshes of one token, the second having read the clock 1 ms before the first one's insert. */
async function concurrentPair(graceSeconds: number) {
  const clock = [1_000, 2_000, 1_999];
  const sessions = createSessionService({
    repo: memoryRepository(),
    refreshTtlDays: 30,
    graceSeconds,
    now: () => new Date(clock.shift() ?? 3_000),
  });
  const token = await sessions.start('user-1');
  const winner = await sessions.rotate(token);
  const loser = await sessions.rotate(token).then(
    (reply) => reply,
    (error: { code?: string }) => error.code,
  );
  return { winner, loser };
}

describe('refresh rotation grace', () => {
  it('with a grace of 0, the loser of a concurrent pair ends the family, whatever order the clocks were read in', async () => {
    const { loser } = await concurrentPair(0);
    expect(loser).toBe('AUTH.REFRESH_REUSED');
  });

  it('within a grace window, the loser of a concurrent pair gets the same successor as the winner', async () => {
    const { winner, loser } = await concurrentPair(30);
    expect(loser).toEqual(winner);
  });
});
