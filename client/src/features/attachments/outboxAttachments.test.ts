// A send with files goes through the outbox like any other: a failed attempt and its Retry carry the same
// nonce and the same attachment ids, so the server links the files once (no socket here: REST, scripted).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Attachment } from '../../api/types';
import { message, ME, mockFetch, PARTY_ID, signedInStore, TOPIC_ID } from '../../test/utils';
import { messagesApi } from '../messages/messagesApi';
import { selectAllOutgoing } from '../messages/outboxSlice';
import { retrySend, sendMessage } from '../messages/sendThunks';

vi.mock('../../socket/socketClient', () => ({
  isSocketConnected: () => false,
  probeConnection: () => undefined,
  emitWithAck: () => Promise.reject(new Error('no socket')),
}));

const file: Attachment = {
  id: '00000000-0000-4000-8000-0000000000e1',
  name: 'plan.pdf',
  size: 1234,
  contentType: 'application/pdf',
  hasThumbnail: false,
};

let posted: { nonce: string; body: string; attachmentIds?: string[] }[] = [];
let refuseNext = false;

beforeEach(() => {
  posted = [];
  refuseNext = false;
  mockFetch(({ method, path, body }) => {
    if (method === 'GET' && path.startsWith(`/api/topics/${TOPIC_ID}/messages`))
      return { status: 200, body: { messages: [message(1)], hasOlder: false, hasNewer: false } };
    if (method === 'POST' && path === `/api/topics/${TOPIC_ID}/messages`) {
      const b = body as (typeof posted)[number];
      posted.push(b);
      if (refuseNext) {
        refuseNext = false;
        return { status: 403, body: { error: { code: 'TOPIC.FORBIDDEN', message: 'Not now' } } };
      }
      return {
        status: 201,
        body: message(2, { nonce: b.nonce, body: b.body, author: { ...ME }, attachments: [file] }),
      };
    }
    return { status: 404, body: { error: { code: 'ROUTE.NOT_FOUND', message: path } } };
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('sending files through the outbox', () => {
  it('a refused files-only send keeps its files; Retry sends the same nonce with the same attachment ids', async () => {
    const store = signedInStore();
    await store.dispatch(messagesApi.endpoints.getMessages.initiate(TOPIC_ID));
    refuseNext = true;

    await store.dispatch(
      sendMessage({
        topicId: TOPIC_ID,
        partyId: PARTY_ID,
        body: '',
        attachmentIds: [file.id],
        attachments: [file],
      }),
    );
    const [failed] = selectAllOutgoing(store.getState());
    expect(failed).toMatchObject({ status: 'failed', attachmentIds: [file.id], attachments: [file] });

    await store.dispatch(retrySend(failed!.nonce));
    expect(posted).toEqual([
      { body: '', nonce: failed!.nonce, attachmentIds: [file.id] },
      { body: '', nonce: failed!.nonce, attachmentIds: [file.id] },
    ]);
    expect(selectAllOutgoing(store.getState())).toEqual([]);
    const win = messagesApi.endpoints.getMessages.select(TOPIC_ID)(store.getState()).data;
    expect(win?.entities['m-2']?.attachments).toEqual([file]);
  });

  it('a send without files sends no attachmentIds field', async () => {
    const store = signedInStore();
    await store.dispatch(messagesApi.endpoints.getMessages.initiate(TOPIC_ID));
    await store.dispatch(sendMessage({ topicId: TOPIC_ID, partyId: PARTY_ID, body: 'plain' }));
    expect(posted[0]).not.toHaveProperty('attachmentIds');
  });
});
