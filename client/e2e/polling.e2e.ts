import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';

import { APP_URL, unique } from './harness.js';
import { createParty, join, signInApi } from './rest.js';

// A network that blocks WebSockets still chats: socket.io's long-polling transport, through the app's own
// origin and proxy, exactly as a browser behind such a network would reach it (issue 12.6).
describe('long polling only', () => {
  const sockets: Socket[] = [];
  afterAll(() => sockets.forEach((s) => s.close()));

  const connect = (token: string) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = io(APP_URL, {
        transports: ['polling'],
        auth: { token },
        extraHeaders: { origin: APP_URL },
        reconnection: false,
      });
      sockets.push(socket);
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });

  it('two members connect with transports polling through the app origin, one sends, the other receives', async () => {
    const id = unique();
    const alice = await signInApi(`poll_a${id}`);
    const bob = await signInApi(`poll_b${id}`);
    const { partyId, topicId } = await createParty(alice, `Polling ${id}`);
    await join(alice, partyId, [bob]);

    const [a, b] = await Promise.all([connect(alice.token), connect(bob.token)]);
    expect(a.io.engine.transport.name).toBe('polling');
    expect(b.io.engine.transport.name).toBe('polling');

    const received = new Promise<{ body: string; seq: number }>((resolve) =>
      b.on('message:created', (m: { body: string; seq: number; topicId: string }) => {
        if (m.topicId === topicId) resolve(m);
      }),
    );
    const ack = await a.timeout(10_000).emitWithAck('message:send', {
      topicId,
      body: 'over long polling',
      nonce: `poll-${id}-1`,
    });

    expect(ack).toMatchObject({ ok: true, message: { body: 'over long polling', seq: 1 } });
    expect(await received).toMatchObject({ body: 'over long polling', seq: 1 });
  }, 60_000);
});
