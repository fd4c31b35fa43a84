import { createEntityAdapter, type EntityState } from '@reduxjs/toolkit';

import type { HistoryReply, Message } from '../../api/types';

export const messagesAdapter = createEntityAdapter<Message>({
  sortComparer: (a, b) => a.seq - b.seq,
});

/** One topic's loaded window of history: a contiguous run of seqs, plus whether more exists either side. */
export interface TopicMessages extends EntityState<Message, string> {
  hasOlder: boolean;
  /** True when the window does not reach the newest message (after a jump or a sync gap). */
  hasNewer: boolean;
  /** Where the view opens: the seq it was loaded around (first unread, a jump), or null for the end. */
  anchor: number | null;
  /** Bumped whenever the window is replaced rather than grown, so the list starts over at `anchor`. */
  generation: number;
}

export const emptyTopicMessages = (): TopicMessages =>
  messagesAdapter.getInitialState({ hasOlder: false, hasNewer: false, anchor: null, generation: 0 });

export function fromHistory(
  reply: HistoryReply,
  { anchor = null, generation = 0 }: { anchor?: number | null; generation?: number } = {},
): TopicMessages {
  return messagesAdapter.setAll(
    messagesAdapter.getInitialState({
      hasOlder: reply.hasOlder,
      hasNewer: reply.hasNewer,
      anchor,
      generation,
    }),
    reply.messages,
  );
}

export const messagesSelectors = messagesAdapter.getSelectors();

export function maxSeq(state: TopicMessages): number | null {
  const id = state.ids[state.ids.length - 1];
  return id === undefined ? null : (state.entities[id]?.seq ?? null);
}

export function minSeq(state: TopicMessages): number | null {
  const id = state.ids[0];
  return id === undefined ? null : (state.entities[id]?.seq ?? null);
}

export type ApplyResult = 'applied' | 'gap' | 'ignored';

/**
 * Adds a live message to the window. Only a message that continues the window (or one already inside it)
 * is applied; a jump in seq means we missed something, and the caller must sync instead of leaving a hole.
 */
export function applyLiveMessage(state: TopicMessages, message: Message): ApplyResult {
  if (state.hasNewer) return 'ignored';
  const last = maxSeq(state);
  if (last === null || message.seq <= last + 1) {
    messagesAdapter.upsertOne(state, message);
    return 'applied';
  }
  return 'gap';
}

/** Applies messages that are known to be contiguous after the window's end (a sync or a newer page). */
export function appendMessages(state: TopicMessages, messages: Message[]): void {
  messagesAdapter.upsertMany(state, messages);
}

export function applyDeleted(state: TopicMessages, event: { id: string; seq: number }): void {
  const existing = state.entities[event.id];
  if (!existing) return;
  existing.body = '';
  existing.deletedAt = existing.deletedAt ?? new Date().toISOString();
}
