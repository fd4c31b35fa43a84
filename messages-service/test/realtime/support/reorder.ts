// What a client does with the live `message:created` of one topic, as a pure function of its inputs (the
// messages and the clock): deliver in seq order, hold an early message back up to `holdMs` waiting for the
// ones before it, and ask for one sync when a hold expires with the hole still open (one sync in flight at
// a time; its answer fills the hole). It mirrors the browser client's reorder window
// (client/src/features/messages/reorderWindow.ts) without depending on it.
export interface Sequenced {
  seq: number;
}

export interface ReorderState<M extends Sequenced> {
  /** The last seq delivered (0 before the first message). */
  last: number;
  /** Early messages by seq, with the time each was first held. */
  held: Map<number, { message: M; since: number }>;
  syncing: boolean;
}

export interface ReorderStep<M extends Sequenced> {
  /** Messages that continue the topic, in seq order. */
  delivered: M[];
  /** Ask the server for everything after `state.last`. */
  sync: boolean;
}

export const REORDER_HOLD_MS = 250;

export function initialReorderState<M extends Sequenced>(last = 0): ReorderState<M> {
  return { last, held: new Map(), syncing: false };
}

function drain<M extends Sequenced>(state: ReorderState<M>, delivered: M[]): void {
  for (const seq of state.held.keys()) if (seq <= state.last) state.held.delete(seq);
  for (let next = state.held.get(state.last + 1); next; next = state.held.get(state.last + 1)) {
    state.held.delete(state.last + 1);
    delivered.push(next.message);
    state.last += 1;
  }
}

/** A live message arrived at `now`. Duplicates (seq already delivered or held) are dropped. */
export function receive<M extends Sequenced>(
  state: ReorderState<M>,
  message: M,
  now: number,
): ReorderStep<M> {
  const delivered: M[] = [];
  if (message.seq <= state.last || state.held.has(message.seq)) return { delivered, sync: false };
  if (message.seq === state.last + 1) {
    delivered.push(message);
    state.last = message.seq;
    drain(state, delivered);
  } else {
    state.held.set(message.seq, { message, since: now });
  }
  return { delivered, sync: false };
}

/** When the next hold expires (undefined when nothing is held). */
export function nextDeadline<M extends Sequenced>(state: ReorderState<M>, holdMs = REORDER_HOLD_MS) {
  let oldest: number | undefined;
  for (const { since } of state.held.values())
    oldest = oldest === undefined ? since : Math.min(oldest, since);
  return oldest === undefined ? undefined : oldest + holdMs;
}

/** The clock moved: a hold that expired with the hole still open asks for a sync (unless one is running). */
export function tick<M extends Sequenced>(
  state: ReorderState<M>,
  now: number,
  holdMs = REORDER_HOLD_MS,
): ReorderStep<M> {
  const deadline = nextDeadline(state, holdMs);
  if (state.syncing || deadline === undefined || now < deadline) return { delivered: [], sync: false };
  state.syncing = true;
  return { delivered: [], sync: true };
}

/** The sync answered with the messages after the cursor, in order; the held ones it reaches follow. */
export function synced<M extends Sequenced>(
  state: ReorderState<M>,
  messages: M[],
  now: number,
): ReorderStep<M> {
  state.syncing = false;
  const delivered: M[] = [];
  for (const message of messages) {
    if (message.seq !== state.last + 1) continue;
    delivered.push(message);
    state.last = message.seq;
  }
  drain(state, delivered);
  // Whatever is still held came after the answer was read: it waits afresh for its own hole to close.
  for (const entry of state.held.values()) entry.since = now;
  return { delivered, sync: false };
}
