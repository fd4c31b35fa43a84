import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { BOB, message, ME, mockFetch, PARTY_ID, renderWithProviders, TOPIC_ID } from '../../test/utils';
import { MessagePane } from './MessagePane';
import { sendFailed, sendQueued } from './outboxSlice';

vi.mock('../../socket/socketClient', () => ({
  isSocketConnected: () => false,
  emitWithAck: () => Promise.reject(new Error('no socket')),
}));

afterEach(() => vi.unstubAllGlobals());

function serve({ lastReadSeq, postStatus = 201 }: { lastReadSeq: number; postStatus?: number }) {
  const reads: number[] = [];
  const fetchSpy = mockFetch(({ method, path, body }) => {
    if (path === '/api/unread')
      return {
        status: 200,
        body: {
          topics: [
            { partyId: PARTY_ID, topicId: TOPIC_ID, lastSeq: 5, lastReadSeq, unread: 5 - lastReadSeq },
          ],
        },
      };
    if (method === 'GET' && path.startsWith(`/api/topics/${TOPIC_ID}/messages`))
      return {
        status: 200,
        body: {
          messages: [1, 2, 3, 4, 5].map((s) => message(s, { author: s <= 2 ? { ...ME } : BOB })),
          hasOlder: false,
          hasNewer: false,
        },
      };
    if (method === 'PUT' && path === `/api/topics/${TOPIC_ID}/read`) {
      reads.push((body as { seq: number }).seq);
      return { status: 204 };
    }
    if (method === 'POST') {
      const b = body as { nonce: string; body: string };
      return postStatus === 201
        ? { status: 201, body: message(6, { nonce: b.nonce, body: b.body, author: { ...ME } }) }
        : { status: postStatus, body: { error: { code: 'INTERNAL', message: 'Server hiccup' } } };
    }
    return { status: 404, body: {} };
  });
  return { reads, fetchSpy };
}

describe('the message pane', () => {
  it('draws a "New messages" line before the first unread message', async () => {
    serve({ lastReadSeq: 3 });
    renderWithProviders(<MessagePane topicId={TOPIC_ID} topicName="general" myRole="member" />);

    const divider = await screen.findByTestId('new-messages-divider');
    const log = screen.getByRole('log', { name: 'Messages in general' });
    const items = within(log).getAllByTestId('message');
    expect(items).toHaveLength(5);
    // The line sits right before message 4, the first one after the read position.
    expect(divider.nextElementSibling).toHaveAttribute('data-seq', '4');
  });

  it('marks the topic read up to the newest message when it is in view', async () => {
    const { reads } = serve({ lastReadSeq: 3 });
    renderWithProviders(<MessagePane topicId={TOPIC_ID} topicName="general" myRole="member" />);
    await screen.findAllByTestId('message');
    await vi.waitFor(() => expect(reads).toEqual([5]));
  });

  it('shows a failed message with Retry, which sends it again', async () => {
    serve({ lastReadSeq: 5 });
    const { store } = renderWithProviders(
      <MessagePane topicId={TOPIC_ID} topicName="general" myRole="member" />,
    );
    await screen.findAllByTestId('message');
    store.dispatch(
      sendQueued({
        nonce: 'nonce-xyz-123',
        topicId: TOPIC_ID,
        partyId: PARTY_ID,
        body: 'did it go?',
        createdAt: new Date().toISOString(),
      }),
    );
    expect(await screen.findByText('Sending…')).toBeInTheDocument();
    store.dispatch(sendFailed({ nonce: 'nonce-xyz-123', error: 'Server hiccup' }));

    expect(await screen.findByText('Not sent')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));

    await vi.waitFor(() => expect(screen.queryByTestId('pending-message')).toBeNull());
    expect(screen.getByText('did it go?')).toBeInTheDocument();
  });

  it('offers edit only on my messages, and delete to moderators on everyone’s', async () => {
    serve({ lastReadSeq: 5 });
    renderWithProviders(<MessagePane topicId={TOPIC_ID} topicName="general" myRole="member" />);
    const items = await screen.findAllByTestId('message');
    // Messages 1-2 are mine, 3-5 are Bob's; a plain member can act on their own only.
    expect(within(items[0]!).queryByRole('button', { name: 'Message actions' })).not.toBeNull();
    expect(within(items[3]!).queryByRole('button', { name: 'Message actions' })).toBeNull();
  });
});
