import type { HistoryReply } from '../../api/types';
import type { AppThunk, RootState } from '../../app/rootReducer';
import { drainTopicOrder } from './liveOrder';
import { appendMessages, fromHistory, maxSeq, minSeq, type TopicMessages } from './messagesAdapter';
import { messagesApi, type HistoryArgs } from './messagesApi';

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
    drainTopicOrder(topicId);
  };

/** Replaces the window with a page that the list opens at `anchor` (null: at its end). */
const replaceWindow =
  (topicId: string, page: HistoryReply, anchor: number | null): AppThunk =>
  (dispatch) => {
    dispatch(
      messagesApi.util.updateQueryData('getMessages', topicId, (old) =>
        fromHistory(page, { anchor, generation: old.generation + 1 }),
      ),
    );
    drainTopicOrder(topicId);
  };

/** Replaces the window with the history around one position (jump to first unread, or after a gap). */
export const loadAround =
  (topicId: string, seq: number): AppThunk<Promise<void>> =>
  async (dispatch) => {
    const page = await dispatch(fetchPage({ topicId, around: seq }));
    dispatch(replaceWindow(topicId, page, seq));
  };

/** "Jump to present" from a window that does not reach it: the newest page, opened at its end. */
export const loadLatest =
  (topicId: string): AppThunk<Promise<void>> =>
  async (dispatch) => {
    const page = await dispatch(fetchPage({ topicId }));
    dispatch(replaceWindow(topicId, page, null));
  };
