import { REPLY_EXCERPT_MAX } from '@partyline/contracts/limits';
import { createEntityAdapter, isDraft, original, type EntityState } from '@reduxjs/toolkit';

import type { Reaction } from '@partyline/contracts';

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
  /**
   * The topic's change counter this window is up to date with (edits, deletes, reactions): the sync
   * cursor's `lastChange`, so a reconnect also brings the changes to messages already held.
   */
  lastChange: number;
}

export const emptyTopicMessages = (): TopicMessages =>
  messagesAdapter.getInitialState({
    hasOlder: false,
    hasNewer: false,
    anchor: null,
    generation: 0,
    lastChange: 0,
  });

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
      lastChange: reply.lastChange ?? 0,
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
    appendMessages(state, [message]);
    return 'applied';
  }
  return 'gap';
}

/**
 * Adds or replaces messages (a page either side, a sync, a live message), keeping ids in seq order.
 * Works from the undrafted original: the adapter's own sorted upsert reads every entity through the
 * draft, which for a window of thousands of messages is a long task on every page of history.
 */
export function appendMessages(state: TopicMessages, messages: Message[]): void {
  const base = isDraft(state) ? original(state) : undefined;
  if (!base) {
    messagesAdapter.upsertMany(state, messages);
    return;
  }
  const merged = mergeMessages(base, messages);
  if (!merged) return;
  state.entities = merged.entities;
  state.ids = merged.ids;
}

/**
 * The window with a page of history added (older or newer), as a new object: for the cache's updater to
 * return, so that Immer neither drafts the thousands of messages held nor diffs them into patches (the
 * largest script cost of paging back through history).
 */
export function withPage(
  state: TopicMessages,
  messages: Message[],
  edges: Partial<Pick<TopicMessages, 'hasOlder' | 'hasNewer'>>,
): TopicMessages {
  const base = isDraft(state) ? original(state)! : state;
  return { ...base, ...(mergeMessages(base, messages) ?? {}), ...edges };
}

/** The window's ids and entities with `messages` added or replaced, or null when nothing changes. */
function mergeMessages(
  base: TopicMessages,
  messages: Message[],
): Pick<TopicMessages, 'ids' | 'entities'> | null {
  if (messages.length === 0) return null;
  const entities = { ...base.entities };
  const fresh: Message[] = [];
  for (const m of messages) {
    if (base.entities[m.id]) entities[m.id] = m;
    else if (!fresh.some((f) => f.id === m.id)) fresh.push(m);
  }
  if (fresh.length === 0) return { ids: base.ids, entities };
  fresh.sort((a, b) => a.seq - b.seq);
  for (const m of fresh) entities[m.id] = m;
  return { ids: mergeBySeq(base.ids, base.entities, fresh), entities };
}

/** Merges two seq-ordered runs of ids (the window's and new messages') into one. */
function mergeBySeq(ids: readonly string[], entities: TopicMessages['entities'], fresh: Message[]): string[] {
  const seqOf = (id: string) => entities[id]?.seq ?? 0;
  // The usual cases: a page before the oldest, or messages after the newest.
  if (ids.length === 0 || fresh[fresh.length - 1]!.seq < seqOf(ids[0]!))
    return [...fresh.map((m) => m.id), ...ids];
  if (fresh[0]!.seq > seqOf(ids[ids.length - 1]!)) return [...ids, ...fresh.map((m) => m.id)];
  const out: string[] = [];
  let i = 0;
  for (const m of fresh) {
    while (i < ids.length && seqOf(ids[i]!) < m.seq) out.push(ids[i++]!);
    out.push(m.id);
  }
  while (i < ids.length) out.push(ids[i++]!);
  return out;
}

export function applyDeleted(
  state: TopicMessages,
  event: { id: string; seq?: number; changeSeq?: number },
): void {
  const existing = state.entities[event.id];
  if (!existing) return;
  existing.body = '';
  existing.deletedAt = existing.deletedAt ?? new Date().toISOString();
  existing.reactions = [];
  existing.mentions = { userIds: [], everyone: false, here: false };
  if (event.changeSeq !== undefined) existing.changeSeq = Math.max(existing.changeSeq, event.changeSeq);
  refreshReplyPreviews(state, existing);
}

/**
 * A newer copy of a message we hold (live edit, sync `changed`, an edit's reply): it replaces ours unless
 * ours is newer (a higher changeSeq: e.g. a reaction event that overtook the edit's broadcast).
 */
export function applyChanged(state: TopicMessages, message: Message): void {
  const existing = state.entities[message.id];
  if (!existing || message.changeSeq < existing.changeSeq) return;
  state.entities[message.id] = message;
  refreshReplyPreviews(state, message);
}

/** A message's reactions as the server has them now, unless our copy is newer already. */
export function applyReactions(
  state: TopicMessages,
  event: { messageId: string; reactions: Reaction[]; changeSeq: number },
): void {
  const existing = state.entities[event.messageId];
  if (!existing || event.changeSeq < existing.changeSeq) return;
  existing.reactions = event.reactions;
  existing.changeSeq = event.changeSeq;
}

/** The replies we hold to `original` show it as it is now (the server computes the same on read). */
function refreshReplyPreviews(state: TopicMessages, original: Message): void {
  for (const id of state.ids) {
    const reply = state.entities[id]?.replyTo;
    if (!reply || reply.id !== original.id) continue;
    reply.deleted = original.deletedAt !== null;
    reply.excerpt = reply.deleted ? '' : firstLine(original.body);
  }
}

const firstLine = (body: string) =>
  (body.split('\n').find((l) => l.trim()) ?? '').trim().slice(0, REPLY_EXCERPT_MAX);
