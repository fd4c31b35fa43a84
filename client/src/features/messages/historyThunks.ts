import { HISTORY_PAGE_MAX } from '@partyline/contracts/limits';

import type { HistoryReply } from '../../api/types';
import type { AppThunk, RootState } from '../../app/rootReducer';
import { drainTopicOrder } from './liveOrder';
import { applyChanged, fromHistory, maxSeq, minSeq, withPage, type TopicMessages } from './messagesAdapter';
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
      messagesApi.util.updateQueryData('getMessages', topicId, (draft) =>
        withPage(draft, page.messages, { hasOlder: page.hasOlder }),
      ),
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
      messagesApi.util.updateQueryData('getMessages', topicId, (draft) =>
        withPage(draft, page.messages, { hasNewer: page.hasNewer }),
      ),
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

/** Pages a window of the past is re-read in after a reconnect; a longer one starts over around its anchor. */
export const REFRESH_WINDOW_MAX_PAGES = 5;

/**
 * After a reconnect, a window that does not reach the present (a jump into the past) is not in the sync
 * request: sync answers what came after a cursor, and this window's "after" is the rest of the topic. The
 * edits, deletes and reactions of its messages made while this client was away are read back instead: its
 * own range, again, in full pages, each message applied as a change (the newer copy wins), and its change
 * counter raised to what the server says. A window longer than REFRESH_WINDOW_MAX_PAGES pages is replaced by
 * the history around its anchor (or its middle), as after a sync gap.
 */
export const refreshWindow =
  (topicId: string): AppThunk<Promise<void>> =>
  async (dispatch, getState) => {
    const win = selectTopicWindow(getState(), topicId);
    const first = win && minSeq(win);
    const last = win && maxSeq(win);
    if (!win || first === null || first === undefined || last === null || last === undefined) return;
    if (last - first + 1 > REFRESH_WINDOW_MAX_PAGES * HISTORY_PAGE_MAX) {
      await dispatch(loadAround(topicId, win.anchor ?? Math.floor((first + last) / 2)));
      return;
    }
    for (let after = first - 1; after < last;) {
      const page = await dispatch(fetchPage({ topicId, after, limit: HISTORY_PAGE_MAX }));
      dispatch(
        messagesApi.util.updateQueryData('getMessages', topicId, (draft) => {
          for (const m of page.messages) if (m.seq <= last) applyChanged(draft, m);
          if (page.lastChange !== undefined)
            draft.lastChange = Math.max(draft.lastChange ?? 0, page.lastChange);
        }),
      );
      // Pages come in seq order.
      const reached = page.messages[page.messages.length - 1]?.seq;
      if (!page.hasNewer || reached === undefined || reached <= after) break;
      after = reached;
    }
  };
