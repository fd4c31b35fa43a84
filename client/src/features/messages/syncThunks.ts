import type { AppThunk, RootState } from '../../app/rootReducer';
import { emitWithAck } from '../../socket/socketClient';
import { loadAround, loadNewer, refreshWindow } from './historyThunks';
import { drainTopicOrder } from './liveOrder';
import { appendMessages, applyChanged, maxSeq, type TopicMessages } from './messagesAdapter';
import { messagesApi } from './messagesApi';
import { sendConfirmed } from './outboxSlice';

interface Cursor {
  topicId: string;
  lastSeq: number;
  lastChange: number;
}

/**
 * Cursors of every live window that reaches the present: the last seq and the last change this client
 * holds per topic; and the topics whose window is in the past (after a jump), which sync cannot answer.
 */
function syncCursors(
  state: RootState,
  topicIds?: string[],
): { cursors: Cursor[]; past: string[]; generations: Map<string, number> } {
  const cursors: Cursor[] = [];
  const past: string[] = [];
  const generations = new Map<string, number>();
  for (const entry of Object.values(state.api.queries)) {
    if (!entry || entry.endpointName !== 'getMessages' || entry.status !== 'fulfilled') continue;
    const topicId = entry.originalArgs as string;
    const data = entry.data as TopicMessages | undefined;
    if (!data || (topicIds && !topicIds.includes(topicId))) continue;
    if (data.hasNewer) past.push(topicId);
    else {
      cursors.push({ topicId, lastSeq: maxSeq(data) ?? 0, lastChange: data.lastChange ?? 0 });
      generations.set(topicId, data.generation);
    }
  }
  return { cursors, past, generations };
}

/**
 * Whether the window a cursor was read from is still the topic's window: a jump (or "Jump to present")
 * while the sync was in flight replaced it by a page read from the server after the cursor, which the
 * reply must not touch: appended to a window of the past it would leave a hole, and a gap's reload would
 * throw away the place the user just jumped to.
 */
const sameWindow = (state: RootState, topicId: string, generation: number | undefined) => {
  const data = messagesApi.endpoints.getMessages.select(topicId)(state).data;
  return !!data && data.generation === generation && !data.hasNewer;
};

/** Fetches what this client missed (after a reconnect or a gap) and adds it without a reload. */
export const performSync =
  (topicIds?: string[]): AppThunk<Promise<void>> =>
  async (dispatch, getState) => {
    const { cursors, past, generations } = syncCursors(getState(), topicIds);
    await Promise.all(past.map((topicId) => dispatch(refreshWindow(topicId)).catch(() => undefined)));
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
      if (!sameWindow(getState(), t.topicId, generations.get(t.topicId))) continue;
      if ('gap' in t) {
        const cursor = cursors.find((c) => c.topicId === t.topicId);
        await dispatch(loadAround(t.topicId, (cursor?.lastSeq ?? t.latestSeq) + 1)).catch(() => undefined);
        continue;
      }
      // A sync reply is contiguous after the cursor by construction, so it is appended as a whole; the
      // edits, deletes and reactions of messages already held come as `changed` copies.
      dispatch(
        messagesApi.util.updateQueryData('getMessages', t.topicId, (draft) => {
          appendMessages(draft, t.messages);
          for (const m of t.changed ?? []) applyChanged(draft, m);
          if (t.lastChange !== undefined) draft.lastChange = Math.max(draft.lastChange ?? 0, t.lastChange);
        }),
      );
      for (const m of t.messages) dispatch(sendConfirmed(m.nonce));
      drainTopicOrder(t.topicId);
    }
  };
