// Expired sessions and their records are pruned (FerretDB has no TTL indexes, so the service sweeps),
// live ones stay and keep working, and the former claim collection session_rotations is dropped.
import { randomBytes, randomUUID } from 'node:crypto';

import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { hashRefreshToken, newRefreshToken } from '../src/sessions/refresh-token.js';
import { Browser } from './support/browser.js';
import { startTestService, testConfig } from './support/service.js';
import type { TestService } from './support/service.js';
import { devSignIn } from './support/session.js';

const DAY = 24 * 60 * 60 * 1000;

type Row = { _id: string } & Record<string, unknown>;

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('session pruning', () => {
  let svc: TestService;
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    const config = testConfig({ DEV_SIGNIN: 'true' });
    client = await MongoClient.connect(config.mongoUrl);
    db = client.db();
    // Left behind by the rotation scheme before derived successors: no longer read by anything.
    await db.collection('session_rotations').insertOne({ _id: randomUUID() as never, claimedAt: new Date() });
    svc = await startTestService(config, { sessionPruner: { intervalMs: 300 } });
  });
  afterAll(async () => {
    await client?.close();
    await svc?.close();
  });

  const session = (hash: string, expiresAt: Date, fields: object = {}) => ({
    _id: hash,
    familyId: randomUUID(),
    userId: randomUUID(),
    parentHash: null,
    seed: null,
    createdAt: new Date(expiresAt.getTime() - 30 * DAY),
    expiresAt,
    rotatedAt: null,
    revokedAt: null,
    ...fields,
  });
  const seed = () => randomBytes(32).toString('base64url');

  it('a sweep deletes expired sessions and their seeds; live ones, and ones expired within the retention day, stay', async () => {
    const sessions = db.collection<Row>('sessions');
    const seeds = db.collection<Row>('session_seeds');
    const { browser } = await devSignIn(svc.url, 'prunedlive');
    const liveToken = browser.cookies.get('pl_refresh')!;
    const now = Date.now();
    const hash = () => hashRefreshToken(newRefreshToken());
    const [expired, expiredRevoked, expiredUndatedSeed, recentlyExpired, liveLegacy] = [
      hash(),
      hash(),
      hash(),
      hash(),
      hash(),
    ];
    await sessions.insertMany([
      session(expired, new Date(now - 2 * DAY)),
      session(expiredRevoked, new Date(now - 3 * DAY), { revokedAt: new Date(now - 20 * DAY) }),
      session(expiredUndatedSeed, new Date(now - 2 * DAY)),
      session(recentlyExpired, new Date(now - 60 * 60 * 1000)),
      session(liveLegacy, new Date(now + 10 * DAY)),
    ]);
    await seeds.insertMany([
      { _id: expired, seed: seed(), expiresAt: new Date(now - 2 * DAY) },
      { _id: expiredUndatedSeed, seed: seed() }, // stored before seeds carried an expiry
      { _id: liveLegacy, seed: seed() },
    ]);

    await waitFor(
      'the expired sessions deleted',
      async () => (await sessions.countDocuments({ _id: expired })) === 0,
    );
    await waitFor(
      'the seeds of expired sessions deleted',
      async () => (await seeds.countDocuments({})) === 1,
    );

    const left = (await sessions.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id);
    expect(left).not.toContain(expired);
    expect(left).not.toContain(expiredRevoked);
    expect(left).not.toContain(expiredUndatedSeed);
    expect(left).toEqual(expect.arrayContaining([recentlyExpired, liveLegacy, hashRefreshToken(liveToken)]));
    // The live session's undated seed stays, now dated with its session's expiry (pruned with it later).
    expect(await seeds.findOne({ _id: liveLegacy })).toMatchObject({ expiresAt: new Date(now + 10 * DAY) });
    // The live session still refreshes.
    expect((await browser.request(`${svc.url}/api/auth/refresh`, { method: 'POST' })).status).toBe(200);
  });

  it('the expiry index exists (TTL where the store has it), and session_rotations is gone', async () => {
    const indexes = await db.collection('sessions').indexes();
    const expiry = indexes.find((index) => Object.keys(index.key).join() === 'expiresAt');
    expect(expiry).toBeDefined();
    // MongoDB keeps a TTL index of one day; FerretDB 1.x refuses TTL, and has a plain index for the sweep.
    if (expiry?.expireAfterSeconds !== undefined) expect(expiry.expireAfterSeconds).toBe(86_400);
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).not.toContain('session_rotations');
  });

  it('a new seed for a session from before seeds records that session’s expiry', async () => {
    // A token from before derived successors: its first refresh fixes a seed in session_seeds.
    const token = newRefreshToken();
    const user = await devSignIn(svc.url, 'prunedlegacy');
    const expiresAt = new Date(Date.now() + 5 * DAY);
    await db
      .collection<Row>('sessions')
      .insertOne(
        session(hashRefreshToken(token), expiresAt, { userId: user.session.user.id, seed: undefined }),
      );
    const tab = new Browser();
    tab.cookies.set('pl_refresh', token);
    expect((await tab.request(`${svc.url}/api/auth/refresh`, { method: 'POST' })).status).toBe(200);
    expect(await db.collection<Row>('session_seeds').findOne({ _id: hashRefreshToken(token) })).toMatchObject(
      {
        expiresAt,
      },
    );
  });
});
