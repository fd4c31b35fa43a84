// Direct conversations over REST (issue 15.3): created only between people who share something, one 1:1
// per pair even under concurrency, invisible to everyone else, kept out of the party lists and events, and
// refused by every party-only route.
import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestService, type TestService, type TestUser } from '../helpers/service.js';

let t: TestService;
beforeAll(async () => {
  t = await startTestService();
});
afterAll(async () => {
  await t?.close();
});

/** A party owned by `owner` that every guest joined through an invite. */
async function party(owner: TestUser, ...guests: TestUser[]) {
  const created = (await t.api(owner, 'POST', '/api/parties', { name: 'Crew' })).body;
  const { code } = (await t.api(owner, 'POST', `/api/parties/${created.id}/invites`, {})).body;
  for (const guest of guests) await t.api(guest, 'POST', `/api/invites/${code}/accept`);
  return created.id as string;
}

const send = (user: TestUser, topicId: string, body: string) =>
  t.api(user, 'POST', `/api/topics/${topicId}/messages`, { body, nonce: randomUUID() });

const ids = (list: { id: string }[]) => list.map((x) => x.id);

describe('direct conversations over REST', () => {
  it('when two party members start a 1:1, then both see it with its one topic and can talk in it', async () => {
    const [alice, bob] = [t.user(), t.user()];
    await party(alice, bob);
    const created = await t.api(alice, 'POST', '/api/direct', { userIds: [bob.id] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ group: false, topicId: expect.any(String) });
    expect(created.body.participants.map((p: { userId: string }) => p.userId).sort()).toEqual(
      [alice.id, bob.id].sort(),
    );
    const { id, topicId } = created.body;

    expect((await send(alice, topicId, 'hi bob')).status).toBe(201);
    const reply = await send(bob, topicId, 'hi alice');
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ partyId: id, topicId, seq: 2 });

    const history = await t.api(alice, 'GET', `/api/topics/${topicId}/messages`);
    expect(history.body.messages.map((m: { body: string }) => m.body)).toEqual(['hi bob', 'hi alice']);
    // Bob's list has it, with the newest message's time as its activity.
    const bobs = (await t.api(bob, 'GET', '/api/direct')).body;
    expect(ids(bobs)).toEqual([id]);
    expect(bobs[0].lastActivityAt).toBe(reply.body.createdAt);
    // Unread counts per topic, as for a party's topics: Alice has Bob's reply unread.
    const unread = (await t.api(alice, 'GET', '/api/unread')).body.topics;
    expect(unread).toContainEqual(expect.objectContaining({ partyId: id, topicId, unread: 1 }));
  });

  it('when a third user asks for a conversation they are not in, then history, members, sends and the conversation all answer as for a stranger', async () => {
    const [alice, bob, eve] = [t.user(), t.user(), t.user()];
    await party(alice, bob, eve);
    const { id, topicId } = (await t.api(alice, 'POST', '/api/direct', { userIds: [bob.id] })).body;
    await send(alice, topicId, 'just between us');

    const conversation = await t.api(eve, 'GET', `/api/direct/${id}`);
    expect([conversation.status, conversation.body.error.code]).toEqual([404, 'DIRECT.NOT_FOUND']);
    const history = await t.api(eve, 'GET', `/api/topics/${topicId}/messages`);
    expect([history.status, history.body.error.code]).toEqual([404, 'TOPIC.NOT_FOUND']);
    const members = await t.api(eve, 'GET', `/api/parties/${id}/members`);
    expect([members.status, members.body.error.code]).toEqual([404, 'PARTY.NOT_FOUND']);
    const topics = await t.api(eve, 'GET', `/api/parties/${id}/topics`);
    expect(topics.status).toBe(404);
    const sent = await send(eve, topicId, 'let me in');
    expect([sent.status, sent.body.error.code]).toEqual([404, 'TOPIC.NOT_FOUND']);
    const search = await t.api(eve, 'GET', `/api/parties/${id}/search?q=between`);
    expect(search.status).toBe(404);
    expect((await t.api(eve, 'GET', '/api/direct')).body).toEqual([]);
    const unread = (await t.api(eve, 'GET', '/api/unread')).body.topics;
    expect(unread.map((u: { topicId: string }) => u.topicId)).not.toContain(topicId);
    // Nothing Eve did changed it.
    const history2 = await t.api(bob, 'GET', `/api/topics/${topicId}/messages`);
    expect(history2.body.messages.map((m: { body: string }) => m.body)).toEqual(['just between us']);
  });

  it('when someone shares no party or conversation with the creator, then the conversation is refused with 403 DIRECT.NO_SHARED_PARTY and nothing is made', async () => {
    const [alice, bob, stranger] = [t.user(), t.user(), t.user()];
    await party(alice, bob);
    await party(stranger);
    const cold = await t.api(alice, 'POST', '/api/direct', { userIds: [stranger.id] });
    expect([cold.status, cold.body.error.code]).toEqual([403, 'DIRECT.NO_SHARED_PARTY']);
    // One stranger among acquaintances spoils the whole group.
    const group = await t.api(alice, 'POST', '/api/direct', { userIds: [bob.id, stranger.id] });
    expect([group.status, group.body.error.code]).toEqual([403, 'DIRECT.NO_SHARED_PARTY']);
    // A user id nobody has.
    const ghost = await t.api(alice, 'POST', '/api/direct', { userIds: [randomUUID()] });
    expect(ghost.status).toBe(403);
    expect((await t.api(alice, 'GET', '/api/direct')).body).toEqual([]);
    expect((await t.api(stranger, 'GET', '/api/direct')).body).toEqual([]);
  });

  it('when the only shared party bans one of them, then they no longer share it; an existing conversation still counts', async () => {
    const [owner, member, other] = [t.user(), t.user(), t.user()];
    const partyId = await party(owner, member, other);
    // Owner and other already have a 1:1; member has none with anybody.
    const existing = (await t.api(owner, 'POST', '/api/direct', { userIds: [other.id] })).body;
    for (const banned of [member, other]) {
      const ban = await t.api(owner, 'POST', `/api/parties/${partyId}/bans`, { userId: banned.id });
      expect(ban.status).toBe(204);
    }
    const banned = await t.api(member, 'POST', '/api/direct', { userIds: [owner.id] });
    expect([banned.status, banned.body.error.code]).toEqual([403, 'DIRECT.NO_SHARED_PARTY']);
    const again = await t.api(other, 'POST', '/api/direct', { userIds: [owner.id] });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(existing.id);
  });

  it('when both sides start the same 1:1 at the same time, many times over, then there is exactly one conversation', async () => {
    const [alice, bob] = [t.user(), t.user()];
    await party(alice, bob);
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 === 0
          ? t.api(alice, 'POST', '/api/direct', { userIds: [bob.id] })
          : t.api(bob, 'POST', '/api/direct', { userIds: [alice.id, alice.id] }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([...Array(11).fill(200), 201]);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    const [listed] = (await t.api(alice, 'GET', '/api/direct')).body;
    expect(listed.participants).toHaveLength(2);
    const topics = (await t.api(alice, 'GET', `/api/parties/${listed.id}/topics`)).body;
    expect(topics).toHaveLength(1);
  });

  it('when a group is asked for, then up to 10 people are accepted, more are refused, and naming only yourself is refused', async () => {
    const owner = t.user();
    const guests = Array.from({ length: 10 }, () => t.user());
    await party(owner, ...guests);
    const nine = guests.slice(0, 9).map((g) => g.id);
    const group = await t.api(owner, 'POST', '/api/direct', { userIds: nine });
    expect(group.status).toBe(201);
    expect(group.body).toMatchObject({ group: true });
    expect(group.body.participants).toHaveLength(10);
    // The same people again: the same group, found rather than made.
    const second = await t.api(owner, 'POST', '/api/direct', { userIds: nine });
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(group.body.id);

    const eleven = await t.api(owner, 'POST', '/api/direct', { userIds: guests.map((g) => g.id) });
    expect([eleven.status, eleven.body.error.code]).toEqual([400, 'REQUEST.INVALID']);
    const self = await t.api(owner, 'POST', '/api/direct', { userIds: [owner.id] });
    expect([self.status, self.body.error.code]).toEqual([400, 'REQUEST.INVALID']);
    const none = await t.api(owner, 'POST', '/api/direct', { userIds: [] });
    expect(none.status).toBe(400);
    // Adding an 11th to the full group is refused; nobody was added.
    const add = await t.api(owner, 'POST', `/api/direct/${group.body.id}/participants`, {
      userIds: [guests[9]!.id],
    });
    expect([add.status, add.body.error.code]).toEqual([409, 'DIRECT.FULL']);
    const members = (await t.api(owner, 'GET', `/api/parties/${group.body.id}/members`)).body;
    expect(members).toHaveLength(10);
    expect(ids((await t.api(guests[9]!, 'GET', '/api/direct')).body)).toEqual([]);
  });

  it('when the same group is started twice, in any order and by any of its people, then it is one group: 201, then 200', async () => {
    const [alice, bob, carol] = [t.user(), t.user(), t.user()];
    await party(alice, bob, carol);
    const first = await t.api(alice, 'POST', '/api/direct', { userIds: [bob.id, carol.id] });
    expect([first.status, first.body.group]).toEqual([201, true]);
    const retried = await t.api(alice, 'POST', '/api/direct', { userIds: [carol.id, bob.id, bob.id] });
    expect([retried.status, retried.body.id]).toEqual([200, first.body.id]);
    expect(retried.body.participants).toHaveLength(3);
    // Bob starting "a group with Alice and Carol" is the same set of people.
    const byBob = await t.api(bob, 'POST', '/api/direct', { userIds: [alice.id, carol.id, bob.id] });
    expect([byBob.status, byBob.body.id]).toEqual([200, first.body.id]);
    expect(ids((await t.api(carol, 'GET', '/api/direct')).body)).toEqual([first.body.id]);
    // Nobody was added twice, and the one topic is still one.
    const members = (await t.api(alice, 'GET', `/api/parties/${first.body.id}/members`)).body;
    expect(members).toHaveLength(3);
    expect((await t.api(alice, 'GET', `/api/parties/${first.body.id}/topics`)).body).toHaveLength(1);
  });

  it('when the same group is started 5 times at once, then there is exactly one group', async () => {
    const [alice, bob, carol, dave] = [t.user(), t.user(), t.user(), t.user()];
    await party(alice, bob, carol, dave);
    const replies = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.api(alice, 'POST', '/api/direct', { userIds: [bob.id, carol.id, dave.id] }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    const listed = (await t.api(dave, 'GET', '/api/direct')).body;
    expect(ids(listed)).toEqual([replies[0]!.body.id]);
    expect(listed[0].participants).toHaveLength(4);
  });

  it('when a group of a superset or a subset of the people is started, then it is a new group', async () => {
    const [alice, bob, carol, dave] = [t.user(), t.user(), t.user(), t.user()];
    await party(alice, bob, carol, dave);
    const trio = (await t.api(alice, 'POST', '/api/direct', { userIds: [bob.id, carol.id] })).body;
    const four = await t.api(alice, 'POST', '/api/direct', { userIds: [bob.id, carol.id, dave.id] });
    expect(four.status).toBe(201);
    expect(four.body.id).not.toBe(trio.id);
    // Alice, Bob and Dave: as many people as the trio, not the same ones.
    const other = await t.api(alice, 'POST', '/api/direct', { userIds: [bob.id, dave.id] });
    expect(other.status).toBe(201);
    expect(new Set([trio.id, four.body.id, other.body.id]).size).toBe(3);
    // Each is found again by its own set; the 1:1 with Bob is none of them.
    const again = await t.api(alice, 'POST', '/api/direct', { userIds: [dave.id, bob.id, carol.id] });
    expect([again.status, again.body.id]).toEqual([200, four.body.id]);
    const pair = await t.api(alice, 'POST', '/api/direct', { userIds: [bob.id] });
    expect([pair.status, pair.body.group]).toEqual([201, false]);
  });

  it('when someone leaves a group or is added to it, then it is found by its people as they are now', async () => {
    const [alice, bob, carol, dave] = [t.user(), t.user(), t.user(), t.user()];
    await party(alice, bob, carol, dave);
    const group = (await t.api(alice, 'POST', '/api/direct', { userIds: [bob.id, carol.id, dave.id] })).body;
    expect((await t.api(dave, 'POST', `/api/parties/${group.id}/leave`)).status).toBe(204);
    // Without Dave it is Alice, Bob and Carol's group; with Dave it is a set nobody holds any more.
    const trio = await t.api(carol, 'POST', '/api/direct', { userIds: [alice.id, bob.id] });
    expect([trio.status, trio.body.id]).toEqual([200, group.id]);
    const withDave = await t.api(alice, 'POST', '/api/direct', { userIds: [bob.id, carol.id, dave.id] });
    expect(withDave.status).toBe(201);
    expect(withDave.body.id).not.toBe(group.id);
    // Dave's leaving is undone by adding him back: the first group is now the same set as the second,
    // and the older one is returned.
    const added = await t.api(bob, 'POST', `/api/direct/${group.id}/participants`, { userIds: [dave.id] });
    expect(added.status).toBe(200);
    const four = await t.api(dave, 'POST', '/api/direct', { userIds: [alice.id, bob.id, carol.id] });
    expect([four.status, four.body.id]).toEqual([200, group.id]);
    // And Alice, Bob and Carol alone have no group now: a new one.
    const fresh = await t.api(alice, 'POST', '/api/direct', { userIds: [bob.id, carol.id] });
    expect(fresh.status).toBe(201);
    expect([group.id, withDave.body.id]).not.toContain(fresh.body.id);
  });

  it('when people are added to a group, then they are in it; a 1:1 takes nobody more', async () => {
    const [alice, bob, carol] = [t.user(), t.user(), t.user()];
    await party(alice, bob, carol);
    const pair = (await t.api(alice, 'POST', '/api/direct', { userIds: [bob.id] })).body;
    const toPair = await t.api(alice, 'POST', `/api/direct/${pair.id}/participants`, { userIds: [carol.id] });
    expect([toPair.status, toPair.body.error.code]).toEqual([409, 'PARTY.IS_DIRECT']);

    const group = (await t.api(alice, 'POST', '/api/direct', { userIds: [bob.id, bob.id, alice.id] })).body;
    // Bob twice and Alice herself: a 1:1 after all, the same one.
    expect(group.id).toBe(pair.id);
    const trio = (await t.api(alice, 'POST', '/api/direct', { userIds: [bob.id, carol.id] })).body;
    await t.api(alice, 'POST', `/api/parties/${trio.id}/leave`);
    const readd = await t.api(bob, 'POST', `/api/direct/${trio.id}/participants`, { userIds: [alice.id] });
    expect(readd.status).toBe(200);
    expect(readd.body.participants).toHaveLength(3);
    const stranger = t.user();
    await party(stranger);
    const cold = await t.api(bob, 'POST', `/api/direct/${trio.id}/participants`, {
      userIds: [stranger.id],
    });
    expect(cold.body.error.code).toBe('DIRECT.NO_SHARED_PARTY');
  });

  it('when participants search a conversation, then they find its messages; someone who left and a stranger get 404', async () => {
    const [alice, bob, carol, eve] = [t.user(), t.user(), t.user(), t.user()];
    await party(alice, bob, carol, eve);
    const { id, topicId } = (await t.api(alice, 'POST', '/api/direct', { userIds: [bob.id, carol.id] })).body;
    await send(alice, topicId, 'the pineapple plan');
    await send(bob, topicId, 'no pineapple please');
    await send(bob, topicId, 'something else');
    const found = await t.api(carol, 'GET', `/api/parties/${id}/search?q=pineapple`);
    expect(found.status).toBe(200);
    expect(found.body.messages.map((m: { body: string }) => m.body)).toEqual([
      'no pineapple please',
      'the pineapple plan',
    ]);
    expect(found.body.messages[0]).toMatchObject({ partyId: id, topicId, seq: 2 });
    const fromAlice = await t.api(bob, 'GET', `/api/parties/${id}/search?q=pineapple&authorId=${alice.id}`);
    expect(fromAlice.body.messages.map((m: { body: string }) => m.body)).toEqual(['the pineapple plan']);

    await t.api(carol, 'POST', `/api/parties/${id}/leave`);
    for (const outsider of [carol, eve]) {
      const res = await t.api(outsider, 'GET', `/api/parties/${id}/search?q=pineapple`);
      expect([res.status, res.body.error.code]).toEqual([404, 'PARTY.NOT_FOUND']);
    }
  });

  it('when a conversation exists, then it is absent from the party list and the party detail route', async () => {
    const [alice, bob] = [t.user(), t.user()];
    const partyId = await party(alice, bob);
    const { id } = (await t.api(alice, 'POST', '/api/direct', { userIds: [bob.id] })).body;
    expect(ids((await t.api(alice, 'GET', '/api/parties')).body)).toEqual([partyId]);
    expect(ids((await t.api(bob, 'GET', '/api/parties')).body)).toEqual([partyId]);
    const detail = await t.api(alice, 'GET', `/api/parties/${id}`);
    expect([detail.status, detail.body.error.code]).toEqual([404, 'PARTY.NOT_FOUND']);
  });

  it('when a party-only route is asked of a conversation, then it is refused with 409 PARTY.IS_DIRECT and nothing changes', async () => {
    const [alice, bob, carol] = [t.user(), t.user(), t.user()];
    await party(alice, bob, carol);
    const { id, topicId } = (await t.api(alice, 'POST', '/api/direct', { userIds: [bob.id] })).body;
    const refused = [
      ['POST', `/api/parties/${id}/invites`, {}],
      ['GET', `/api/parties/${id}/invites`, undefined],
      ['POST', `/api/parties/${id}/topics`, { name: 'side' }],
      ['PATCH', `/api/parties/${id}/topics/${topicId}`, { name: 'renamed' }],
      ['DELETE', `/api/parties/${id}/topics/${topicId}`, undefined],
      ['PATCH', `/api/parties/${id}/members/${bob.id}`, { role: 'admin' }],
      ['DELETE', `/api/parties/${id}/members/${bob.id}`, undefined],
      ['POST', `/api/parties/${id}/bans`, { userId: bob.id }],
      ['GET', `/api/parties/${id}/bans`, undefined],
      ['DELETE', `/api/parties/${id}/bans/${bob.id}`, undefined],
      ['PATCH', `/api/parties/${id}`, { name: 'Mine now' }],
      ['DELETE', `/api/parties/${id}`, undefined],
      // Leaving a 1:1 would leave the other writing to nobody.
      ['POST', `/api/parties/${id}/leave`, undefined],
    ] as const;
    for (const [method, path, body] of refused) {
      const res = await t.api(alice, method, path, body);
      expect([method, path, res.status, res.body?.error?.code]).toEqual([
        method,
        path,
        409,
        'PARTY.IS_DIRECT',
      ]);
    }
    const members = (await t.api(bob, 'GET', `/api/parties/${id}/members`)).body;
    expect(members.map((m: { role: string }) => m.role)).toEqual(['member', 'member']);
    const topics = (await t.api(bob, 'GET', `/api/parties/${id}/topics`)).body;
    expect(topics.map((x: { id: string; name: string }) => [x.id, x.name])).toEqual([[topicId, 'direct']]);
    expect(ids((await t.api(bob, 'GET', '/api/direct')).body)).toEqual([id]);
    // A stranger still learns nothing: not a participant is 404, before any kind check.
    const probe = await t.api(carol, 'POST', `/api/parties/${id}/invites`, {});
    expect([probe.status, probe.body.error.code]).toEqual([404, 'PARTY.NOT_FOUND']);
  });

  it('when a member mentions @everyone or @here in a conversation, then it is refused like a member in a party; mentioning a participant works', async () => {
    const [alice, bob] = [t.user(), t.user()];
    await party(alice, bob);
    const { topicId } = (await t.api(alice, 'POST', '/api/direct', { userIds: [bob.id] })).body;
    for (const group of ['@everyone', '@here']) {
      const res = await send(alice, topicId, `${group} look`);
      expect([res.status, res.body.error.code]).toEqual([403, 'MESSAGE.MENTION_FORBIDDEN']);
    }
    expect((await send(alice, topicId, `<@${bob.id}> look`)).status).toBe(201);
    const unread = (await t.api(bob, 'GET', '/api/unread')).body.topics;
    expect(unread).toContainEqual(expect.objectContaining({ topicId, unread: 1, mentionCount: 1 }));
  });

  it('when a group participant leaves, then they lose it and the others keep it; the last one out deletes it', async () => {
    const [alice, bob, carol] = [t.user(), t.user(), t.user()];
    await party(alice, bob, carol);
    const { id, topicId } = (await t.api(alice, 'POST', '/api/direct', { userIds: [bob.id, carol.id] })).body;
    expect((await t.api(carol, 'POST', `/api/parties/${id}/leave`)).status).toBe(204);
    expect((await t.api(carol, 'GET', '/api/direct')).body).toEqual([]);
    expect((await t.api(carol, 'GET', `/api/topics/${topicId}/messages`)).status).toBe(404);
    const left = (await t.api(alice, 'GET', `/api/direct/${id}`)).body;
    expect(left.participants.map((p: { userId: string }) => p.userId).sort()).toEqual(
      [alice.id, bob.id].sort(),
    );
    await t.api(alice, 'POST', `/api/parties/${id}/leave`);
    await t.api(bob, 'POST', `/api/parties/${id}/leave`);
    const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM parties WHERE id = $1', [id]);
    expect(rows[0].n).toBe(0);
  });

  it('when conversations are made and left, then no party event is written for accounts-service to copy', async () => {
    const [alice, bob, carol] = [t.user(), t.user(), t.user()];
    await party(alice, bob, carol);
    const pair = (await t.api(alice, 'POST', '/api/direct', { userIds: [bob.id] })).body;
    const trio = (await t.api(alice, 'POST', '/api/direct', { userIds: [bob.id, carol.id] })).body;
    await t.api(carol, 'POST', `/api/parties/${trio.id}/leave`);
    const { rows } = await t.db.pool.query(
      'SELECT count(*)::int AS n FROM outbox WHERE key = ANY($1::text[])',
      [[pair.id, trio.id]],
    );
    expect(rows[0].n).toBe(0);
  });

  it('when contacts are listed, then they are the people I share a party or conversation with, not myself and not strangers', async () => {
    const [alice, bob, carol, stranger] = [t.user(), t.user(), t.user(), t.user()];
    await party(alice, bob);
    await party(carol, bob);
    await party(stranger);
    const contacts = (await t.api(alice, 'GET', '/api/direct/contacts')).body;
    expect(contacts.map((c: { userId: string }) => c.userId)).toEqual([bob.id]);
    expect(contacts[0]).toEqual({
      userId: bob.id,
      username: bob.username,
      displayName: bob.username,
      avatarUrl: null,
    });
    // Bob starts a group with both: Alice and Carol now share a conversation.
    await t.api(bob, 'POST', '/api/direct', { userIds: [alice.id, carol.id] });
    const after = (await t.api(alice, 'GET', '/api/direct/contacts')).body;
    expect(after.map((c: { userId: string }) => c.userId).sort()).toEqual([bob.id, carol.id].sort());
    expect((await t.api(alice, 'POST', '/api/direct', { userIds: [carol.id] })).status).toBe(201);
  });

  it('when the input is malformed, then it is a 400 and nothing is made', async () => {
    const alice = t.user();
    for (const body of [{}, { userIds: 'x' }, { userIds: ['not-a-uuid'] }, { userIds: [], extra: 1 }]) {
      const res = await t.api(alice, 'POST', '/api/direct', body);
      expect([res.status, res.body.error.code]).toEqual([400, 'REQUEST.INVALID']);
    }
    expect((await t.api(alice, 'GET', '/api/direct/not-a-uuid')).status).toBe(400);
    expect((await t.api(alice, 'GET', '/api/direct')).body).toEqual([]);
  });
});
