import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { message, ME, mockFetch, PARTY_ID, signedInStore, TOPIC_ID } from '../../test/utils';
import { messagesApi } from './messagesApi';
import { retrySend, sendMessage } from './sendThunks';
import { selectAllOutgoing } from './outboxSlice';

// No socket in these tests: sends go over REST (the fallback path), which is easy to script.
vi.mock('../../socket/socketClient', () => ({
  isSocketConnected: () => false,
  emitWithAck: () => Promise.reject(new Error('no socket')),
}));

let posted: { nonce: string; body: string }[] = [];
let failNext = false;

beforeEach(() => {
  posted = [];
  failNext = false;
  mockFetch(({ method, path, body }) => {
    if (method === 'GET' && path.startsWith(`/api/topics/${TOPIC_ID}/messages`))
      return { status: 200, body: { messages: [message(1)], hasOlder: false, hasNewer: false } };
    if (method === 'POST' && path === `/api/topics/${TOPIC_ID}/messages`) {
      const b = body as { nonce: string; body: string };
      posted.push(b);
      if (failNext) {
        failNext = false;
        return { status: 500, body: { error: { code: 'INTERNAL', message: 'Server hiccup' } } };
      }
      return { status: 201, body: message(2, { nonce: b.nonce, body: b.body, author: { ...ME } }) };
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

  it('when the send fails, it is marked failed, and Retry resends with the same nonce', async () => {
    const store = signedInStore();
    await store.dispatch(messagesApi.endpoints.getMessages.initiate(TOPIC_ID));
    failNext = true;

    await store.dispatch(sendMessage({ topicId: TOPIC_ID, partyId: PARTY_ID, body: 'try me' }));
    const [failed] = selectAllOutgoing(store.getState());
    expect(failed).toMatchObject({ status: 'failed', error: 'Server hiccup' });

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
});
