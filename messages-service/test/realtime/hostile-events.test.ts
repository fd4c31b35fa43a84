// Hostile input over the socket of the whole service (issue 12.1, 12.3, 12.6): text PostgreSQL cannot store
// is refused in the ack and stores nothing; a token whose sub is not a user id is refused at the handshake
// with AUTH.TOKEN_INVALID; and the long-polling transport works, for networks that block WebSockets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestService, type TestService, type TestUser } from '../helpers/service.js';
import { connectToService } from './support/service-client.js';
import { nextEvent, request, type TestClient } from './support/wait.js';

let t: TestService;
const clients: TestClient[] = [];
beforeAll(async () => {
  t = await startTestService();
});
afterAll(async () => {
  for (const client of clients) client.close();
  await t?.close();
});

const NUL = '\u0000';

const open = async (user: TestUser, transports?: ('websocket' | 'polling')[]) => {
  const client = await connectToService(t, user.token, transports ? { transports } : {});
  clients.push(client);
  return client;
};

async function room() {
  const owner = t.user();
  const guest = t.user();
  const party = (await t.api(owner, 'POST', '/api/parties', { name: 'Chat' })).body;
  const { code } = (await t.api(owner, 'POST', `/api/parties/${party.id}/invites`, {})).body;
  await t.api(guest, 'POST', `/api/invites/${code}/accept`);
  const topicId: string = (await t.api(owner, 'GET', `/api/parties/${party.id}/topics`)).body[0].id;
  return { owner, guest, partyId: party.id as string, topicId };
}

const bodies = async (user: TestUser, topicId: string) =>
  ((await t.api(user, 'GET', `/api/topics/${topicId}/messages`)).body.messages as { body: string }[]).map(
    (m) => m.body,
  );

describe('text with NUL over the socket', () => {
  it('when message:send holds NUL in its body or nonce, then the ack is REQUEST.INVALID and nothing is stored', async () => {
    const { owner, topicId } = await room();
    const client = await open(owner);
    for (const payload of [
      { topicId, body: `a${NUL}b`, nonce: 'socket-nul-1' },
      { topicId, body: 'hi', nonce: `socket-${NUL}-nonce` },
    ]) {
      const reply = await request(client, 'message:send', payload);
      expect(reply).toMatchObject({ ok: false, error: { code: 'REQUEST.INVALID' } });
    }
    expect(await bodies(owner, topicId)).toEqual([]);
  });

  it('when message:edit holds NUL, then the ack is REQUEST.INVALID and the message keeps its text', async () => {
    const { owner, topicId } = await room();
    const client = await open(owner);
    const sent = await request(client, 'message:send', { topicId, body: 'before', nonce: 'socket-edit-1' });
    if (!sent.ok) throw new Error(JSON.stringify(sent));
    const reply = await request(client, 'message:edit', { messageId: sent.message.id, body: `x${NUL}` });
    expect(reply).toMatchObject({ ok: false, error: { code: 'REQUEST.INVALID' } });
    expect(await bodies(owner, topicId)).toEqual(['before']);
  });
});

describe('a signed token whose sub is not a user id', () => {
  it('when it connects, then the handshake is refused with AUTH.TOKEN_INVALID (not INTERNAL)', async () => {
    const token = t.signToken({ sub: 'not-a-uuid', username: 'mallory' });
    const error = (await connectToService(t, token).then(
      () => {
        throw new Error('connected');
      },
      (refused: unknown) => refused,
    )) as Error & { data?: { code?: string } };
    expect(error.message).toBe('AUTH.TOKEN_INVALID');
    expect(error.data?.code).toBe('AUTH.TOKEN_INVALID');
  });
});

describe('the long-polling transport', () => {
  it('when a client asks for a polling handshake, then socket.io answers it (not Express with a 404)', async () => {
    const reply = await fetch(`${t.service.url}/socket.io/?EIO=4&transport=polling`);
    expect(reply.status).toBe(200);
    expect(await reply.text()).toMatch(/^0\{"sid":/);
  });

  it('when two members connect with transports: [polling], then one sends and the other receives', async () => {
    const { owner, guest, topicId } = await room();
    const sender = await open(owner, ['polling']);
    const receiver = await open(guest, ['polling']);
    expect(sender.io.engine.transport.name).toBe('polling');
    const created = nextEvent(receiver, 'message:created', (m) => m.topicId === topicId);
    const ack = await request(sender, 'message:send', { topicId, body: 'over polling', nonce: 'polling-1' });
    expect(ack).toMatchObject({ ok: true, message: { body: 'over polling' } });
    expect(await created).toMatchObject({ topicId, body: 'over polling', seq: 1 });
    expect(receiver.io.engine.transport.name).toBe('polling');
  });
});
