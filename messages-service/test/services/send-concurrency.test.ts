// Sends through the domain service, as both REST and socket handlers do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Services } from '../../src/app/services.js';
import type { Actor } from '../../src/shared/actor.js';
import { startTestService, type TestService } from '../helpers/service.js';

let t: TestService;
let s: Services;
beforeAll(async () => {
  t = await startTestService();
  s = t.service.services;
});
afterAll(async () => {
  await t?.close();
});

async function partyWithMembers(count: number) {
  const owner: Actor = { id: t.user().id, username: 'owner' };
  const party = await s.parties.create(owner, { name: 'Busy' });
  const invite = await s.invites.create(owner, party.id, {});
  const members: Actor[] = [owner];
  for (let i = 1; i < count; i++) {
    const member = { id: t.user().id, username: `member${i}` };
    await s.invites.accept(member, invite.code);
    members.push(member);
  }
  const [topic] = await s.topics.list(owner, party.id);
  return { party, topic: topic!, members };
}

describe('sending messages', () => {
  it('when 20 members send 200 messages each at once, then seqs are exactly 1..4000', async () => {
    const { topic, members } = await partyWithMembers(20);
    await Promise.all(
      members.map(async (member, m) => {
        for (let i = 0; i < 200; i++) {
          await s.messages.send(member, {
            topicId: topic.id,
            body: `m${m} #${i}`,
            nonce: `n-${m}-${i}-${member.id}`,
          });
        }
      }),
    );
    const { rows } = await t.db.pool.query<{ seq: number }>(
      'SELECT seq FROM messages WHERE topic_id = $1 ORDER BY seq',
      [topic.id],
    );
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 4000 }, (_, i) => i + 1));
    const { rows: topicRows } = await t.db.pool.query('SELECT last_seq FROM topics WHERE id = $1', [
      topic.id,
    ]);
    expect(topicRows[0].last_seq).toBe(4000);
    // Each sender's own messages keep the order they were sent in.
    const { rows: mine } = await t.db.pool.query<{ body: string }>(
      'SELECT body FROM messages WHERE topic_id = $1 AND author_id = $2 ORDER BY seq',
      [topic.id, members[3]!.id],
    );
    expect(mine.map((r) => r.body)).toEqual(Array.from({ length: 200 }, (_, i) => `m3 #${i}`));
  }, 60_000);

  it('when the same nonce is sent 5 times, one after another and at once, then one message is stored', async () => {
    const { topic, members } = await partyWithMembers(1);
    const sender = members[0]!;
    const sequential = [];
    for (let i = 0; i < 5; i++) {
      sequential.push(
        await s.messages.send(sender, { topicId: topic.id, body: 'once', nonce: 'sequential-nonce' }),
      );
    }
    expect(sequential.map((r) => r.created)).toEqual([true, false, false, false, false]);
    expect(new Set(sequential.map((r) => r.message.id)).size).toBe(1);

    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () =>
        s.messages.send(sender, { topicId: topic.id, body: 'twice?', nonce: 'concurrent-nonce' }),
      ),
    );
    expect(concurrent.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(concurrent.map((r) => r.message.id)).size).toBe(1);
    expect(concurrent.every((r) => r.message.seq === 2)).toBe(true);

    const { rows } = await t.db.pool.query('SELECT seq FROM messages WHERE topic_id = $1 ORDER BY seq', [
      topic.id,
    ]);
    expect(rows.map((r) => r.seq)).toEqual([1, 2]);
    // The next new message continues without a gap.
    const next = await s.messages.send(sender, { topicId: topic.id, body: 'after', nonce: 'another-nonce' });
    expect(next.message.seq).toBe(3);
  });

  it('when a nonce is reused for another topic, then 409 MESSAGE.NONCE_CONFLICT and nothing is stored', async () => {
    const { party, topic, members } = await partyWithMembers(1);
    const owner = members[0]!;
    const other = await s.topics.create(owner, party.id, { name: 'other' });
    await s.messages.send(owner, { topicId: topic.id, body: 'first', nonce: 'shared-nonce' });
    await expect(
      s.messages.send(owner, { topicId: other.id, body: 'second', nonce: 'shared-nonce' }),
    ).rejects.toMatchObject({
      code: 'MESSAGE.NONCE_CONFLICT',
    });
    expect((await s.topics.list(owner, party.id)).find((x) => x.id === other.id)?.lastSeq).toBe(0);
  });

  it('when a client syncs, then it gets what it missed in order, or a gap marker beyond 500', async () => {
    const { party, topic, members } = await partyWithMembers(1);
    const owner = members[0]!;
    const busy = await s.topics.create(owner, party.id, { name: 'busy' });
    for (let i = 1; i <= 5; i++)
      await s.messages.send(owner, { topicId: topic.id, body: `x${i}`, nonce: `sync-${i}-xxxx` });
    await t.db.pool.query(
      `WITH bump AS (UPDATE topics SET last_seq = 501 WHERE id = $1 RETURNING party_id)
       INSERT INTO messages (topic_id, party_id, seq, author_id, nonce, body)
       SELECT $1, bump.party_id, g, $2, 'bulk-nonce-' || g, 'bulk' FROM bump, generate_series(1, 501) g`,
      [busy.id, owner.id],
    );
    const outsider = { id: t.user().id };
    const result = await s.sync.sync(owner, [
      { topicId: topic.id, lastSeq: 2 },
      { topicId: busy.id, lastSeq: 0 },
    ]);
    expect(result).toEqual([
      {
        topicId: topic.id,
        messages: [3, 4, 5].map((seq) => expect.objectContaining({ seq, body: `x${seq}` })),
        changed: [],
        lastChange: 0,
      },
      { topicId: busy.id, gap: true, latestSeq: 501, lastChange: 0 },
    ]);
    expect(await s.sync.sync(outsider, [{ topicId: topic.id, lastSeq: 0 }])).toEqual([]);
  });
});
