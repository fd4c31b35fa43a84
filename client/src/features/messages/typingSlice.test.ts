import { describe, expect, it } from 'vitest';

import { BOB, ME, PARTY_ID, TOPIC_ID } from '../../test/utils';
import typingSlice, {
  typersIn,
  typingEnded,
  typingExpired,
  typingLabel,
  typingReceived,
} from './typingSlice';

const reducer = typingSlice.reducer;
const event = (userId: string, displayName: string, expiresAt: string) => ({
  partyId: PARTY_ID,
  topicId: TOPIC_ID,
  userId,
  displayName,
  expiresAt,
});

describe('typing indicator', () => {
  const now = Date.parse('2026-01-01T12:00:00.000Z');

  it('shows a typer until the notice expires', () => {
    const state = {
      typing: reducer(undefined, typingReceived(event(BOB.id, 'Bob', '2026-01-01T12:00:06.000Z'), now)),
    };
    expect(typersIn(state, TOPIC_ID, ME.id, now + 5_000)).toEqual(['Bob']);
    expect(typersIn(state, TOPIC_ID, ME.id, now + 6_001)).toEqual([]);
  });

  it('bounds a far-future expiry from a skewed clock to 6 s', () => {
    const state = {
      typing: reducer(undefined, typingReceived(event(BOB.id, 'Bob', '2027-01-01T00:00:00.000Z'), now)),
    };
    expect(typersIn(state, TOPIC_ID, ME.id, now + 6_001)).toEqual([]);
  });

  it('never shows me, and stops when the typer sends', () => {
    let s = reducer(undefined, typingReceived(event(ME.id, 'Alice', '2026-01-01T12:00:06.000Z'), now));
    s = reducer(s, typingReceived(event(BOB.id, 'Bob', '2026-01-01T12:00:06.000Z'), now));
    expect(typersIn({ typing: s }, TOPIC_ID, ME.id, now)).toEqual(['Bob']);
    s = reducer(s, typingEnded({ topicId: TOPIC_ID, userId: BOB.id }));
    expect(typersIn({ typing: s }, TOPIC_ID, ME.id, now)).toEqual([]);
  });

  it('prunes expired typers', () => {
    let s = reducer(undefined, typingReceived(event(BOB.id, 'Bob', '2026-01-01T12:00:02.000Z'), now));
    s = reducer(s, typingExpired(now + 3_000));
    expect(s.byTopic[TOPIC_ID]).toEqual({});
  });

  it('reads naturally', () => {
    expect(typingLabel([])).toBe('');
    expect(typingLabel(['Alice'])).toBe('Alice is typing…');
    expect(typingLabel(['Alice', 'Bob'])).toBe('Alice and Bob are typing…');
    expect(typingLabel(['A', 'B', 'C'])).toBe('Several people are typing…');
  });
});
