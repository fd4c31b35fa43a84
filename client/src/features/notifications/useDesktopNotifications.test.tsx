import { act, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { NotificationLevel } from '@partyline/contracts';
import { emitServerEvent } from '../../socket/eventBus';
import { message, ME, mockFetch, PARTY_ID, renderRoutes, TOPIC_ID } from '../../test/utils';
import { useGetPartiesQuery } from '../parties/partiesApi';
import { useGetTopicsQuery } from '../topics/topicsApi';
import { useGetUnreadQuery } from '../unread/unreadApi';
import { useDesktopNotifications } from './useDesktopNotifications';

interface Shown {
  title: string;
  options: NotificationOptions;
  instance: { onclick: (() => void) | null; close: () => void };
}
let shown: Shown[] = [];

class FakeNotification {
  static permission: NotificationPermission = 'granted';
  static requestPermission = vi.fn(async () => FakeNotification.permission);
  onclick: (() => void) | null = null;
  close = vi.fn();
  constructor(title: string, options: NotificationOptions) {
    shown.push({ title, options, instance: this });
  }
}

function Probe() {
  useDesktopNotifications();
  useGetUnreadQuery();
  useGetPartiesQuery();
  useGetTopicsQuery(PARTY_ID);
  return null;
}

let visibility: DocumentVisibilityState = 'hidden';
beforeEach(() => {
  shown = [];
  visibility = 'hidden';
  vi.stubGlobal('Notification', FakeNotification);
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  vi.spyOn(window, 'focus').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.unstubAllGlobals();
  Reflect.deleteProperty(document, 'visibilityState');
});

async function setup(partyLevel: NotificationLevel = 'all') {
  mockFetch(({ path }) => {
    if (path === '/api/unread')
      return {
        status: 200,
        body: {
          topics: [
            {
              partyId: PARTY_ID,
              topicId: TOPIC_ID,
              lastSeq: 4,
              lastReadSeq: 4,
              unread: 0,
              mentionCount: 0,
              level: partyLevel,
            },
          ],
        },
      };
    if (path === '/api/notification-settings')
      return { status: 200, body: { parties: [{ partyId: PARTY_ID, level: partyLevel }], topics: [] } };
    if (path === '/api/parties')
      return {
        status: 200,
        body: [
          {
            id: PARTY_ID,
            name: 'Board games',
            ownerId: ME.id,
            myRole: 'member',
            memberCount: 2,
            createdAt: ME.createdAt,
          },
        ],
      };
    if (path === `/api/parties/${PARTY_ID}/topics`)
      return {
        status: 200,
        body: [
          {
            id: TOPIC_ID,
            partyId: PARTY_ID,
            name: 'general',
            position: 0,
            lastSeq: 4,
            createdAt: ME.createdAt,
          },
        ],
      };
    return { status: 404, body: { error: { code: 'ROUTE.NOT_FOUND', message: 'no' } } };
  });
  const view = renderRoutes(
    [
      { path: '/', element: <Probe /> },
      { path: '/parties/:partyId/topics/:topicId', element: <Probe /> },
    ],
    '/',
  );
  await waitFor(() => expect(vi.mocked(fetch)).toHaveBeenCalledTimes(4));
  await act(async () => {
    await new Promise((r) => setTimeout(r, 20));
  });
  return view;
}

const arrive = (m: ReturnType<typeof message>) => act(() => emitServerEvent('message:created', m));
const mentionOfMe = (seq: number) =>
  message(seq, {
    body: `<@${ME.id}> your turn`,
    mentions: { userIds: [ME.id], everyone: false, here: false },
  });

describe('desktop notifications', () => {
  it('a mention while the tab is hidden shows who, where and what; clicking opens the message', async () => {
    const { router } = await setup('mentions');
    await arrive(mentionOfMe(5));
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({
      title: 'Bob in #general · Board games',
      options: { body: '@someone your turn', tag: 'm-5' },
    });
    act(() => shown[0]!.instance.onclick?.());
    expect(window.focus).toHaveBeenCalled();
    expect(router.state.location.pathname).toBe(`/parties/${PARTY_ID}/topics/${TOPIC_ID}`);
    expect(router.state.location.search).toBe('?message=5');
  });

  it('at "mentions only" a plain message stays quiet', async () => {
    await setup('mentions');
    await arrive(message(5));
    expect(shown).toHaveLength(0);
  });

  it('at "all" every message notifies', async () => {
    await setup('all');
    await arrive(message(5));
    expect(shown.map((s) => s.options.body)).toEqual(['message 5']);
  });

  it('at "nothing" even a mention stays quiet', async () => {
    await setup('none');
    await arrive(mentionOfMe(5));
    expect(shown).toHaveLength(0);
  });

  it('nothing while the tab is visible, nothing without permission, nothing for my own message', async () => {
    await setup('all');
    visibility = 'visible';
    await arrive(mentionOfMe(5));
    visibility = 'hidden';
    FakeNotification.permission = 'default';
    await arrive(mentionOfMe(6));
    FakeNotification.permission = 'granted';
    await arrive(message(7, { author: { ...ME } }));
    expect(shown).toHaveLength(0);
    await arrive(mentionOfMe(8));
    expect(shown).toHaveLength(1);
  });
});
