// Issue 14 over REST on the real stack: reactions, mentions, replies, mention counts and notification
// settings, with their authorization.
import { makeEvent, REACTIONS_PER_MESSAGE_MAX } from '@partyline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestService, type TestService, type TestUser } from '../helpers/service.js';
import { connectToService } from '../realtime/support/service-client.js';
import { eventually, nextEvent, type TestClient } from '../realtime/support/wait.js';

let t: TestService;
const sockets: TestClient[] = [];
beforeAll(async () => {
  t = await startTestService();
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await t?.close();
});

interface Room {
  owner: TestUser;
  admin: TestUser;
  member: TestUser;
  partyId: string;
  topicId: string;
}

/** A party with an owner, an admin and a plain member, and its first topic. */
async function room(): Promise<Room> {
  const owner = t.user();
  const admin = t.user();
  const member = t.user();
  const party = (await t.api(owner, 'POST', '/api/parties', { name: 'Chat' })).body;
  const { code } = (await t.api(owner, 'POST', `/api/parties/${party.id}/invites`, {})).body;
  for (const user of [admin, member]) await t.api(user, 'POST', `/api/invites/${code}/accept`);
  await t.api(owner, 'PATCH', `/api/parties/${party.id}/members/${admin.id}`, { role: 'admin' });
  const topicId = (await t.api(owner, 'GET', `/api/parties/${party.id}/topics`)).body[0].id;
  return { owner, admin, member, partyId: party.id, topicId };
}

let nonceCounter = 0;
const nonce = () => `conv-${++nonceCounter}-${Date.now()}`;
const send = (user: TestUser, topicId: string, body: string, extra: object = {}) =>
  t.api(user, 'POST', `/api/topics/${topicId}/messages`, { body, nonce: nonce(), ...extra });
const react = (user: TestUser, messageId: string, emoji: string, method: 'PUT' | 'DELETE' = 'PUT') =>
  t.api(user, method, `/api/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`);
const history = async (user: TestUser, topicId: string) =>
  (await t.api(user, 'GET', `/api/topics/${topicId}/messages`)).body;
const unreadOf = async (user: TestUser, topicId: string) =>
  (await t.api(user, 'GET', '/api/unread')).body.topics.find(
    (x: { topicId: string }) => x.topicId === topicId,
  );
const count = async (sql: string, params: unknown[]) =>
  Number((await t.db.pool.query<{ n: string }>(sql, params)).rows[0]?.n);

// Twenty-one different emoji, each a single RGI emoji.
const EMOJI = [
  '👍',
  '❤️',
  '😂',
  '🎉',
  '😮',
  '😢',
  '🔥',
  '👀',
  '🙏',
  '💯',
  '✅',
  '🚀',
  '🤔',
  '👏',
  '😍',
  '🥳',
  '😎',
  '🍕',
  '🌮',
  '🐱',
  '🐶',
];

describe('reactions', () => {
  it('when a member reacts twice with the same emoji, one reaction is stored and both replies show it', async () => {
    const { owner, member, topicId } = await room();
    const message = (await send(owner, topicId, 'vote here')).body;
    const first = await react(member, message.id, '👍');
    const second = await react(member, message.id, '👍');
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      messageId: message.id,
      topicId,
      reactions: [{ emoji: '👍', count: 1, userIds: [member.id] }],
      mine: ['👍'],
    });
    expect(second.body.changeSeq).toBe(first.body.changeSeq);
    expect(await count('SELECT count(*) AS n FROM reactions WHERE message_id = $1', [message.id])).toBe(1);
    const [stored] = (await history(owner, topicId)).messages;
    expect(stored.reactions).toEqual([{ emoji: '👍', count: 1, userIds: [member.id] }]);
  });

  it('when reactions come in, they are counted per emoji in order of first reaction; the text form of ❤ is the emoji form', async () => {
    const { owner, admin, member, topicId } = await room();
    const message = (await send(owner, topicId, 'counts')).body;
    await react(admin, message.id, '🎉');
    await react(member, message.id, '❤');
    await react(owner, message.id, '🎉');
    const res = await react(member, message.id, '🎉');
    expect(res.body.reactions).toEqual([
      { emoji: '🎉', count: 3, userIds: [admin.id, owner.id, member.id] },
      { emoji: '❤️', count: 1, userIds: [member.id] },
    ]);
    expect(res.body.mine).toEqual(['❤️', '🎉']);
    const mine = await t.api(owner, 'GET', `/api/messages/${message.id}/reactions`);
    expect(mine.body.mine).toEqual(['🎉']);
  });

  it('when a reaction is removed twice, the second removal is fine and changes nothing', async () => {
    const { owner, member, topicId } = await room();
    const message = (await send(owner, topicId, 'oops')).body;
    await react(member, message.id, '🔥');
    const removed = await react(member, message.id, '🔥', 'DELETE');
    const again = await react(member, message.id, '🔥', 'DELETE');
    expect(removed.status).toBe(200);
    expect(removed.body.reactions).toEqual([]);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(removed.body);
    expect(await count('SELECT count(*) AS n FROM reactions WHERE message_id = $1', [message.id])).toBe(0);
  });

  it(`when a message has ${REACTIONS_PER_MESSAGE_MAX} different emoji, a new one is refused with REACTION.TOO_MANY and an existing one still counts`, async () => {
    const { owner, member, topicId } = await room();
    const message = (await send(owner, topicId, 'react away')).body;
    for (const emoji of EMOJI.slice(0, REACTIONS_PER_MESSAGE_MAX)) {
      expect((await react(owner, message.id, emoji)).status).toBe(200);
    }
    const refused = await react(member, message.id, EMOJI[REACTIONS_PER_MESSAGE_MAX]!);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('REACTION.TOO_MANY');
    expect((await react(member, message.id, EMOJI[0]!)).body.reactions[0]).toMatchObject({ count: 2 });
    expect(
      await count('SELECT count(DISTINCT emoji) AS n FROM reactions WHERE message_id = $1', [message.id]),
    ).toBe(REACTIONS_PER_MESSAGE_MAX);
  });

  it('when the emoji is not exactly one emoji, then 400 REACTION.INVALID_EMOJI and nothing is stored', async () => {
    const { owner, topicId } = await room();
    const message = (await send(owner, topicId, 'bad emoji')).body;
    for (const bad of ['a', '👍👍', 'like', ':smile:', ' ', '👍 ', '<script>', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'.repeat(3)]) {
      const res = await react(owner, message.id, bad);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code, bad).toBe('REACTION.INVALID_EMOJI');
    }
    const tooLong = await react(owner, message.id, 'x'.repeat(300));
    expect(tooLong.status).toBe(400);
    expect(await count('SELECT count(*) AS n FROM reactions WHERE message_id = $1', [message.id])).toBe(0);
  });

  it('when the emoji in the path is broken percent-encoding or encodes NUL, then 400 and nothing is stored', async () => {
    const { owner, topicId } = await room();
    const message = (await send(owner, topicId, 'encoded')).body;
    for (const raw of ['%E0%A4%A', '%F0%9F', '%00', '%F0%9F%91%8D%00', '%ZZ']) {
      const res = await t.api(owner, 'PUT', `/api/messages/${message.id}/reactions/${raw}`);
      expect(res.status, raw).toBe(400);
      expect(res.body.error.code, raw).toMatch(/^(REQUEST\.INVALID|REACTION\.INVALID_EMOJI)$/);
    }
    expect(await count('SELECT count(*) AS n FROM reactions WHERE message_id = $1', [message.id])).toBe(0);
  });

  it('when a non-member reacts or reads reactions, then 404 MESSAGE.NOT_FOUND, like a message that does not exist', async () => {
    const { owner, member, topicId } = await room();
    const message = (await send(owner, topicId, 'private')).body;
    await react(member, message.id, '👀');
    const outsider = t.user();
    for (const res of [
      await react(outsider, message.id, '👍'),
      await react(outsider, message.id, '👀', 'DELETE'),
      await t.api(outsider, 'GET', `/api/messages/${message.id}/reactions`),
      await react(owner, crypto.randomUUID(), '👍'),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('MESSAGE.NOT_FOUND');
    }
    expect(await count('SELECT count(*) AS n FROM reactions WHERE message_id = $1', [message.id])).toBe(1);
  });

  it('when a message is deleted, its reactions go and reacting to it is refused', async () => {
    const { owner, member, topicId } = await room();
    const message = (await send(owner, topicId, 'soon gone')).body;
    await react(member, message.id, '😢');
    expect((await t.api(owner, 'DELETE', `/api/messages/${message.id}`)).status).toBe(204);
    const res = await react(member, message.id, '👍');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('MESSAGE.NOT_FOUND');
    const [stored] = (await history(owner, topicId)).messages;
    expect(stored).toMatchObject({ reactions: [], deletedAt: expect.any(String) });
    expect(await count('SELECT count(*) AS n FROM reactions WHERE message_id = $1', [message.id])).toBe(0);
  });
});

describe('mentions', () => {
  it('when a member writes @everyone or @here, then 403 MESSAGE.MENTION_FORBIDDEN and nothing is stored', async () => {
    const { member, topicId } = await room();
    for (const body of ['hey @everyone', '@here look']) {
      const res = await send(member, topicId, body);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('MESSAGE.MENTION_FORBIDDEN');
    }
    expect(await count('SELECT count(*) AS n FROM messages WHERE topic_id = $1', [topicId])).toBe(0);
    expect(await count('SELECT last_seq AS n FROM topics WHERE id = $1', [topicId])).toBe(0);
    // Not a mention: inside code, or part of an address.
    const quoted = await send(member, topicId, 'type `@everyone` or mail me@everyone.org');
    expect(quoted.status).toBe(201);
    expect(quoted.body.mentions).toEqual({ userIds: [], everyone: false, here: false });
  });

  it('when an admin or the owner writes @everyone, it is stored and shown', async () => {
    const { owner, admin, topicId } = await room();
    const fromAdmin = await send(admin, topicId, 'meeting @everyone');
    const fromOwner = await send(owner, topicId, '@here and @everyone');
    expect(fromAdmin.status).toBe(201);
    expect(fromAdmin.body.mentions).toEqual({ userIds: [], everyone: true, here: false });
    expect(fromOwner.body.mentions).toEqual({ userIds: [], everyone: true, here: true });
  });

  it('when a message mentions members and non-members, only the members are kept, once each, in order', async () => {
    const { owner, admin, member, topicId } = await room();
    const stranger = t.user();
    await t.api(stranger, 'POST', '/api/parties', { name: 'Elsewhere' });
    const body = `<@${member.id}> <@${stranger.id}> <@${crypto.randomUUID()}> <@${admin.id}> <@${member.id.toUpperCase()}>`;
    const res = await send(owner, topicId, body);
    expect(res.status).toBe(201);
    expect(res.body.mentions).toEqual({ userIds: [member.id, admin.id], everyone: false, here: false });
    expect(res.body.body).toBe(body);
  });

  it('when a mentioned user is renamed, the message still mentions them by id', async () => {
    const { owner, member, topicId } = await room();
    const sent = (await send(owner, topicId, `ping <@${member.id}>`)).body;
    const state = {
      userId: member.id,
      username: `renamed_${member.username}`.slice(0, 32),
      displayName: 'Someone New',
      avatarUrl: null,
      createdAt: new Date().toISOString(),
    };
    const meta = { aggregateId: member.id, producer: 'accounts-service', correlationId: 'rename-1' };
    await t.service.services.users.applyUserState(
      makeEvent('UserUpdated', state, { ...meta, aggregateVersion: 5 }),
    );
    const members = (await t.api(owner, 'GET', `/api/parties/${sent.partyId}/members`)).body;
    expect(members.find((m: { userId: string }) => m.userId === member.id).displayName).toBe('Someone New');
    const [stored] = (await history(owner, topicId)).messages;
    expect(stored.body).toBe(`ping <@${member.id}>`);
    expect(stored.mentions.userIds).toEqual([member.id]);
  });

  it('when a member edits in an @everyone, then 403 and the message keeps its text; an admin may keep one when editing', async () => {
    const { admin, member, topicId } = await room();
    const mine = (await send(member, topicId, 'plain')).body;
    const refused = await t.api(member, 'PATCH', `/api/messages/${mine.id}`, { body: 'now @everyone' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('MESSAGE.MENTION_FORBIDDEN');
    expect((await history(member, topicId)).messages[0].body).toBe('plain');

    const announcement = (await send(admin, topicId, '@everyone lunch')).body;
    const edited = await t.api(admin, 'PATCH', `/api/messages/${announcement.id}`, {
      body: `@everyone lunch at 1, <@${member.id}>`,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.mentions).toEqual({ userIds: [member.id], everyone: true, here: false });
  });

  it('when a send with a mention is retried after the sender lost the role, the original comes back unchanged', async () => {
    const { owner, admin, topicId, partyId } = await room();
    const body = { body: '@everyone ship it', nonce: nonce() };
    const first = await t.api(admin, 'POST', `/api/topics/${topicId}/messages`, body);
    expect(first.status).toBe(201);
    await t.api(owner, 'PATCH', `/api/parties/${partyId}/members/${admin.id}`, { role: 'member' });
    const retry = await t.api(admin, 'POST', `/api/topics/${topicId}/messages`, body);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
  });
});

describe('replies', () => {
  it('when a reply names a message of another topic, or one that does not exist, then 404 MESSAGE.REPLY_NOT_FOUND and nothing is stored', async () => {
    const { owner, partyId, topicId } = await room();
    const other = (await t.api(owner, 'POST', `/api/parties/${partyId}/topics`, { name: 'other' })).body;
    const elsewhere = (await send(owner, other.id, 'over there')).body;
    for (const replyToId of [elsewhere.id, crypto.randomUUID()]) {
      const res = await send(owner, topicId, 'answer', { replyToId });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('MESSAGE.REPLY_NOT_FOUND');
    }
    expect(await count('SELECT count(*) AS n FROM messages WHERE topic_id = $1', [topicId])).toBe(0);
    expect((await send(owner, topicId, 'answer', { replyToId: 'not-a-uuid' })).status).toBe(400);
  });

  it('when a non-member replies, then 404 TOPIC.NOT_FOUND: the reply target is not even looked at', async () => {
    const { owner, topicId } = await room();
    const original = (await send(owner, topicId, 'members only')).body;
    const res = await send(t.user(), topicId, 'sneaky', { replyToId: original.id });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('TOPIC.NOT_FOUND');
  });

  it('when the original is edited, the reply shows its current first line; when deleted, it shows as deleted', async () => {
    const { owner, member, topicId } = await room();
    const original = (await send(owner, topicId, 'first line\nsecond line')).body;
    const reply = await send(member, topicId, 'agreed', { replyToId: original.id });
    expect(reply.status).toBe(201);
    expect(reply.body.replyTo).toEqual({
      id: original.id,
      seq: original.seq,
      authorId: owner.id,
      excerpt: 'first line',
      deleted: false,
    });

    const long = `${'é'.repeat(150)}\nmore`;
    await t.api(owner, 'PATCH', `/api/messages/${original.id}`, { body: long });
    let shown = (await history(member, topicId)).messages.find((m: { id: string }) => m.id === reply.body.id);
    expect(shown.replyTo).toMatchObject({ excerpt: 'é'.repeat(120), deleted: false });

    await t.api(owner, 'DELETE', `/api/messages/${original.id}`);
    shown = (await history(member, topicId)).messages.find((m: { id: string }) => m.id === reply.body.id);
    expect(shown.replyTo).toEqual({
      id: original.id,
      seq: original.seq,
      authorId: owner.id,
      excerpt: '',
      deleted: true,
    });
    // A deleted message takes no new replies.
    const late = await send(member, topicId, 'too late', { replyToId: original.id });
    expect(late.body.error.code).toBe('MESSAGE.REPLY_NOT_FOUND');
  });
});

describe('mention counts', () => {
  it('when messages mention me, @everyone, or @here while I am online, the count follows on every device and after I mark read', async () => {
    const { owner, admin, member, topicId } = await room();
    const laptop = await connectToService(t, member.token);
    const phone = await connectToService(t, member.token);
    sockets.push(laptop, phone);

    // My own message first: sending moves my read position to it.
    await send(member, topicId, `note to self <@${member.id}>`); // mine: does not count
    await send(owner, topicId, `hi <@${member.id}>`); // counts
    await send(owner, topicId, 'no mention here'); // does not
    await send(admin, topicId, '@everyone standup'); // counts
    await send(admin, topicId, '@here quick one'); // counts: member is online
    const deleted = (await send(owner, topicId, `gone <@${member.id}>`)).body;
    await t.api(owner, 'DELETE', `/api/messages/${deleted.id}`); // does not count once deleted
    laptop.close();
    phone.close();
    await eventually(async () => {
      const online = await t.service.realtime.presence.online([member.id]);
      return online.length === 0;
    });
    await send(admin, topicId, '@here anyone?'); // member was offline: does not count

    // The owner sent after the @everyone, which moved their read position past it: nothing for them.
    expect(await unreadOf(owner, topicId)).toMatchObject({ mentionCount: 0 });
    const seen = await unreadOf(member, topicId);
    expect(seen).toMatchObject({ mentionCount: 3, level: 'all' });

    // A second device (another token of the same user) reads the same stored counts.
    const otherDevice = { ...member, token: t.signToken({ sub: member.id, username: member.username }) };
    expect(await unreadOf(otherDevice, topicId)).toMatchObject({ mentionCount: 3 });

    // Reading up to the @everyone leaves only the later @here.
    const page = (await history(member, topicId)).messages;
    const everyone = page.find((m: { body: string }) => m.body === '@everyone standup');
    await t.api(member, 'PUT', `/api/topics/${topicId}/read`, { seq: everyone.seq });
    expect(await unreadOf(otherDevice, topicId)).toMatchObject({ mentionCount: 1 });
    await t.api(otherDevice, 'PUT', `/api/topics/${topicId}/read`, { seq: seen.lastSeq });
    expect(await unreadOf(member, topicId)).toMatchObject({ mentionCount: 0, unread: 0 });
  });

  it('when an edit adds or removes a mention of me, the count follows', async () => {
    const { owner, member, topicId } = await room();
    const message = (await send(owner, topicId, 'hello')).body;
    expect(await unreadOf(member, topicId)).toMatchObject({ mentionCount: 0, unread: 1 });
    await t.api(owner, 'PATCH', `/api/messages/${message.id}`, { body: `hello <@${member.id}>` });
    expect(await unreadOf(member, topicId)).toMatchObject({ mentionCount: 1 });
    await t.api(owner, 'PATCH', `/api/messages/${message.id}`, { body: 'hello all' });
    expect(await unreadOf(member, topicId)).toMatchObject({ mentionCount: 0 });
  });
});

describe('notification settings', () => {
  it('when I mute a topic and set a party to mentions, the unread reply reports each effective level and my devices hear of it', async () => {
    const { owner, member, partyId, topicId } = await room();
    const quiet = (await t.api(owner, 'POST', `/api/parties/${partyId}/topics`, { name: 'quiet' })).body;
    const device = await connectToService(t, member.token);
    sockets.push(device);

    const pushed = nextEvent(device, 'notify:updated', (e) => e.topicId === quiet.id);
    const muted = await t.api(member, 'PUT', `/api/topics/${quiet.id}/notification-settings`, {
      level: 'none',
    });
    expect(muted.status).toBe(200);
    expect(muted.body).toEqual({ partyId, topicId: quiet.id, level: 'none' });
    expect(await pushed).toEqual({ partyId, topicId: quiet.id, level: 'none' });
    // Idempotent.
    expect(
      (await t.api(member, 'PUT', `/api/topics/${quiet.id}/notification-settings`, { level: 'none' })).body,
    ).toEqual(muted.body);
    const party = await t.api(member, 'PUT', `/api/parties/${partyId}/notification-settings`, {
      level: 'mentions',
    });
    expect(party.body).toEqual({ partyId, level: 'mentions' });

    await send(owner, quiet.id, `hush <@${member.id}>`);
    expect(await unreadOf(member, quiet.id)).toMatchObject({ level: 'none', unread: 1, mentionCount: 1 });
    expect(await unreadOf(member, topicId)).toMatchObject({ level: 'mentions' });
    expect(await unreadOf(owner, quiet.id)).toMatchObject({ level: 'all' });
    expect((await t.api(member, 'GET', '/api/notification-settings')).body).toEqual({
      parties: [{ partyId, level: 'mentions' }],
      topics: [{ partyId, topicId: quiet.id, level: 'none' }],
    });

    // Back to the defaults: nothing listed, the levels follow again.
    await t.api(member, 'PUT', `/api/topics/${quiet.id}/notification-settings`, { level: 'inherit' });
    expect(await unreadOf(member, quiet.id)).toMatchObject({ level: 'mentions' });
    await t.api(member, 'PUT', `/api/parties/${partyId}/notification-settings`, { level: 'all' });
    expect((await t.api(member, 'GET', '/api/notification-settings')).body).toEqual({
      parties: [],
      topics: [],
    });
  });

  it('when a non-member sets a level, then 404 and nothing is stored; a bad level is 400 REQUEST.INVALID', async () => {
    const { owner, partyId, topicId } = await room();
    const outsider = t.user();
    const party = await t.api(outsider, 'PUT', `/api/parties/${partyId}/notification-settings`, {
      level: 'none',
    });
    expect(party.status).toBe(404);
    expect(party.body.error.code).toBe('PARTY.NOT_FOUND');
    const topic = await t.api(outsider, 'PUT', `/api/topics/${topicId}/notification-settings`, {
      level: 'none',
    });
    expect(topic.status).toBe(404);
    expect(topic.body.error.code).toBe('TOPIC.NOT_FOUND');
    for (const body of [{ level: 'loud' }, { level: 'inherit' }, {}, { level: 'none', extra: 1 }]) {
      const res = await t.api(owner, 'PUT', `/api/parties/${partyId}/notification-settings`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('REQUEST.INVALID');
    }
    const badTopic = await t.api(owner, 'PUT', `/api/topics/${topicId}/notification-settings`, {
      level: 'ALL',
    });
    expect(badTopic.body.error.code).toBe('REQUEST.INVALID');
    expect(
      await count(
        `SELECT (SELECT count(*) FROM party_notification_settings WHERE party_id = $1)
              + (SELECT count(*) FROM topic_notification_settings WHERE topic_id = $2) AS n`,
        [partyId, topicId],
      ),
    ).toBe(0);
  });
});
