import { createNextState as produce } from '@reduxjs/toolkit';
import { enablePatches, produceWithPatches } from 'immer';
import { describe, expect, it } from 'vitest';

import { message } from '../../test/utils';
import {
  appendMessages,
  applyDeleted,
  applyLiveMessage,
  emptyTopicMessages,
  fromHistory,
  maxSeq,
  messagesSelectors,
  minSeq,
  withPage,
} from './messagesAdapter';

enablePatches();

/** A window from a history page of seqs 51 and 52, with older messages before it. */
const pageOf51And52 = () =>
  fromHistory({ messages: [message(51), message(52)], hasOlder: true, hasNewer: false, lastChange: 0 });

describe('the messages adapter', () => {
  it('keys messages by id and keeps them sorted by seq whatever the arrival order', () => {
    const state = produce(emptyTopicMessages(), (d) =>
      appendMessages(d, [message(3), message(1), message(2)]),
    );
    expect(state.ids).toEqual(['m-1', 'm-2', 'm-3']);
    expect(messagesSelectors.selectAll(state).map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(minSeq(state)).toBe(1);
    expect(maxSeq(state)).toBe(3);
  });

  it('adds a page of history as a new window, leaving the one held as it was, without a draft of it', () => {
    const held = pageOf51And52();
    const [next, patches] = produceWithPatches(held, (d) =>
      withPage(d, [message(50), message(49), message(52)], { hasOlder: false }),
    );
    expect(next.ids).toEqual(['m-49', 'm-50', 'm-51', 'm-52']);
    expect(next.hasOlder).toBe(false);
    expect(next.hasNewer).toBe(false);
    expect(held.ids).toEqual(['m-51', 'm-52']);
    expect(held.hasOlder).toBe(true);
    // One replacement of the whole window: nothing held was read through a draft or compared for patches.
    expect(patches.map((p) => [p.op, p.path])).toEqual([['replace', []]]);
    expect(next.entities['m-51']).toBe(held.entities['m-51']);
  });

  it('builds a window from a history page with its hasOlder/hasNewer flags', () => {
    const state = pageOf51And52();
    expect(state.hasOlder).toBe(true);
    expect(state.ids).toHaveLength(2);
  });

  it('when a live message continues the window, it is appended', () => {
    let result = '';
    const state = produce(
      fromHistory({ messages: [message(1), message(2)], hasOlder: false, hasNewer: false, lastChange: 0 }),
      (d) => {
        result = applyLiveMessage(d, message(3));
      },
    );
    expect(result).toBe('applied');
    expect(maxSeq(state)).toBe(3);
  });

  it('when the same message arrives twice (ack and broadcast), it is stored once', () => {
    const state = produce(
      fromHistory({ messages: [message(1)], hasOlder: false, hasNewer: false, lastChange: 0 }),
      (d) => {
        applyLiveMessage(d, message(2));
        applyLiveMessage(d, message(2));
      },
    );
    expect(state.ids).toEqual(['m-1', 'm-2']);
  });

  it('when a live message skips seqs, it reports a gap instead of leaving a hole', () => {
    const state = fromHistory({
      messages: [message(1), message(2)],
      hasOlder: false,
      hasNewer: false,
      lastChange: 0,
    });
    expect(applyLiveMessage(state, message(5))).toBe('gap');
    expect(state.ids).toEqual(['m-1', 'm-2']);
  });

  it('when the window does not reach the present, live messages are ignored', () => {
    const state = fromHistory({ messages: [message(1)], hasOlder: false, hasNewer: true, lastChange: 0 });
    expect(applyLiveMessage(state, message(90))).toBe('ignored');
  });

  it('a deleted message keeps its place but loses its text', () => {
    const state = produce(
      fromHistory({ messages: [message(1)], hasOlder: false, hasNewer: false, lastChange: 0 }),
      (d) => applyDeleted(d, { id: 'm-1', seq: 1 }),
    );
    expect(state.entities['m-1']).toMatchObject({ body: '', seq: 1 });
    expect(state.entities['m-1']?.deletedAt).not.toBeNull();
  });
});
