import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { message, ME, mockFetch, PARTY_ID, signedInStore, TOPIC_ID } from '../../test/utils';
import { messagesApi } from './messagesApi';
import { retrySend, sendMessage } from './sendThunks';
import { connected } from '../../socket/connectionSlice';
import { selectAllOutgoing } from './outboxSlice';

// No socket in these tests: sends go over REST (the fallback path), which is easy to script.
vi.mock('../../socket/socketClient', () => ({
  isSocketConnected: () => false,
  probeConnection: () => undefined,
  emitWithAck: () => Promise.reject(new Error('no socket')),
}));

let posted: { nonce: string; body: string }[] = [];
let failNext = false;
/** Replies to the next POSTs, in order, before the normal 201. */
let script: { status: number; body: unknown; headers?: Record<string, string> }[] = [];
let seq = 1;

beforeEach(() => {
  posted = [];
  failNext = false;
  script = [];
  seq = 1;
  mockFetch(({ method, path, body }) => {
    if (method === 'GET' && path.startsWith(`/api/topics/${TOPIC_ID}/messages`))
      return { status: 200, body: { messages: [message(1)], hasOlder: false, hasNewer: false } };
    if (method === 'POST' && path === `/api/topics/${TOPIC_ID}/messages`) {
      const b = body as { nonce: string; body: string };
      posted.push(b);
      if (failNext) {
        failNext = false;
        return {
          status: 403,
          body: { error: { code: 'TOPIC.FORBIDDEN', message: 'You cannot write here' } },
        };
      }
      const scripted = script.shift();
      if (scripted) return scripted;
      seq += 1;
      return { status: 201, body: message(seq, { nonce: b.nonce, body: b.body, author: { ...ME } }) };
    }
    return { status: 404, body: { error: { code: 'ROUTE.NOT_FOUND', message: path } } };
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('sending a message', () => {
  it('shows it at once as pending, then as the stored message once the server has it', async () => {
    const store = signedInStore();
    await store.dispatch(messagesApi.endpoints.getMessages.initiate(TOPIC_ID));

    const sending = store.dispatch(sendMessage({ topicId: TOPIC_ID, partyId: PARTY_ID, body: 'hello' }));
    expect(selectAllOutgoing(store.getState())).toMatchObject([{ body: 'hello', status: 'pending' }]);

    await sending;
    expect(selectAllOutgoing(store.getState())).toEqual([]);
    const win = messagesApi.endpoints.getMessages.select(TOPIC_ID)(store.getState()).data;
    expect(win?.ids).toEqual(['m-1', 'm-2']);
    expect(win?.entities['m-2']?.body).toBe('hello');
  });

  it('when the server refuses the send, it is marked failed, and Retry resends with the same nonce', async () => {
    const store = signedInStore();
    await store.dispatch(messagesApi.endpoints.getMessages.initiate(TOPIC_ID));
    failNext = true;

    await store.dispatch(sendMessage({ topicId: TOPIC_ID, partyId: PARTY_ID, body: 'try me' }));
    const [failed] = selectAllOutgoing(store.getState());
    expect(failed).toMatchObject({ status: 'failed', error: 'You cannot write here' });

    await store.dispatch(retrySend(failed!.nonce));
    expect(posted.map((p) => p.nonce)).toEqual([failed!.nonce, failed!.nonce]);
    expect(selectAllOutgoing(store.getState())).toEqual([]);
  });

  it('every send gets a fresh nonce', async () => {
    const store = signedInStore();
    await store.dispatch(messagesApi.endpoints.getMessages.initiate(TOPIC_ID));
    await store.dispatch(sendMessage({ topicId: TOPIC_ID, partyId: PARTY_ID, body: 'a' }));
    await store.dispatch(sendMessage({ topicId: TOPIC_ID, partyId: PARTY_ID, body: 'b' }));
    expect(new Set(posted.map((p) => p.nonce)).size).toBe(2);
  });

  it('when the server is unavailable (503 with Retry-After), it retries by itself after that long with the same nonce', async () => {
    const store = signedInStore();
    await store.dispatch(messagesApi.endpoints.getMessages.initiate(TOPIC_ID));
    script = [
      {
        status: 503,
        body: { error: { code: 'SERVICE.UNAVAILABLE', message: 'Try again soon' } },
        headers: { 'retry-after': '2' },
      },
    ];
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      await store.dispatch(sendMessage({ topicId: TOPIC_ID, partyId: PARTY_ID, body: 'patience' }));
      expect(selectAllOutgoing(store.getState())).toMatchObject([{ status: 'pending', body: 'patience' }]);
      expect(posted).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1_500);
      expect(posted).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1_000);
      await vi.waitFor(() => expect(selectAllOutgoing(store.getState())).toEqual([]));
    } finally {
      vi.useRealTimers();
    }
    expect(posted.map((p) => p.nonce)).toEqual([posted[0]!.nonce, posted[0]!.nonce]);
  });

  it('when rate limited, the send and the ones after it wait the time the server gave, then go out in order', async () => {
    const store = signedInStore();
    await store.dispatch(messagesApi.endpoints.getMessages.initiate(TOPIC_ID));
    script = [
      {
        status: 429,
        body: { error: { code: 'RATE_LIMITED', message: 'Too many messages; try again in 3 s' } },
      },
    ];
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      await store.dispatch(sendMessage({ topicId: TOPIC_ID, partyId: PARTY_ID, body: 'one' }));
      await store.dispatch(sendMessage({ topicId: TOPIC_ID, partyId: PARTY_ID, body: 'two' }));
      expect(posted.map((p) => p.body)).toEqual(['one']);
      expect(selectAllOutgoing(store.getState()).map((m) => m.status)).toEqual(['pending', 'pending']);
      await vi.advanceTimersByTimeAsync(3_100);
      await vi.waitFor(() => expect(selectAllOutgoing(store.getState())).toEqual([]));
    } finally {
      vi.useRealTimers();
    }
    expect(posted.map((p) => p.body)).toEqual(['one', 'one', 'two']);
    const win = messagesApi.endpoints.getMessages.select(TOPIC_ID)(store.getState()).data;
    expect(win && Object.values(win.entities).map((m) => m?.body)).toEqual(['message 1', 'one', 'two']);
  });

  it('offline, sends stay pending (never failed) and go out in order, with the same nonces, once connected', async () => {
    const store = signedInStore();
    await store.dispatch(messagesApi.endpoints.getMessages.initiate(TOPIC_ID));
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    for (const body of ['a', 'b', 'c']) {
      await store.dispatch(sendMessage({ topicId: TOPIC_ID, partyId: PARTY_ID, body }));
    }
    expect(posted).toEqual([]);
    expect(selectAllOutgoing(store.getState()).map((m) => [m.body, m.status])).toEqual([
      ['a', 'pending'],
      ['b', 'pending'],
      ['c', 'pending'],
    ]);
    const nonces = selectAllOutgoing(store.getState()).map((m) => m.nonce);
    online.mockReturnValue(true);
    store.dispatch(connected());
    await vi.waitFor(() => expect(selectAllOutgoing(store.getState())).toEqual([]));
    expect(posted.map((p) => [p.body, p.nonce])).toEqual([
      ['a', nonces[0]],
      ['b', nonces[1]],
      ['c', nonces[2]],
    ]);
  });
});
