import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { VirtuosoMockContext } from 'react-virtuoso';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { BOB, message, ME, mockFetch, PARTY_ID, renderWithProviders, TOPIC_ID } from '../../test/utils';
import { MessagePane } from './MessagePane';
import { requestEditLast } from './pane/editLastRequests';
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

// In the app the pane is inside the router (it reads ?message=), between the header and the composer.
const pane = (at = '/t') => {
  const router = createMemoryRouter(
    [
      {
        path: '/t',
        element: (
          <VirtuosoMockContext.Provider value={{ viewportHeight: 2000, itemHeight: 60 }}>
            <button type="button">Before the list</button>
            <MessagePane topicId={TOPIC_ID} topicName="general" myRole="member" />
            <textarea id="composer" aria-label="Message" />
          </VirtuosoMockContext.Provider>
        ),
      },
    ],
    { initialEntries: [at] },
  );
  paneRouter = router;
  return <RouterProvider router={router} />;
};
let paneRouter: ReturnType<typeof createMemoryRouter>;
const rowOf = (seq: number) => screen.getAllByTestId('message').find((el) => el.dataset.seq === String(seq))!;
const focusedSeq = () => (document.activeElement as HTMLElement | null)?.dataset.seq;

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
    // The list may draw its rows over more than one frame.
    await vi.waitFor(() => expect(within(log).getAllByTestId('message')).toHaveLength(5));
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
    // The menu is mounted when the pointer first comes over a row (a real click always comes after that).
    await userEvent.hover(items[0]!);
    await userEvent.click(await within(items[0]!).findByRole('button', { name: 'Message actions' }));
    expect(await screen.findByRole('menuitem', { name: 'Edit message' })).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    await userEvent.hover(items[3]!);
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

  it('is one tab stop: Tab lands on the newest message, arrows and Home/End move, Tab and Escape leave', async () => {
    serve({ lastReadSeq: 5 });
    renderWithProviders(pane());
    await vi.waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(5));
    const list = screen.getByTestId('message-list');
    await userEvent.click(screen.getByRole('button', { name: 'Before the list' }));
    await userEvent.tab();
    await vi.waitFor(() => expect(focusedSeq()).toBe('5'));
    await userEvent.keyboard('{ArrowUp}');
    await vi.waitFor(() => expect(focusedSeq()).toBe('4'));
    await userEvent.keyboard('{Home}');
    await vi.waitFor(() => expect(focusedSeq()).toBe('1'));
    await userEvent.keyboard('{ArrowUp}'); // stays on the first loaded message
    await userEvent.keyboard('{ArrowDown}');
    await vi.waitFor(() => expect(focusedSeq()).toBe('2'));
    await userEvent.keyboard('{End}');
    await vi.waitFor(() => expect(focusedSeq()).toBe('5'));
    // Tab leaves the list at once instead of walking every row's buttons.
    await userEvent.tab();
    expect(list.contains(document.activeElement)).toBe(false);
    // Shift+Tab comes back to the message that had the focus, not to the last row's button.
    screen.getByRole('textbox', { name: 'Message' }).focus();
    await userEvent.tab({ shift: true });
    await vi.waitFor(() => expect(focusedSeq()).toBe('5'));
    await userEvent.keyboard('{Escape}');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
  });

  it('a focused row says who wrote it and when, and describes it with its text', async () => {
    serve({ lastReadSeq: 5 });
    renderWithProviders(pane());
    await vi.waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(5));
    const row = rowOf(3);
    expect(row).toHaveAttribute('tabindex', '-1');
    expect(row).toHaveAttribute('aria-posinset', '3');
    expect(row.getAttribute('aria-label')).toMatch(/^Bob at /);
    // (jsdom's accessible-name computation does not see into the virtualized rows; the wiring is checked.)
    const described = document.getElementById(row.getAttribute('aria-describedby') ?? '');
    expect(row).toContainElement(described);
    expect(described).toHaveTextContent('message 3');
  });

  it('Enter on a focused message opens its menu', async () => {
    serve({ lastReadSeq: 5 });
    renderWithProviders(pane());
    await vi.waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(5));
    act(() => rowOf(2).focus());
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('menuitem', { name: 'Edit message' })).toBeInTheDocument();
    expect(screen.getByRole('menuitem', { name: 'Copy text' })).toBeInTheDocument();
  });

  it('Up arrow in the composer edits my newest loaded message', async () => {
    serve({ lastReadSeq: 5 });
    renderWithProviders(pane());
    await vi.waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(5));
    act(() => requestEditLast(TOPIC_ID));
    const editor = await screen.findByRole('textbox', { name: 'Edit message' });
    // Messages 1-2 are mine: the newest is 2.
    expect(editor).toHaveValue('message 2');
    expect(rowOf(2)).toContainElement(editor);
    await vi.waitFor(() => expect(document.activeElement).toBe(editor));
  });

  it('opens at ?message=<seq>: loads the history around it, highlights it, and takes it out of the address', async () => {
    const asked: string[] = [];
    mockFetch(({ method, path }) => {
      if (path === '/api/unread')
        return {
          status: 200,
          body: {
            topics: [{ partyId: PARTY_ID, topicId: TOPIC_ID, lastSeq: 500, lastReadSeq: 500, unread: 0 }],
          },
        };
      if (method === 'GET' && path.startsWith(`/api/topics/${TOPIC_ID}/messages`)) {
        asked.push(path);
        const around = new URL(path, 'http://x').searchParams.get('around');
        const seqs = around ? [40, 41, 42, 43, 44] : [496, 497, 498, 499, 500];
        return {
          status: 200,
          body: { messages: seqs.map((q) => message(q)), hasOlder: true, hasNewer: !!around },
        };
      }
      return { status: 204 };
    });
    renderWithProviders(pane('/t?message=42'));
    await vi.waitFor(() => expect(rowOf(42)).toBeDefined());
    expect(asked.some((p) => p.includes('around=42'))).toBe(true);
    await vi.waitFor(() => expect(rowOf(42).closest('[data-seen-seq]')).toHaveAttribute('data-highlighted'));
    expect(rowOf(41).closest('[data-seen-seq]')).not.toHaveAttribute('data-highlighted');
    expect(paneRouter.state.location.search).toBe('');
  });

  it('puts a date separator before the first message of each day, and only there', async () => {
    mockFetch(({ method, path }) => {
      if (path === '/api/unread')
        return {
          status: 200,
          body: { topics: [{ partyId: PARTY_ID, topicId: TOPIC_ID, lastSeq: 4, lastReadSeq: 4, unread: 0 }] },
        };
      if (method === 'GET' && path.startsWith(`/api/topics/${TOPIC_ID}/messages`))
        return {
          status: 200,
          body: {
            messages: [
              message(1, { createdAt: '2025-03-03T10:00:00.000Z' }),
              message(2, { createdAt: '2025-03-03T10:01:00.000Z' }),
              message(3, { createdAt: '2025-03-05T10:00:00.000Z' }),
              message(4, { createdAt: '2025-03-05T10:02:00.000Z' }),
            ],
            hasOlder: false,
            hasNewer: false,
          },
        };
      return { status: 204 };
    });
    renderWithProviders(pane());
    await vi.waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(4));
    const separators = screen.getAllByTestId('date-separator');
    expect(separators).toHaveLength(2);
    expect(separators[0]!.nextElementSibling).toBe(rowOf(1));
    expect(separators[1]!.nextElementSibling).toBe(rowOf(3));
    expect(separators[1]).toHaveAttribute('aria-label', expect.stringMatching(/March 5, 2025/));
  });
});
