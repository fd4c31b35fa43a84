import type { Reaction } from '@partyline/contracts';
import { REACTION_USERS_SHOWN } from '@partyline/contracts/limits';
import { describe, expect, it } from 'vitest';

import { reactedByMe, toggledReactions, whoReacted } from './reactionLogic';

const me = 'me';
const party: Reaction[] = [
  { emoji: '🎉', count: 2, userIds: ['bob', me] },
  { emoji: '👀', count: 1, userIds: ['carol'] },
];

describe('toggledReactions (the optimistic copy)', () => {
  it('adds a new emoji at the end and joins an existing one', () => {
    expect(toggledReactions(party, '🚀', me, true)).toEqual([
      ...party,
      { emoji: '🚀', count: 1, userIds: [me] },
    ]);
    expect(toggledReactions(party, '👀', me, true)[1]).toEqual({
      emoji: '👀',
      count: 2,
      userIds: ['carol', me],
    });
  });

  it('adding twice or removing what is not mine changes nothing (the same array, as on the server)', () => {
    expect(toggledReactions(party, '🎉', me, true)).toBe(party);
    expect(toggledReactions(party, '👀', me, false)).toBe(party);
    expect(toggledReactions(party, '🚀', me, false)).toBe(party);
  });

  it('removing mine lowers the count, and the last reactor takes the chip away', () => {
    expect(toggledReactions(party, '🎉', me, false)[0]).toEqual({ emoji: '🎉', count: 1, userIds: ['bob'] });
    const alone: Reaction[] = [{ emoji: '🎉', count: 1, userIds: [me] }];
    expect(toggledReactions(alone, '🎉', me, false)).toEqual([]);
  });

  it('past the listed reactors the count still grows but the list stays capped', () => {
    const many = Array.from({ length: REACTION_USERS_SHOWN }, (_, i) => `u${i}`);
    const full: Reaction[] = [{ emoji: '🔥', count: 40, userIds: many }];
    expect(toggledReactions(full, '🔥', me, true)[0]).toEqual({ emoji: '🔥', count: 41, userIds: many });
  });
});

describe('whoReacted and reactedByMe', () => {
  const names: Record<string, string> = { bob: 'Bob', carol: 'Carol', dave: 'Dave' };
  const nameOf = (id: string) => names[id] ?? 'Someone';

  it('names one, two, many, and the ones past the list as a count; me as "You"', () => {
    expect(whoReacted({ emoji: '👀', count: 1, userIds: ['carol'] }, nameOf)).toBe('Carol reacted with 👀');
    expect(whoReacted(party[0]!, nameOf, me)).toBe('Bob and You reacted with 🎉');
    expect(whoReacted({ emoji: '🎉', count: 3, userIds: ['bob', 'carol', 'dave'] }, nameOf)).toBe(
      'Bob, Carol and Dave reacted with 🎉',
    );
    expect(whoReacted({ emoji: '🎉', count: 7, userIds: ['bob', 'carol'] }, nameOf)).toBe(
      'Bob, Carol and 5 others reacted with 🎉',
    );
    expect(whoReacted({ emoji: '🎉', count: 2, userIds: ['bob'] }, nameOf)).toBe(
      'Bob and 1 other reacted with 🎉',
    );
  });

  it('reactedByMe reads the listed reactors, and is false when signed out', () => {
    expect(reactedByMe(party[0]!, me)).toBe(true);
    expect(reactedByMe(party[1]!, me)).toBe(false);
    expect(reactedByMe(party[0]!, undefined)).toBe(false);
  });
});
