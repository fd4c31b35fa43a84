import { createEntityAdapter, createSelector, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { signedOut } from '../auth/authSlice';

/** A message I wrote that the server has not confirmed yet, keyed by its client nonce. */
export interface OutgoingMessage {
  nonce: string;
  topicId: string;
  partyId: string;
  body: string;
  status: 'pending' | 'failed';
  createdAt: string;
  error?: string;
}

const outboxAdapter = createEntityAdapter({
  selectId: (m: OutgoingMessage) => m.nonce,
  sortComparer: (a, b) => a.createdAt.localeCompare(b.createdAt),
});

const outboxSlice = createSlice({
  name: 'outbox',
  initialState: outboxAdapter.getInitialState(),
  reducers: {
    sendQueued(state, action: PayloadAction<Omit<OutgoingMessage, 'status'>>) {
      outboxAdapter.addOne(state, { ...action.payload, status: 'pending' });
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
      }
    },
    /** The server has the message (ack or broadcast): the stored copy replaces the pending one. */
    sendConfirmed(state, action: PayloadAction<string>) {
      outboxAdapter.removeOne(state, action.payload);
    },
    sendDiscarded(state, action: PayloadAction<string>) {
      outboxAdapter.removeOne(state, action.payload);
    },
  },
  extraReducers: (builder) => builder.addCase(signedOut, () => outboxAdapter.getInitialState()),
});

export const { sendQueued, sendFailed, sendRetried, sendConfirmed, sendDiscarded } = outboxSlice.actions;

type OutboxRoot = { outbox: ReturnType<typeof outboxSlice.reducer> };
const selectors = outboxAdapter.getSelectors((state: OutboxRoot) => state.outbox);
export const selectAllOutgoing = selectors.selectAll;
export const selectOutgoingInTopic = createSelector(
  [selectAllOutgoing, (_s: OutboxRoot, topicId: string) => topicId],
  (all, topicId) => all.filter((m) => m.topicId === topicId),
);

export default outboxSlice;
