import { createEntityAdapter, createSelector, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Attachment } from '../../api/types';
import { signedOut } from '../auth/authSlice';

/** A message I wrote that the server has not confirmed yet, keyed by its client nonce. */
export interface OutgoingMessage {
  nonce: string;
  topicId: string;
  partyId: string;
  body: string;
  /** The message this one answers (sent with it; the server stores the reference). */
  replyToId?: string;
  /** Finished uploads it carries: the same ids go with every retry (and the same nonce), shown meanwhile. */
  attachmentIds?: string[];
  attachments?: Attachment[];
  /** Pending: queued, in flight or waiting to retry by itself. Failed: refused, waits for Retry or Discard. */
  status: 'pending' | 'failed';
  createdAt: string;
  /** Tie-break of sends queued in the same millisecond, so they go out in the order written. */
  order: number;
  error?: string;
  /** The server has stored it; it leaves once the stored copy is in the topic's window. */
  acked?: boolean;
  /** Epoch ms before which it is not sent again (the server asked us to wait). */
  retryAt?: number;
  /** Failed attempts that may succeed later (server errors), for backing off and giving up. */
  attempts?: number;
}

const outboxAdapter = createEntityAdapter({
  selectId: (m: OutgoingMessage) => m.nonce,
  sortComparer: (a, b) => a.createdAt.localeCompare(b.createdAt) || a.order - b.order,
});

let nextOrder = 0;

const outboxSlice = createSlice({
  name: 'outbox',
  initialState: outboxAdapter.getInitialState(),
  reducers: {
    sendQueued: {
      reducer(state, action: PayloadAction<Omit<OutgoingMessage, 'status'>>) {
        outboxAdapter.addOne(state, { ...action.payload, status: 'pending' });
      },
      prepare: (m: Omit<OutgoingMessage, 'status' | 'order'>) => ({ payload: { ...m, order: nextOrder++ } }),
    },
    /** Not sent for now (offline, rate limited, server unavailable): it goes out by itself later. */
    sendDeferred(state, action: PayloadAction<{ nonce: string; retryAt?: number; attempts?: number }>) {
      const m = state.entities[action.payload.nonce];
      if (!m) return;
      m.retryAt = action.payload.retryAt;
      if (action.payload.attempts !== undefined) m.attempts = action.payload.attempts;
    },
    sendAcked(state, action: PayloadAction<string>) {
      const m = state.entities[action.payload];
      if (m) m.acked = true;
    },
    sendFailed(state, action: PayloadAction<{ nonce: string; error: string }>) {
      const m = state.entities[action.payload.nonce];
      if (m) {
        m.status = 'failed';
        m.error = action.payload.error;
      }
    },
    sendRetried(state, action: PayloadAction<string>) {
      const m = state.entities[action.payload];
      if (m) {
        m.status = 'pending';
        delete m.error;
        delete m.retryAt;
        delete m.attempts;
      }
    },
    /** The stored copy is in the window (ack, broadcast or sync): it replaces the pending one. */
    sendConfirmed(state, action: PayloadAction<string>) {
      outboxAdapter.removeOne(state, action.payload);
    },
    sendDiscarded(state, action: PayloadAction<string>) {
      outboxAdapter.removeOne(state, action.payload);
    },
  },
  extraReducers: (builder) => builder.addCase(signedOut, () => outboxAdapter.getInitialState()),
});

export const { sendQueued, sendDeferred, sendAcked, sendFailed, sendRetried, sendConfirmed, sendDiscarded } =
  outboxSlice.actions;

type OutboxRoot = { outbox: ReturnType<typeof outboxSlice.reducer> };
const selectors = outboxAdapter.getSelectors((state: OutboxRoot) => state.outbox);
export const selectAllOutgoing = selectors.selectAll;
export const selectOutgoing = selectors.selectById;
export const selectOutgoingInTopic = createSelector(
  [selectAllOutgoing, (_s: OutboxRoot, topicId: string) => topicId],
  (all, topicId) => all.filter((m) => m.topicId === topicId),
);
/** The next send to go out: the oldest pending one the server does not have yet. */
export const selectNextToSend = (state: OutboxRoot): OutgoingMessage | undefined =>
  selectAllOutgoing(state).find((m) => m.status === 'pending' && !m.acked);

export default outboxSlice;
