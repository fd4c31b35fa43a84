import { describe, expect, it } from 'vitest';

import type { NotificationSettings } from '../notifications/levels';
import { computeBadges, titleWithMentions } from './badges';
import type { UnreadMap } from './unreadLogic';

const entry = (partyId: string, topicId: string, unread: number, mentionCount: number) => ({
  partyId,
  topicId,
  lastSeq: 10,
  lastReadSeq: 10 - unread,
  unread,
  mentionCount,
  level: 'all' as const,
});
const unread: UnreadMap = {
  t1: entry('p1', 't1', 4, 1),
  t2: entry('p1', 't2', 2, 2),
  t3: entry('p1', 't3', 5, 0),
  t4: entry('p2', 't4', 3, 0),
};

describe('badges', () => {
  it('at the default level every topic shows its unread count and its mentions', () => {
    const b = computeBadges(unread, { parties: {}, topics: {} });
    expect(b.topics.t1).toEqual({ unread: 4, mentions: 1, hasUnread: true, level: 'all' });
    expect(b.parties.p1).toEqual({ unread: 11, mentions: 3, hasUnread: true });
    expect(b.totalMentions).toBe(3);
  });

  it('a muted topic shows nothing and counts for nothing; mentions-only shows only mention badges', () => {
    const settings: NotificationSettings = { parties: { p1: 'mentions' }, topics: { t2: 'none', t3: 'all' } };
    const b = computeBadges(unread, settings);
    expect(b.topics.t1).toEqual({ unread: 0, mentions: 1, hasUnread: true, level: 'mentions' });
    expect(b.topics.t2).toEqual({ unread: 0, mentions: 0, hasUnread: false, level: 'none' });
    expect(b.topics.t3).toEqual({ unread: 5, mentions: 0, hasUnread: true, level: 'all' });
    expect(b.parties.p1).toEqual({ unread: 5, mentions: 1, hasUnread: true });
    expect(b.totalMentions).toBe(1);
  });

  it('a topic set to inherit follows its party, and a muted party mutes its topics', () => {
    const b = computeBadges(unread, { parties: { p1: 'none' }, topics: { t1: 'inherit', t2: 'mentions' } });
    expect(b.topics.t1?.level).toBe('none');
    expect(b.topics.t2).toMatchObject({ mentions: 2, level: 'mentions' });
    expect(b.parties.p1).toEqual({ unread: 0, mentions: 2, hasUnread: true });
  });

  it('before my settings load, the level the unread reply carries is used', () => {
    const b = computeBadges({ t1: { ...entry('p1', 't1', 4, 1), level: 'none' } }, undefined);
    expect(b.topics.t1).toMatchObject({ mentions: 0, unread: 0, level: 'none' });
  });
});

describe('the tab title', () => {
  it('carries the number of unread mentions, and none when there are none', () => {
    expect(titleWithMentions('Partyline', 3)).toBe('(3) Partyline');
    expect(titleWithMentions('(3) #general · Games — Partyline', 1)).toBe('(1) #general · Games — Partyline');
    expect(titleWithMentions('(3) Partyline', 0)).toBe('Partyline');
    expect(titleWithMentions('Partyline', 120)).toBe('(99+) Partyline');
  });
});
