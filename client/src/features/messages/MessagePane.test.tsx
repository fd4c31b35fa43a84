import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { VirtuosoMockContext } from 'react-virtuoso';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { BOB, message, ME, mockFetch, PARTY_ID, renderWithProviders, TOPIC_ID } from '../../test/utils';
import { MessagePane } from './MessagePane';
import { sendFailed, sendQueued } from './outboxSlice';

vi.mock('../../socket/socketClient', () => ({
  isSocketConnected: () => false,
  probeConnection: () => undefined,
  emitWithAck: () => Promise.reject(new Error('no socket')),
}));

// Chakra's menu scrolls its list into place; jsdom has no Element.scrollTo.
Element.prototype.scrollTo ??= () => undefined;

// jsdom has no layout: Virtuoso gets a fixed viewport and row height, and the observer of what is on
// screen reports the rows this test says are visible (all of them unless told otherwise).
let onScreen: (seq: number) => boolean = () => true;
class FakeIntersectionObserver {
  constructor(private readonly cb: IntersectionObserverCallback) {}
  observe(el: HTMLElement) {
    const visible = onScreen(Number(el.dataset.seenSeq));
    const rect = { height: visible ? 60 : 0 } as DOMRectReadOnly;
    queueMicrotask(() =>
      this.cb(
        [
          {
            target: el,
            isIntersecting: visible,
            intersectionRatio: visible ? 1 : 0,
            intersectionRect: rect,
            rootBounds: { height: 600 } as DOMRectReadOnly,
          } as unknown as IntersectionObserverEntry,
        ],
        this as unknown as IntersectionObserver,
      ),
    );
  }
  unobserve() {}
  disconnect() {}
}
beforeEach(() => {
  onScreen = () => true;
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
});
afterEach(() => vi.unstubAllGlobals());

const pane = () => (
  <VirtuosoMockContext.Provider value={{ viewportHeight: 2000, itemHeight: 60 }}>
    <MessagePane topicId={TOPIC_ID} topicName="general" myRole="member" />
  </VirtuosoMockContext.Provider>
);

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
    renderWithProviders(pane());

    const divider = await screen.findByTestId('new-messages-divider');
    const log = screen.getByRole('log', { name: 'Messages in general' });
    const items = within(log).getAllByTestId('message');
    expect(items).toHaveLength(5);
    // The line sits right before message 4, the first one after the read position.
    expect(divider.nextElementSibling).toHaveAttribute('data-seq', '4');
  });

  it('moves the read position only as far as what has been on screen', async () => {
    onScreen = (seq) => seq <= 4;
    const { reads } = serve({ lastReadSeq: 3 });
    renderWithProviders(pane());
    await screen.findAllByTestId('message');
    await vi.waitFor(() => expect(reads).toEqual([4]));
    await new Promise((r) => setTimeout(r, 800));
    expect(reads).toEqual([4]);
  });

  it('marks the topic read up to the newest message when it is in view', async () => {
    const { reads } = serve({ lastReadSeq: 3 });
    renderWithProviders(pane());
    await screen.findAllByTestId('message');
    await vi.waitFor(() => expect(reads).toEqual([5]));
  });

  it('shows a refused message with Retry, which sends it again', async () => {
    serve({ lastReadSeq: 5 });
    const { store } = renderWithProviders(pane());
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
    await userEvent.click(await screen.findByRole('button', { name: 'Retry' }));

    await vi.waitFor(() => expect(screen.queryByTestId('pending-message')).toBeNull());
    expect(screen.getByText('did it go?')).toBeInTheDocument();
  });

  it('offers edit only on my messages, and delete to moderators on everyone’s', async () => {
    serve({ lastReadSeq: 5 });
    renderWithProviders(pane());
    await vi.waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(5));
    const items = screen.getAllByTestId('message');
    // Messages 1-2 are mine, 3-5 are Bob's; a plain member edits and deletes their own only.
    await userEvent.click(await within(items[0]!).findByRole('button', { name: 'Message actions' }));
    expect(await screen.findByRole('menuitem', { name: 'Edit message' })).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    await userEvent.click(await within(items[3]!).findByRole('button', { name: 'Message actions' }));
    await screen.findByRole('menuitem', { name: 'Copy text' });
    expect(screen.queryByRole('menuitem', { name: 'Edit message' })).toBeNull();
    expect(screen.queryByRole('menuitem', { name: /Delete/ })).toBeNull();
  });
  it('marks nothing read while the tab is hidden', async () => {
    const hidden = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    const { reads } = serve({ lastReadSeq: 3 });
    renderWithProviders(pane());
    await screen.findAllByTestId('message');
    await new Promise((r) => setTimeout(r, 800));
    expect(reads).toEqual([]);
    hidden.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(reads).toEqual([5]));
  });
});
