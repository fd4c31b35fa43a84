// Parties and members for the benchmarks. The first party of a run is made by the real service (owner,
// first topic, outbox events); the other members are bulk-inserted, as accounts' user events and accepted
// invites would have left them.
import { randomUUID } from 'node:crypto';

import { createServices } from '../../messages-service/src/app/services.js';
import { noopNotifier } from '../../messages-service/src/shared/notifier.js';
import type { BenchUser } from './auth.js';
import type { BenchDatabase } from './db.js';

export interface SeededParty {
  partyId: string;
  topicId: string;
  owner: BenchUser;
  /** owner first, then the others. */
  members: BenchUser[];
}

export const benchUser = (n: number): BenchUser => ({
  id: randomUUID(),
  username: `bench_${n}_${randomUUID().slice(0, 6)}`,
});

/** Copies of accounts' users, as the user-events consumer would have stored them. */
export async function insertUsers(db: BenchDatabase, users: BenchUser[]): Promise<void> {
  for (let i = 0; i < users.length; i += 10_000) {
    const chunk = users.slice(i, i + 10_000);
    await db.pool.query(
      `INSERT INTO users (id, username, display_name, version)
       SELECT id, username, username, 1 FROM unnest($1::uuid[], $2::text[]) AS u(id, username)
       ON CONFLICT (id) DO NOTHING`,
      [chunk.map((u) => u.id), chunk.map((u) => u.username)],
    );
  }
}

/** A party created through the service with `size` members (the owner included) and its first topic. */
export async function seedParty(db: BenchDatabase, size: number, name = 'Bench party'): Promise<SeededParty> {
  const services = createServices({ pool: db.pool, notifier: noopNotifier });
  const members = Array.from({ length: size }, (_, n) => benchUser(n));
  const owner = members[0]!;
  await insertUsers(db, members);
  const party = await services.parties.create(owner, { name });
  await addMembers(db, party.id, members.slice(1));
  const [topic] = await services.topics.list(owner, party.id);
  if (!topic) throw new Error('a new party has a first topic');
  return { partyId: party.id, topicId: topic.id, owner, members };
}

export async function addMembers(db: BenchDatabase, partyId: string, users: BenchUser[]): Promise<void> {
  for (let i = 0; i < users.length; i += 10_000) {
    await db.pool.query(
      `INSERT INTO members (party_id, user_id, role) SELECT $1, id, 'member' FROM unnest($2::uuid[]) AS u(id)`,
      [partyId, users.slice(i, i + 10_000).map((u) => u.id)],
    );
  }
}

/**
 * Many small parties for the idle-socket benchmark: `count` users in parties of `partySize`, bulk-inserted
 * (a party row and its members per group; no topics needed to sit idle).
 */
export async function seedGroups(db: BenchDatabase, count: number, partySize: number): Promise<BenchUser[]> {
  const users = Array.from({ length: count }, (_, n) => benchUser(n));
  await insertUsers(db, users);
  const partyIds = Array.from({ length: Math.ceil(count / partySize) }, () => randomUUID());
  await db.pool.query(
    `INSERT INTO parties (id, name) SELECT id, 'Idle ' || n FROM unnest($1::uuid[]) WITH ORDINALITY AS p(id, n)`,
    [partyIds],
  );
  for (let i = 0; i < users.length; i += 10_000) {
    const chunk = users.slice(i, i + 10_000);
    await db.pool.query(
      `INSERT INTO members (party_id, user_id, role)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])`,
      [
        chunk.map((_, j) => partyIds[groupOf(i + j, partySize)]),
        chunk.map((u) => u.id),
        chunk.map((_, j) => ((i + j) % partySize === 0 ? 'owner' : 'member')),
      ],
    );
  }
  return users;
}

/** The room every socket of group `n` joins on the bare baseline (the app's party room for that group). */
export const groupOf = (index: number, partySize: number) => Math.floor(index / partySize);
