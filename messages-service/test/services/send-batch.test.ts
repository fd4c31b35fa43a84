// Group commit per topic (send-batcher.ts): concurrent sends to one topic are written by one statement per
// batch. These tests build the messages service on the test database the way services.ts does, plus a
// counter of the batch statements and a notifier that records what is emitted, and the real other
// services (parties, invites, bans) of the test instance to set the parties up.
import type { AppError } from '@partyline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRepositories, createTransactionRepositories } from '../../src/app/repositories.js';
import type { Services } from '../../src/app/services.js';
import { createPool, type Pool } from '../../src/db/pool.js';
import { createTransaction } from '../../src/db/transaction.js';
import {
  createMessagesRepository,
  type MessageRecord,
  type MessagesRepository,
} from '../../src/messages/messages.repository.js';
import { createMessagesService } from '../../src/messages/messages.service.js';
import { SEND_BATCH_MAX } from '../../src/messages/send-batcher.js';
import type { Actor } from '../../src/shared/actor.js';
import { createNotify, noopNotifier } from '../../src/shared/notifier.js';
import { unlimited } from '../../src/shared/rate-limit.js';
import { startTestService, type TestService } from '../helpers/service.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

let t: TestService;
let s: Services;
const pools: Pool[] = [];
const proxies: TcpProxy[] = [];
beforeAll(async () => {
  t = await startTestService();
  s = t.service.services;
});
afterAll(async () => {
  for (const proxy of proxies) proxy.restore();
  for (const pool of pools) await pool.end().catch(() => undefined);
  for (const proxy of proxies) await proxy.close();
  await t?.close();
});

/** The messages service on `pool`, with what it writes and emits recorded. */
function messagesOn(
  pool: Pool,
  onBatch?: (batch: { topicId: string; size: number }) => void,
  sendQueueWaitMs?: number,
) {
  const batches: { topicId: string; size: number }[] = [];
  const emitted: MessageRecord[] = [];
  const repos = createRepositories(pool);
  const service = createMessagesService({
    messages: repos.messages,
    members: repos.members,
    topics: repos.topics,
    attachments: repos.attachments,
    tx: createTransaction(pool, (client) => createTransactionRepositories(client, 'unused.party-events')),
    sendLimit: unlimited.send,
    notify: createNotify({ ...noopNotifier, messageCreated: (m) => emitted.push(m) }),
    onSendBatch: (batch) => {
      batches.push(batch);
      onBatch?.(batch);
    },
    ...(sendQueueWaitMs === undefined ? {} : { sendQueueWaitMs }),
  });
  return { service, batches, emitted };
}

async function partyWithMembers(count: number) {
  const owner: Actor = { id: t.user().id, username: 'owner' };
  const party = await s.parties.create(owner, { name: 'Batched' });
  const invite = await s.invites.create(owner, party.id, {});
  const members: Actor[] = [owner];
  for (let i = 1; i < count; i++) {
    const member = { id: t.user().id, username: `member${i}` };
    await s.invites.accept(member, invite.code);
    members.push(member);
  }
  const [topic] = await s.topics.list(owner, party.id);
  return { party, topic: topic!, members, invite };
}

const seqsOf = async (topicId: string) =>
  (
    await t.db.pool.query<{ seq: number }>('SELECT seq FROM messages WHERE topic_id = $1 ORDER BY seq', [
      topicId,
    ])
  ).rows.map((r) => r.seq);
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const codeOf = (result: PromiseSettledResult<unknown>) =>
  result.status === 'rejected' ? (result.reason as AppError).code : 'stored';

describe('group commit of the sends to one topic', () => {
  it('when 100 sends to one topic arrive at once, then they get seqs 1..100 in a few statements, each author in sending order, emitted in seq order', async () => {
    const { service, batches, emitted } = messagesOn(t.db.pool);
    const { topic, members } = await partyWithMembers(10);
    const sends = Array.from({ length: 100 }, (_, i) => ({ author: members[i % 10]!, i }));
    const replies = await Promise.all(
      sends.map(({ author, i }) =>
        service.send(author, { topicId: topic.id, body: `#${i}`, nonce: `batch-${i}-${topic.id}` }),
      ),
    );

    expect(replies.every((r) => r.created)).toBe(true);
    expect(replies.map((r) => r.message.seq).sort((a, b) => a - b)).toEqual(oneTo(100));
    expect(await seqsOf(topic.id)).toEqual(oneTo(100));
    // Batches, not one statement per send: at most SEND_BATCH_MAX each, all 100 sends written once.
    const mine = batches.filter((b) => b.topicId === topic.id);
    expect(mine.reduce((sum, b) => sum + b.size, 0)).toBe(100);
    expect(mine.length).toBeLessThanOrEqual(Math.ceil(100 / SEND_BATCH_MAX) + 1);
    expect(Math.max(...mine.map((b) => b.size))).toBeLessThanOrEqual(SEND_BATCH_MAX);
    // Seqs follow the order the sends arrived in, so each author's messages keep their order.
    for (const member of members) {
      const own = replies.filter((r) => r.message.author?.id === member.id).map((r) => r.message.seq);
      expect(own).toEqual([...own].sort((a, b) => a - b));
    }
    expect(replies.map((r) => r.message.body)).toEqual(sends.map(({ i }) => `#${i}`));
    // Emitted once each, in seq order, before the callers heard back.
    expect(emitted.filter((m) => m.topicId === topic.id).map((m) => m.seq)).toEqual(oneTo(100));
    // Each author's read position moved to their newest message, in the same statement.
    const { rows } = await t.db.pool.query<{ user_id: string; last_read_seq: number }>(
      'SELECT user_id, last_read_seq FROM read_states WHERE topic_id = $1',
      [topic.id],
    );
    const newest = new Map<string, number>();
    for (const r of replies) newest.set(r.message.author!.id, r.message.seq);
    expect(new Map(rows.map((r) => [r.user_id, r.last_read_seq]))).toEqual(newest);

    // The next send continues without a gap.
    const next = await service.send(members[0]!, {
      topicId: topic.id,
      body: 'after',
      nonce: `after-${topic.id}`,
    });
    expect(next.message.seq).toBe(101);
  });

  it('when sends to several topics arrive at once, then each topic gets its own gap-free seqs and is emitted in seq order', async () => {
    const { service, emitted } = messagesOn(t.db.pool);
    const { party, members } = await partyWithMembers(3);
    const topics = [
      (await s.topics.list(members[0]!, party.id))[0]!,
      await s.topics.create(members[0]!, party.id, { name: 'second' }),
      await s.topics.create(members[0]!, party.id, { name: 'third' }),
    ];
    await Promise.all(
      Array.from({ length: 90 }, (_, i) =>
        service.send(members[i % 3]!, {
          topicId: topics[i % 3]!.id,
          body: `t${i % 3} #${i}`,
          nonce: `multi-${i}-${party.id}`,
        }),
      ),
    );
    for (const topic of topics) {
      expect(await seqsOf(topic.id)).toEqual(oneTo(30));
      expect(emitted.filter((m) => m.topicId === topic.id).map((m) => m.seq)).toEqual(oneTo(30));
    }
  });

  it('when nonces are retried inside one batch and across batches, then each is stored once and the retries answer created false with the original', async () => {
    const { service, batches } = messagesOn(t.db.pool);
    const { topic, members } = await partyWithMembers(2);
    const [alice, bob] = members as [Actor, Actor];
    const send = (who: Actor, nonce: string, body = nonce) =>
      service.send(who, { topicId: topic.id, body, nonce: `${nonce}-${topic.id}` });

    const first = await Promise.all([
      send(alice, 'n1'),
      send(alice, 'n1', 'n1 again'),
      send(bob, 'n2'),
      send(alice, 'n1'),
      send(bob, 'n3'),
    ]);
    expect(batches.filter((b) => b.topicId === topic.id)).toHaveLength(1);
    expect(first.map((r) => r.created)).toEqual([true, false, true, false, true]);
    expect(new Set([first[0], first[1], first[3]].map((r) => r!.message.id)).size).toBe(1);
    expect(first[1]!.message.body).toBe('n1');
    expect(await seqsOf(topic.id)).toEqual([1, 2, 3]);

    // Retries in a later batch, beside a new send, and a retry racing the batch that stores its original.
    const second = await Promise.all([send(alice, 'n1'), send(bob, 'n2'), send(bob, 'n4')]);
    expect(second.map((r) => r.created)).toEqual([false, false, true]);
    expect(second[0]!.message.id).toBe(first[0]!.message.id);
    expect(second[1]!.message.id).toBe(first[2]!.message.id);
    expect(second[2]!.message.seq).toBe(4);
    const racing = service.send(alice, { topicId: topic.id, body: 'n5', nonce: `n5-${topic.id}` });
    await new Promise((resolve) => setImmediate(resolve)); // its batch is written now
    const retry = service.send(alice, { topicId: topic.id, body: 'n5', nonce: `n5-${topic.id}` });
    const [stored, retried] = await Promise.all([racing, retry]);
    expect([stored.created, retried.created]).toEqual([true, false]);
    expect(retried.message.id).toBe(stored.message.id);
    expect(await seqsOf(topic.id)).toEqual(oneTo(5));
  });

  it('when one nonce is sent to two topics at once, then one stores it, the other answers 409 MESSAGE.NONCE_CONFLICT, and both topics stay gap-free', async () => {
    const { service } = messagesOn(t.db.pool);
    const { party, topic, members } = await partyWithMembers(1);
    const owner = members[0]!;
    const other = await s.topics.create(owner, party.id, { name: 'other' });
    for (let i = 0; i < 5; i++) {
      const nonce = `shared-${i}-${party.id}`;
      const results = await Promise.allSettled([
        service.send(owner, { topicId: topic.id, body: 'a', nonce }),
        service.send(owner, { topicId: other.id, body: 'b', nonce }),
        service.send(owner, { topicId: topic.id, body: 'own', nonce: `own-a-${i}-${party.id}` }),
        service.send(owner, { topicId: other.id, body: 'own', nonce: `own-b-${i}-${party.id}` }),
      ]);
      expect(results.slice(0, 2).map(codeOf).sort()).toEqual(['MESSAGE.NONCE_CONFLICT', 'stored']);
      expect(results.slice(2).map(codeOf)).toEqual(['stored', 'stored']);
    }
    const a = await seqsOf(topic.id);
    const b = await seqsOf(other.id);
    expect(a).toEqual(oneTo(a.length));
    expect(b).toEqual(oneTo(b.length));
    expect(a.length + b.length).toBe(15);
  });

  it('when refused sends are in a batch (not a member, banned, @everyone by a member, a bad replyTo), then each fails alone with its own error and the others store', async () => {
    const { service } = messagesOn(t.db.pool);
    const { party, topic, members } = await partyWithMembers(4);
    const [owner, member, banned, kept] = members as [Actor, Actor, Actor, Actor];
    const outsider: Actor = { id: t.user().id, username: 'outsider' };
    await s.bans.ban(owner, party.id, { userId: banned.id });
    const original = await service.send(owner, {
      topicId: topic.id,
      body: 'original',
      nonce: `o-${topic.id}`,
    });

    const send = (who: Actor, body: string, extra: { replyToId?: string } = {}) =>
      service.send(who, { topicId: topic.id, body, nonce: `${who.id.slice(0, 8)}-${body}`, ...extra });
    const results = await Promise.allSettled([
      send(owner, 'one'),
      send(outsider, 'intruding'),
      send(member, 'two'),
      send(banned, 'banned-says'),
      send(member, '@everyone look'),
      send(kept, 'bad-reply', { replyToId: '00000000-0000-4000-8000-000000000000' }),
      send(kept, 'good-reply', { replyToId: original.message.id }),
      send(owner, '@everyone three'),
      send(kept, 'four'),
    ]);
    expect(results.map(codeOf)).toEqual([
      'stored',
      'TOPIC.NOT_FOUND',
      'stored',
      'TOPIC.NOT_FOUND',
      'MESSAGE.MENTION_FORBIDDEN',
      'MESSAGE.REPLY_NOT_FOUND',
      'stored',
      'stored',
      'stored',
    ]);
    expect(await seqsOf(topic.id)).toEqual(oneTo(6));
    const { rows } = await t.db.pool.query<{
      body: string;
      reply_to_id: string | null;
      mention_everyone: boolean;
    }>(
      'SELECT body, reply_to_id, mention_everyone FROM messages WHERE topic_id = $1 AND seq > 1 ORDER BY body',
      [topic.id],
    );
    expect(rows).toEqual([
      { body: '@everyone three', reply_to_id: null, mention_everyone: true },
      { body: 'four', reply_to_id: null, mention_everyone: false },
      { body: 'good-reply', reply_to_id: original.message.id, mention_everyone: false },
      { body: 'one', reply_to_id: null, mention_everyone: false },
      { body: 'two', reply_to_id: null, mention_everyone: false },
    ]);
  });
});

describe('the batch statement at scale', () => {
  interface PlanNode {
    'Node Type': string;
    'Relation Name'?: string;
    'Index Name'?: string;
    'Actual Rows': number;
    'Actual Loops': number;
    Plans?: PlanNode[];
  }
  const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

  /** Every node of the plan PostgreSQL runs for this batch (the exact text and parameters), executed. */
  async function planOf(topicId: string, sends: Parameters<MessagesRepository['insertBatch']>[1]) {
    let statement: { text: string; values: unknown[] } | undefined;
    const capture = {
      query: (config: { text: string; values: unknown[] }) => {
        statement = config;
        return Promise.resolve({ rows: [] });
      },
    };
    await createMessagesRepository(capture as unknown as Pool).insertBatch(topicId, sends);
    const client = await t.db.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${statement!.text}`,
        statement!.values,
      );
      return nodesOf(rows[0]!['QUERY PLAN'][0].Plan);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  }

  it('when the party has thousands of members and the topic thousands of messages, then a batch probes the indexes for its authors and nonces instead of reading every member or message', async () => {
    const { party, topic, members } = await partyWithMembers(2);
    // Seeded with SQL: 5,000 more members and 5,000 messages (the API would take minutes).
    await t.db.pool.query(
      `WITH u AS (
         INSERT INTO users (id, username, display_name, version)
         SELECT gen_random_uuid(), 'crowd' || n, 'crowd' || n, 1 FROM generate_series(1, 5000) AS n RETURNING id)
       INSERT INTO members (party_id, user_id, role) SELECT $1, id, 'member' FROM u`,
      [party.id],
    );
    await t.db.pool.query(
      `INSERT INTO messages (topic_id, party_id, seq, author_id, nonce, body)
       SELECT $1, $2, n, $3, 'seeded-' || n, 'seeded ' || n FROM generate_series(1, 5000) AS n`,
      [topic.id, party.id, members[0]!.id],
    );
    await t.db.pool.query('UPDATE topics SET last_seq = 5000 WHERE id = $1', [topic.id]);
    await t.db.pool.query('ANALYZE members, messages');

    for (const size of [1, 8]) {
      const sends = Array.from({ length: size }, (_, i) => ({
        authorId: members[i % 2]!.id,
        nonce: `plan-${size}-${i}`,
        body: `hello ${i}`,
      }));
      const nodes = await planOf(topic.id, sends);
      const readRows = (relation: string) =>
        nodes
          .filter((n) => n['Relation Name'] === relation && n['Node Type'] !== 'ModifyTable')
          .reduce((sum, n) => sum + n['Actual Rows'] * n['Actual Loops'], 0);
      // One member row per send (is the author a member?) and no stored message (is the nonce new?),
      // each found through its index: never the party's 5,000 members or the topic's 5,000 messages.
      expect(readRows('members'), `batch of ${size}`).toBe(size);
      expect(nodes.map((n) => n['Index Name'])).toContain('messages_author_id_nonce_key');
      expect(
        nodes.filter(
          (n) =>
            (n['Relation Name'] === 'members' || n['Relation Name'] === 'messages') &&
            /Seq Scan|Bitmap Heap Scan/.test(n['Node Type']),
        ),
        `batch of ${size}`,
      ).toEqual([]);
    }
  });
});

describe('a send that breaks the batch statement', () => {
  it('when one send of a batch breaks a constraint the checks did not see, then it alone fails and the others store in order', async () => {
    const { service, batches } = messagesOn(t.db.pool);
    const { topic, members } = await partyWithMembers(2);
    // The contract refuses a nonce this short before the service; called directly, only the table's CHECK does.
    const nonces = ['good-0001', 'good-0002', 'short', 'good-0003', 'good-0004'];
    const results = await Promise.allSettled(
      nonces.map((nonce, i) =>
        service.send(members[i % 2]!, { topicId: topic.id, body: `#${i}`, nonce: `${nonce}` }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.message.seq : 0))).toEqual([1, 2, 0, 3, 4]);
    expect(await seqsOf(topic.id)).toEqual(oneTo(4));
    // The batch of five, then each alone.
    expect(batches.filter((b) => b.topicId === topic.id).map((b) => b.size)).toEqual([5, 1, 1, 1, 1, 1]);
  });
});

describe('a batch while PostgreSQL goes away', () => {
  async function proxiedMessages(onBatch?: (batch: { topicId: string; size: number }) => void) {
    const proxy = await startTcpProxy(t.db.url);
    proxies.push(proxy);
    const pool = createPool(proxy.url(t.db.url), 5);
    pools.push(pool);
    return { proxy, ...messagesOn(pool, onBatch) };
  }

  const sendAll = (service: ReturnType<typeof messagesOn>['service'], members: Actor[], topicId: string) =>
    Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        service.send(members[i % members.length]!, { topicId, body: `#${i}`, nonce: `cut-${i}-${topicId}` }),
      ),
    );

  it('when the connection is cut as the batch is written, then every send of it answers SERVICE.UNAVAILABLE, nothing is stored, and the retries store each once', async () => {
    const { topic, members } = await partyWithMembers(3);
    let cutting = true;
    const { proxy, service, batches } = await proxiedMessages(() => {
      if (cutting) proxy.cut();
    });

    const failed = await sendAll(service, members, topic.id);
    expect(failed.map(codeOf)).toEqual(Array(20).fill('SERVICE.UNAVAILABLE'));
    expect(batches.length).toBeGreaterThanOrEqual(1);
    expect(await seqsOf(topic.id)).toEqual([]);

    cutting = false;
    proxy.restore();
    const retried = await sendAll(service, members, topic.id);
    expect(retried.map(codeOf)).toEqual(Array(20).fill('stored'));
    expect(retried.map((r) => r.status === 'fulfilled' && r.value.created)).toEqual(Array(20).fill(true));
    expect(await seqsOf(topic.id)).toEqual(oneTo(20));
  });

  it('when the connection is cut while the batch statement waits inside PostgreSQL, then every send of it answers SERVICE.UNAVAILABLE and the retries return each message once', async () => {
    const { topic, members } = await partyWithMembers(3);
    const { proxy, service } = await proxiedMessages();
    // Holds the topic row, so the batch statement waits on its lock inside the server.
    const holder = await t.db.pool.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM topics WHERE id = $1 FOR UPDATE', [topic.id]);
    const waiting = async () =>
      (
        await t.db.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND state = 'active' AND query LIKE '%json_to_recordset%'
              AND pid <> pg_backend_pid()`,
        )
      ).rows[0]!.n;
    try {
      const sent = sendAll(service, members, topic.id);
      for (let i = 0; i < 200 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(await waiting()).toBe(1);
      proxy.cut();
      const failed = await sent;
      expect(failed.map(codeOf)).toEqual(Array(20).fill('SERVICE.UNAVAILABLE'));
    } finally {
      await holder.query('COMMIT');
      holder.release();
    }
    // The server may still commit the statement whose client went away: that is what the retries are for.
    for (let i = 0; i < 200 && (await waiting()) > 0; i++) await new Promise((r) => setTimeout(r, 25));
    proxy.restore();
    const retried = await sendAll(service, members, topic.id);
    expect(retried.map(codeOf)).toEqual(Array(20).fill('stored'));
    const ids = retried.map((r) => (r.status === 'fulfilled' ? r.value.message.id : ''));
    expect(new Set(ids).size).toBe(20);
    expect(await seqsOf(topic.id)).toEqual(oneTo(20));
    const again = await sendAll(service, members, topic.id);
    expect(again.map((r) => r.status === 'fulfilled' && r.value.created)).toEqual(Array(20).fill(false));
  });

  it('when a batch statement does not come back, then the sends queued behind it answer SERVICE.UNAVAILABLE after the queue bound, the batch itself stores once it can, and the retries continue its seqs', async () => {
    const { topic, members } = await partyWithMembers(2);
    const { service, batches } = messagesOn(t.db.pool, undefined, 300);
    const holder = await t.db.pool.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM topics WHERE id = $1 FOR UPDATE', [topic.id]);
    const send = (i: number) =>
      service.send(members[i % 2]!, { topicId: topic.id, body: `#${i}`, nonce: `stuck-${i}-${topic.id}` });
    let inFlight: Promise<PromiseSettledResult<unknown>[]>;
    let queued: PromiseSettledResult<unknown>[];
    try {
      inFlight = Promise.allSettled([0, 1, 2, 3, 4].map(send));
      // The first batch goes out and waits on the lock.
      for (let i = 0; i < 200 && batches.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
      expect(batches.filter((b) => b.topicId === topic.id)).toEqual([{ topicId: topic.id, size: 5 }]);
      const started = performance.now();
      queued = await Promise.allSettled([5, 6, 7, 8, 9].map(send));
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      await holder.query('COMMIT');
      holder.release();
    }
    expect(queued.map(codeOf)).toEqual(Array(5).fill('SERVICE.UNAVAILABLE'));
    expect((await inFlight).map(codeOf)).toEqual(Array(5).fill('stored'));
    expect(await seqsOf(topic.id)).toEqual(oneTo(5));
    const retried = await Promise.all([5, 6, 7, 8, 9].map(send));
    expect(retried.map((r) => r.message.seq)).toEqual([6, 7, 8, 9, 10]);
  });
});
