import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { emitServerEvent } from '../../socket/eventBus';
import { message, mockFetch, signedInStore, TOPIC_ID } from '../../test/utils';
import { messagesApi } from './messagesApi';
import { loadAround, loadOlder } from './historyThunks';
import { performSync } from './syncThunks';
import { messagesSelectors } from './messagesAdapter';

const socket = vi.hoisted(() => ({
  connected: true,
  emitWithAck: vi.fn(),
}));
vi.mock('../../socket/socketClient', () => ({
  isSocketConnected: () => socket.connected,
  emitWithAck: socket.emitWithAck,
}));

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => message(from + i));
let requests: string[] = [];

beforeEach(() => {
  requests = [];
  socket.emitWithAck.mockReset();
  mockFetch(({ path }) => {
    requests.push(path);
    const url = new URL(path, 'http://x');
    if (!url.pathname.startsWith(`/api/topics/${TOPIC_ID}/messages`)) return { status: 404, body: {} };
    const before = url.searchParams.get('before');
    const around = url.searchParams.get('around');
    if (before)
      return {
        status: 200,
        body: { messages: range(1, Number(before) - 1), hasOlder: false, hasNewer: true },
      };
    if (around) {
      const a = Number(around);
      return { status: 200, body: { messages: range(a - 2, a + 2), hasOlder: true, hasNewer: true } };
    }
    return { status: 200, body: { messages: range(51, 100), hasOlder: true, hasNewer: false } };
  });
});
afterEach(() => vi.unstubAllGlobals());

const windowOf = (store: ReturnType<typeof signedInStore>) =>
  messagesApi.endpoints.getMessages.select(TOPIC_ID)(store.getState()).data!;
const seqs = (store: ReturnType<typeof signedInStore>) =>
  messagesSelectors.selectAll(windowOf(store)).map((m) => m.seq);

describe('history paging', () => {
  it('scrolling up loads the page before the oldest message (keyset on seq) and merges it in order', async () => {
    const store = signedInStore();
    await store.dispatch(messagesApi.endpoints.getMessages.initiate(TOPIC_ID));
    expect(seqs(store)).toEqual(range(51, 100).map((m) => m.seq));

    await store.dispatch(loadOlder(TOPIC_ID));

    expect(requests.some((r) => r.includes('before=51'))).toBe(true);
    expect(seqs(store)).toEqual(range(1, 100).map((m) => m.seq));
    expect(windowOf(store).hasOlder).toBe(false);
  });
});

describe('catching up after a reconnect', () => {
  it('asks for everything after the last seq it holds and appends the missed messages', async () => {
    const store = signedInStore();
    await store.dispatch(messagesApi.endpoints.getMessages.initiate(TOPIC_ID));
    socket.emitWithAck.mockResolvedValue({
      ok: true,
      topics: [{ topicId: TOPIC_ID, messages: range(101, 103) }],
    });

    await store.dispatch(performSync());

    expect(socket.emitWithAck).toHaveBeenCalledWith('sync', {
      cursors: [{ topicId: TOPIC_ID, lastSeq: 100, lastChange: 0 }],
    });
    expect(seqs(store).slice(-4)).toEqual([100, 101, 102, 103]);
  });

  it('applies the changes to messages it holds (edit, delete, reactions) and keeps the new change cursor', async () => {
    const store = signedInStore();
    await store.dispatch(messagesApi.endpoints.getMessages.initiate(TOPIC_ID));
    const [edited, removed, reacted] = [
      { ...range(98, 98)[0]!, body: 'edited while away', changeSeq: 5 },
      { ...range(99, 99)[0]!, body: '', deletedAt: '2026-01-02T00:00:00.000Z', changeSeq: 6 },
      { ...range(100, 100)[0]!, reactions: [{ emoji: '🎉', count: 2, userIds: ['u1', 'u2'] }], changeSeq: 7 },
    ];
    socket.emitWithAck.mockResolvedValue({
      ok: true,
      topics: [{ topicId: TOPIC_ID, messages: [], changed: [edited, removed, reacted], lastChange: 7 }],
    });

    await store.dispatch(performSync());
    const win = windowOf(store);
    expect(win.entities[edited.id]?.body).toBe('edited while away');
    expect(win.entities[removed.id]?.deletedAt).not.toBeNull();
    expect(win.entities[reacted.id]?.reactions).toEqual(reacted.reactions);
    expect(win.lastChange).toBe(7);

    socket.emitWithAck.mockResolvedValue({ ok: true, topics: [] });
    await store.dispatch(performSync());
    expect(socket.emitWithAck).toHaveBeenLastCalledWith('sync', {
      cursors: [{ topicId: TOPIC_ID, lastSeq: 100, lastChange: 7 }],
    });
  });

  it('when the server answers with a gap, it reloads history around where the client was', async () => {
    const store = signedInStore();
    await store.dispatch(messagesApi.endpoints.getMessages.initiate(TOPIC_ID));
    socket.emitWithAck.mockResolvedValue({
      ok: true,
      topics: [{ topicId: TOPIC_ID, gap: true, latestSeq: 900 }],
    });

    await store.dispatch(performSync());

    expect(requests.some((r) => r.includes('around=101'))).toBe(true);
    expect(seqs(store)).toEqual([99, 100, 101, 102, 103]);
    expect(windowOf(store).hasNewer).toBe(true);
  });

  it('a jump made while the sync is in flight keeps its place: the reply (gap or messages) is for the window it replaced', async () => {
    for (const reply of [
      { topicId: TOPIC_ID, gap: true, latestSeq: 900 },
      { topicId: TOPIC_ID, messages: range(101, 102) },
    ]) {
      const store = signedInStore();
      await store.dispatch(messagesApi.endpoints.getMessages.initiate(TOPIC_ID));
      let answer: (value: unknown) => void = () => undefined;
      socket.emitWithAck.mockReturnValue(new Promise((resolve) => (answer = resolve)));
      const sync = store.dispatch(performSync());
      // The user jumps to message 3 (a search result) before the reply is in.
      await store.dispatch(loadAround(TOPIC_ID, 3));
      answer({ ok: true, topics: [reply] });
      await sync;

      expect(seqs(store)).toEqual([1, 2, 3, 4, 5]);
      expect(windowOf(store).anchor).toBe(3);
      expect(requests.some((r) => r.includes('around=101'))).toBe(false);
      requests = [];
    }
  });

  it('when a live message skips seqs, the client syncs instead of showing a hole', async () => {
    const store = signedInStore();
    const sub = store.dispatch(messagesApi.endpoints.getMessages.initiate(TOPIC_ID));
    await sub;
    socket.emitWithAck.mockResolvedValue({
      ok: true,
      topics: [{ topicId: TOPIC_ID, messages: range(101, 105) }],
    });

    emitServerEvent('message:created', message(105));
    expect(seqs(store).at(-1)).toBe(100);

    await vi.waitFor(() => expect(seqs(store).at(-1)).toBe(105));
    expect(socket.emitWithAck).toHaveBeenCalledWith('sync', {
      cursors: [{ topicId: TOPIC_ID, lastSeq: 100, lastChange: 0 }],
    });
    expect(seqs(store).slice(-6)).toEqual([100, 101, 102, 103, 104, 105]);
    sub.unsubscribe();
  });

  it('a live message that continues the window is shown at once', async () => {
    const store = signedInStore();
    const sub = store.dispatch(messagesApi.endpoints.getMessages.initiate(TOPIC_ID));
    await sub;
    emitServerEvent('message:created', message(101));
    expect(seqs(store).at(-1)).toBe(101);
    expect(socket.emitWithAck).not.toHaveBeenCalled();
    sub.unsubscribe();
  });

  it('a window in the past is not in the sync request: its own range is read again and its changes applied', async () => {
    const store = signedInStore();
    await store.dispatch(messagesApi.endpoints.getMessages.initiate(TOPIC_ID));
    await store.dispatch(loadAround(TOPIC_ID, 20)); // seqs 18..22, hasNewer
    const edited = { ...range(19, 19)[0]!, body: 'edited while away', changeSeq: 9 };
    const reacted = {
      ...range(21, 21)[0]!,
      reactions: [{ emoji: '🎉', count: 1, userIds: ['u1'] }],
      changeSeq: 10,
    };
    mockFetch(({ path }) => {
      requests.push(path);
      const url = new URL(path, 'http://x');
      if (url.searchParams.get('after') !== '17') return { status: 404, body: {} };
      const page = range(18, 117).map((m) => (m.seq === 19 ? edited : m.seq === 21 ? reacted : m));
      return { status: 200, body: { messages: page, hasOlder: true, hasNewer: true, lastChange: 10 } };
    });
    socket.emitWithAck.mockResolvedValue({ ok: true, topics: [] });

    await store.dispatch(performSync());

    expect(socket.emitWithAck).not.toHaveBeenCalled();
    expect(requests.at(-1)).toMatch(/after=17&limit=100$/);
    const win = windowOf(store);
    expect(win.entities[edited.id]?.body).toBe('edited while away');
    expect(win.entities[reacted.id]?.reactions).toEqual(reacted.reactions);
    // The window keeps its range (the page's newer messages are not added to it) and its new change cursor.
    expect(seqs(store)).toEqual([18, 19, 20, 21, 22]);
    expect(win.lastChange).toBe(10);
    expect(win.hasNewer).toBe(true);
  });
});
