import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { DirectContact, DirectConversation } from '@partyline/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { ME, mockFetch, renderRoutes } from '../../test/utils';
import { conversationTitle } from './directApi';
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
