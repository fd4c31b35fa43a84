import type { HistoryReply, Message } from '../../api/types';
import type { AppThunk, RootState } from '../../app/store';
import { emitWithAck, isSocketConnected } from '../../socket/socketClient';
import { errorMessage } from '../../api/apiSlice';
import {
  appendMessages,
  applyLiveMessage,
  fromHistory,
  maxSeq,
  minSeq,
  type TopicMessages,
} from './messagesAdapter';
import { messagesApi, syncRequested, type HistoryArgs } from './messagesApi';
import { newNonce } from './nonce';
import { sendConfirmed, sendFailed, sendQueued, sendRetried } from './outboxSlice';

export const selectTopicWindow = (state: RootState, topicId: string): TopicMessages | undefined =>
  messagesApi.endpoints.getMessages.select(topicId)(state).data;

const fetchPage =
  (args: HistoryArgs): AppThunk<Promise<HistoryReply>> =>
  (dispatch) =>
    dispatch(
      messagesApi.endpoints.getHistoryPage.initiate(args, { subscribe: false, forceRefetch: true }),
    ).unwrap();

/** Infinite scroll upward: the page before the oldest loaded message (keyset on seq). */
export const loadOlder =
  (topicId: string): AppThunk<Promise<void>> =>
  async (dispatch, getState) => {
    const win = selectTopicWindow(getState(), topicId);
    const oldest = win && minSeq(win);
    if (!win || !win.hasOlder || oldest === null || oldest === undefined) return;
    const page = await dispatch(fetchPage({ topicId, before: oldest }));
    dispatch(
      messagesApi.util.updateQueryData('getMessages', topicId, (draft) => {
        appendMessages(draft, page.messages);
        draft.hasOlder = page.hasOlder;
      }),
    );
  };

/** Scrolling down a window that does not reach the present (after a jump or a sync gap). */
export const loadNewer =
  (topicId: string): AppThunk<Promise<void>> =>
  async (dispatch, getState) => {
    const win = selectTopicWindow(getState(), topicId);
    const newest = win && maxSeq(win);
    if (!win || newest === null || newest === undefined) return;
    const page = await dispatch(fetchPage({ topicId, after: newest }));
    dispatch(
      messagesApi.util.updateQueryData('getMessages', topicId, (draft) => {
        appendMessages(draft, page.messages);
        draft.hasNewer = page.hasNewer;
      }),
    );
  };

/** Replaces the window with the history around one position (jump to first unread, or after a gap). */
export const loadAround =
  (topicId: string, seq: number): AppThunk<Promise<void>> =>
  async (dispatch) => {
    const page = await dispatch(fetchPage({ topicId, around: seq }));
    dispatch(messagesApi.util.updateQueryData('getMessages', topicId, () => fromHistory(page)));
  };

/** Puts a stored message (ack, REST reply or sync) into its topic's window and clears the pending copy. */
export const messageStored =
  (message: Message): AppThunk =>
  (dispatch) => {
    let result = 'ignored';
    dispatch(
      messagesApi.util.updateQueryData('getMessages', message.topicId, (draft) => {
        result = applyLiveMessage(draft, message);
      }),
    );
    dispatch(sendConfirmed(message.nonce));
    if (result === 'gap') dispatch(syncRequested({ topicIds: [message.topicId] }));
  };

const deliver =
  (nonce: string): AppThunk<Promise<void>> =>
  async (dispatch, getState) => {
    const pending = getState().outbox.entities[nonce];
    if (!pending) return;
    const { topicId, body } = pending;
    try {
      let message: Message;
      if (isSocketConnected()) {
        const reply = await emitWithAck('message:send', { topicId, body, nonce });
        if (!reply.ok) throw new Error(reply.error.message);
        message = reply.message;
      } else {
        message = await dispatch(
          messagesApi.endpoints.postMessage.initiate({ topicId, body, nonce }),
        ).unwrap();
      }
      dispatch(messageStored(message));
    } catch (err) {
      dispatch(sendFailed({ nonce, error: errorMessage(err, 'Not sent') }));
    }
  };

/** Shows the message at once as pending, then sends it; the nonce makes a retry safe. */
export const sendMessage =
  (args: { topicId: string; partyId: string; body: string }): AppThunk<Promise<void>> =>
  async (dispatch, getState) => {
    const nonce = newNonce();
    dispatch(sendQueued({ ...args, nonce, createdAt: new Date().toISOString() }));
    // Writing while reading old history: go back to the present so the message lands in view.
    if (selectTopicWindow(getState(), args.topicId)?.hasNewer) {
      dispatch(messagesApi.util.invalidateTags([{ type: 'Message', id: args.topicId }]));
    }
    await dispatch(deliver(nonce));
  };

export const retrySend =
  (nonce: string): AppThunk<Promise<void>> =>
  async (dispatch) => {
    dispatch(sendRetried(nonce));
    await dispatch(deliver(nonce));
  };

const lastTypingSent = new Map<string, number>();
/** Typing notices last 6 s on the server; repeat at most every 3 s while the user keeps typing. */
export function notifyTyping(topicId: string, now = Date.now()): boolean {
  const last = lastTypingSent.get(topicId) ?? 0;
  if (now - last < 3_000 || !isSocketConnected()) return false;
  lastTypingSent.set(topicId, now);
  emitWithAck('typing', { topicId }).catch(() => undefined);
  return true;
}
export function typingStopped(topicId: string): void {
  lastTypingSent.delete(topicId);
}

/** Cursors of every live window: the last seq this client holds per topic. */
export function syncCursors(state: RootState, topicIds?: string[]): { topicId: string; lastSeq: number }[] {
  const cursors: { topicId: string; lastSeq: number }[] = [];
  for (const entry of Object.values(state.api.queries)) {
    if (!entry || entry.endpointName !== 'getMessages' || entry.status !== 'fulfilled') continue;
    const topicId = entry.originalArgs as string;
    const data = entry.data as TopicMessages | undefined;
    if (!data || data.hasNewer || (topicIds && !topicIds.includes(topicId))) continue;
    cursors.push({ topicId, lastSeq: maxSeq(data) ?? 0 });
  }
  return cursors;
}

/** Fetches what this client missed (after a reconnect or a gap) and adds it without a reload. */
export const performSync =
  (topicIds?: string[]): AppThunk<Promise<void>> =>
  async (dispatch, getState) => {
    const cursors = syncCursors(getState(), topicIds);
    if (cursors.length === 0) return;
    let topics;
    try {
      const reply = await emitWithAck('sync', { cursors });
      if (!reply.ok) throw new Error(reply.error.message);
      topics = reply.topics;
    } catch {
      // No socket: catch up over REST instead.
      await Promise.all(cursors.map((c) => dispatch(loadNewer(c.topicId)).catch(() => undefined)));
      return;
    }
    for (const t of topics) {
      if ('gap' in t) {
        const cursor = cursors.find((c) => c.topicId === t.topicId);
        await dispatch(loadAround(t.topicId, (cursor?.lastSeq ?? t.latestSeq) + 1)).catch(() => undefined);
        continue;
      }
      dispatch(
        messagesApi.util.updateQueryData('getMessages', t.topicId, (draft) =>
          appendMessages(draft, t.messages),
        ),
      );
      for (const m of t.messages) dispatch(sendConfirmed(m.nonce));
    }
  };
