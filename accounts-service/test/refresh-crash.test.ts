// A process killed with SIGKILL while refreshes are in flight must sign nobody out: every client that did
// not get its reply retries its old token against the restarted service and goes on.
import { generateSigningKey } from '@partyline/auth';
import { afterAll, describe, expect, it } from 'vitest';

import { Browser } from './support/browser.js';
import { dropDatabase, listening, processEnv, runMain, type ChildService } from './support/process.js';
import { openSessionsStore } from './support/sessions-store.js';

const CLIENTS = 20;
const ROUNDS = 3;

describe('refreshes in flight when the process is killed', () => {
  // One environment for every incarnation: the same database, topics, Redis prefix and signing key. Each
  // client comes from its own address behind one proxy hop, so the per-address rate limits stay out of it.
  const env = processEnv({
    DEV_SIGNIN: 'true',
    COOKIE_SECURE: 'false',
    TRUST_PROXY: '1',
    LOG_LEVEL: 'warn',
    JWT_PRIVATE_KEY: generateSigningKey().privateKeyPem,
  });
  let proc: ChildService | undefined;
  const start = async () => {
    proc = runMain({ ...env, LOG_LEVEL: 'info' });
    return (await listening(proc)).url;
  };

  afterAll(async () => {
    proc?.child.kill('SIGKILL');
    await proc?.exited;
    await dropDatabase(env['MONGO_URL']!);
  });

  it(`${CLIENTS} clients x ${ROUNDS} kills: every session survives, lost replies included`, async () => {
    const store = await openSessionsStore(env['MONGO_URL']!);
    try {
      let url = await start();
      const clients = Array.from({ length: CLIENTS }, (_, i) => ({
        browser: new Browser(),
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
      }));
      for (const [i, c] of clients.entries()) {
        const reply = await c.browser.request(`${url}/api/auth/dev`, {
          method: 'POST',
          body: { username: `crash${i}` },
          headers: c.headers,
        });
        expect(reply.status).toBe(200);
      }
      const families = await Promise.all(
        clients.map((c) => store.familyOf(c.browser.cookies.get('pl_refresh')!)),
      );
      const refresh = (c: (typeof clients)[number]) =>
        c.browser.request(`${url}/api/auth/refresh`, { method: 'POST', headers: c.headers });

      let unanswered = 0;
      let lostReplies = 0;
      for (let round = 0; round < ROUNDS; round += 1) {
        // All refresh at once; the process dies as soon as the first reply is out.
        const before = clients.map((c) => c.browser.cookies.get('pl_refresh')!);
        let killed = false;
        const outcomes = await Promise.all(
          clients.map((c) =>
            refresh(c).then(
              (reply) => {
                if (!killed) {
                  killed = true;
                  proc!.child.kill('SIGKILL');
                }
                return reply.status;
              },
              () => 'no reply' as const,
            ),
          ),
        );
        await proc!.exited;
        const pending = clients.filter((_, i) => outcomes[i] === 'no reply');
        unanswered += pending.length;
        for (const [i, token] of before.entries())
          if (outcomes[i] === 'no reply' && (await store.wasRotated(token))) lostReplies += 1;
        expect(outcomes.filter((o) => o !== 'no reply' && o !== 200)).toEqual([]);

        // Restarted, every client that got no answer retries the token it still holds.
        url = await start();
        const retries = await Promise.all(pending.map(refresh));
        expect(retries.map((r) => r.status)).toEqual(pending.map(() => 200));
      }

      // Every session still refreshes, and no family was revoked.
      const finals = await Promise.all(clients.map(refresh));
      expect(finals.map((r) => r.status)).toEqual(clients.map(() => 200));
      expect(await store.revokedIn(families.map((f) => f!))).toBe(0);
      console.info(
        `refresh-crash: ${CLIENTS} clients, ${ROUNDS} kills: ${unanswered} refreshes unanswered, ` +
          `${lostReplies} of them rotated before the kill (lost replies); ${CLIENTS}/${CLIENTS} sessions survive`,
      );
    } finally {
      await store.close();
    }
  }, 120_000);
});
