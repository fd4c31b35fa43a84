// The app's socket against a real socket.io server: it asks for batches in the handshake, and the events of a
// `batch` reach the event bus one by one, in the batch's order, between the plain events around it.
import { Server } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { onServerEvent, receiveServerEvent } from './eventBus';
import { startSocket, stopSocket } from './socketClient';

const topicId = '00000000-0000-4000-8000-0000000000aa';

describe('the app socket', () => {
  let io: Server;
  let url: string;

  beforeEach(async () => {
    io = new Server({ cors: { origin: '*' } });
    io.listen(0);
    await new Promise<void>((resolve) => {
      if (io.httpServer.listening) resolve();
      else io.httpServer.once('listening', () => resolve());
    });
    url = `http://127.0.0.1:${(io.httpServer.address() as { port: number }).port}`;
  });
  afterEach(async () => {
    stopSocket();
    await io.close();
  });

  const start = () =>
    startSocket({
      url,
      getToken: async () => 'token-1',
      refresh: async () => true,
      onConnect: () => undefined,
      onDisconnect: () => undefined,
      onConnecting: () => undefined,
    });

  it('when the server sends a batch between plain events, every event is dispatched once, in order', async () => {
    const auth = new Promise<unknown>((resolve) =>
      io.on('connection', (socket) => {
        resolve(socket.handshake.auth);
        socket.emit('read:updated', { topicId, seq: 1 });
        socket.emit('batch', [
          ['read:updated', { topicId, seq: 2 }],
          ['typing', { partyId: topicId, topicId, userId: topicId, displayName: 'Bob', expiresAt: 'x' }],
          ['read:updated', { topicId, seq: 3 }],
        ]);
        socket.emit('read:updated', { topicId, seq: 4 });
      }),
    );
    const seen: string[] = [];
    const offs = [
      onServerEvent('read:updated', (e) => seen.push(`read ${e.seq}`)),
      onServerEvent('typing', (e) => seen.push(`typing ${e.displayName}`)),
      // Nobody listens to the batch itself: it must never be dispatched as an event.
      onServerEvent('batch', () => seen.push('batch')),
    ];
    start();

    expect(await auth).toEqual({ token: 'token-1', batch: true });
    await waitFor(() => seen.length >= 5);
    expect(seen).toEqual(['read 1', 'read 2', 'typing Bob', 'read 3', 'read 4']);
    offs.forEach((off) => off());
  });
});

describe('receiveServerEvent', () => {
  it('when a handler of a batched event throws, the events after it are still dispatched', () => {
    const seen: number[] = [];
    const offs = [
      onServerEvent('read:updated', (e) => {
        if (e.seq === 2) throw new Error('boom');
        seen.push(e.seq);
      }),
    ];
    const error = console.error;
    console.error = () => undefined;
    try {
      receiveServerEvent('batch', [
        ['read:updated', { topicId, seq: 1 }],
        ['read:updated', { topicId, seq: 2 }],
        'not an entry',
        ['batch', [['read:updated', { topicId, seq: 99 }]]],
        ['read:updated', { topicId, seq: 3 }],
      ]);
    } finally {
      console.error = error;
    }
    expect(seen).toEqual([1, 3]);
    offs.forEach((off) => off());
  });
});

async function waitFor(check: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
