import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { DirectContact, DirectConversation } from '@partyline/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { ME, mockFetch, renderRoutes } from '../../test/utils';
import { conversationTitle, directApi } from './directApi';
import { NewMessageModal, OTHERS_MAX } from './NewMessageModal';

const person = (n: number, name: string): DirectContact => ({
  userId: `00000000-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`,
  username: name.toLowerCase(),
  displayName: name,
  avatarUrl: null,
});
const NAMES = ['Bob', 'Carol', 'Dave', 'Erin', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy', 'Mallory', 'Niaj'];
const CONTACTS = NAMES.map((name, i) => person(i, name));

afterEach(() => vi.unstubAllGlobals());

function open() {
  const created: unknown[] = [];
  mockFetch(({ method, path, body }) => {
    if (path === '/api/direct/contacts') return { status: 200, body: CONTACTS };
    if (method === 'POST' && path === '/api/direct') {
      created.push(body);
      const ids = (body as { userIds: string[] }).userIds;
      const conversation: DirectConversation = {
        id: '00000000-0000-4000-8000-0000000000c1',
        topicId: '00000000-0000-4000-8000-0000000000c2',
        group: ids.length > 1,
        participants: [{ userId: ME.id, username: 'alice', displayName: 'Alice', avatarUrl: null }],
        lastActivityAt: '2026-01-01T00:00:00.000Z',
        createdAt: '2026-01-01T00:00:00.000Z',
      };
      return { status: 201, body: conversation };
    }
    return { status: 404, body: { error: { code: 'ROUTE.NOT_FOUND', message: 'no' } } };
  });
  const onClose = vi.fn();
  const view = renderRoutes(
    [
      { path: '/', element: <NewMessageModal isOpen onClose={onClose} /> },
      { path: '/direct/:partyId', element: <p>conversation page</p> },
    ],
    '/',
  );
  return { ...view, created, onClose };
}

describe('NewMessageModal', () => {
  it('searches people by name, starts a 1:1 with the one picked and opens it', async () => {
    const { created, router } = open();
    await screen.findByText('Carol');
    fireEvent.change(screen.getByPlaceholderText('Search people by name'), { target: { value: 'car' } });
    expect(screen.queryByText('Bob')).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: /Carol/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Start conversation' }));
    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/direct/00000000-0000-4000-8000-0000000000c1'),
    );
    expect(created).toEqual([{ userIds: [CONTACTS[1]!.userId] }]);
  });

  it('allows at most 9 others: the rest are disabled until one is taken away', async () => {
    open();
    await screen.findByText('Bob');
    expect(screen.getByRole('button', { name: 'Start conversation' })).toBeDisabled();
    // Role queries are slow in jsdom: the boxes once, in the contacts' order.
    const boxes = screen.getAllByRole('checkbox');
    expect(boxes).toHaveLength(NAMES.length);
    for (const box of boxes.slice(0, OTHERS_MAX)) fireEvent.click(box);
    expect(screen.getByRole('button', { name: 'Start group' })).toBeEnabled();
    expect(boxes[OTHERS_MAX]).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Remove Bob' }));
    expect(boxes[OTHERS_MAX]).toBeEnabled();
  }, 30_000);
});

describe('NewMessageModal, adding people to a group', () => {
  const ALICE = { userId: ME.id, username: 'alice', displayName: 'Alice', avatarUrl: null };
  // Alice, Bob and Carol: room for 7 more.
  const GROUP: DirectConversation = {
    id: '00000000-0000-4000-8000-0000000000d1',
    topicId: '00000000-0000-4000-8000-0000000000d2',
    group: true,
    participants: [ALICE, CONTACTS[0]!, CONTACTS[1]!],
    lastActivityAt: '2026-01-01T00:00:00.000Z',
    createdAt: '2026-01-01T00:00:00.000Z',
  };

  function openAdd(refusal?: { status: number; code: string; message: string }) {
    const added: unknown[] = [];
    mockFetch(({ method, path, body }) => {
      if (path === '/api/direct/contacts') return { status: 200, body: CONTACTS };
      if (method === 'GET' && path === '/api/direct') return { status: 200, body: [GROUP] };
      if (method === 'POST' && path === `/api/direct/${GROUP.id}/participants`) {
        added.push(body);
        if (refusal) return { status: refusal.status, body: { error: refusal } };
        const ids = (body as { userIds: string[] }).userIds;
        const joined = CONTACTS.filter((c) => ids.includes(c.userId));
        return { status: 200, body: { ...GROUP, participants: [...GROUP.participants, ...joined] } };
      }
      return { status: 404, body: { error: { code: 'ROUTE.NOT_FOUND', message: 'no' } } };
    });
    const onClose = vi.fn();
    const view = renderRoutes(
      [{ path: '/direct/:partyId', element: <NewMessageModal isOpen onClose={onClose} addTo={GROUP} /> }],
      `/direct/${GROUP.id}`,
    );
    return { ...view, added, onClose };
  }

  it('shows who is in it checked and fixed, adds the one picked with "Add" and updates the cached conversation', async () => {
    const { added, onClose, router, store } = openAdd();
    void store.dispatch(directApi.endpoints.getConversations.initiate());
    expect(await screen.findByRole('dialog', { name: 'Add people' })).toBeTruthy();
    await screen.findByText('Dave');
    const bob = screen.getByRole('checkbox', { name: /Bob/ });
    expect(bob).toBeChecked();
    expect(bob).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Add' })).toBeDisabled();
    fireEvent.click(screen.getByRole('checkbox', { name: /Dave/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(added).toEqual([{ userIds: [CONTACTS[2]!.userId] }]);
    // It stays on the conversation, whose cached people now include Dave.
    expect(router.state.location.pathname).toBe(`/direct/${GROUP.id}`);
    const cached = directApi.endpoints.getConversations.select()(store.getState()).data;
    expect(cached?.[0]?.participants.map((p) => p.displayName)).toEqual(['Alice', 'Bob', 'Carol', 'Dave']);
  });

  it('counts the people already in it against the cap of 10', async () => {
    openAdd();
    await screen.findByText('Dave');
    const boxes = screen.getAllByRole('checkbox');
    // Bob and Carol are in it; Dave to Judy are the 7 more a group of 3 has room for.
    const free = boxes.slice(2);
    for (const box of free.slice(0, 7)) fireEvent.click(box);
    expect(free[7]).toBeDisabled();
    expect(free[8]).toBeDisabled();
    fireEvent.click(free[0]!);
    expect(free[7]).toBeEnabled();
  }, 30_000);

  it('shows the server’s refusal in the modal and stays open', async () => {
    const { onClose } = openAdd({
      status: 409,
      code: 'DIRECT.FULL',
      message: 'A conversation has at most 10 people',
    });
    await screen.findByText('Dave');
    fireEvent.click(screen.getByRole('checkbox', { name: /Dave/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect((await screen.findByRole('alert')).textContent).toBe('A conversation has at most 10 people');
    expect(onClose).not.toHaveBeenCalled();
  });
});

describe('conversationTitle', () => {
  const convo = (names: string[]): DirectConversation => ({
    id: 'c',
    topicId: 't',
    group: names.length > 1,
    participants: [
      { userId: ME.id, username: 'alice', displayName: 'Alice', avatarUrl: null },
      ...names.map((n, i) => person(i, n)),
    ],
    lastActivityAt: '2026-01-01T00:00:00.000Z',
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  it('names the others, never me, and shortens a big group', () => {
    expect(conversationTitle(convo(['Bob']), ME.id)).toBe('Bob');
    expect(conversationTitle(convo(['Bob', 'Carol', 'Dave']), ME.id)).toBe('Bob, Carol, Dave');
    expect(conversationTitle(convo(['Bob', 'Carol', 'Dave', 'Erin']), ME.id)).toBe('Bob, Carol and 2 others');
  });
});
