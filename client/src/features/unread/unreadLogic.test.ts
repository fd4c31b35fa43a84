import { describe, expect, it } from 'vitest';

import { BOB, message, ME, PARTY_ID, TOPIC_ID } from '../../test/utils';
import {
  applyIncomingMessage,
  applyReadMark,
  badgeText,
  firstUnreadSeq,
  partyUnread,
  type UnreadMap,
} from './unreadLogic';

const base = (): UnreadMap => ({
  [TOPIC_ID]: { partyId: PARTY_ID, topicId: TOPIC_ID, lastSeq: 10, lastReadSeq: 8, unread: 2 },
  other: { partyId: PARTY_ID, topicId: 'other', lastSeq: 3, lastReadSeq: 0, unread: 3 },
  elsewhere: { partyId: 'p2', topicId: 'elsewhere', lastSeq: 1, lastReadSeq: 0, unread: 1 },
});

describe('unread counts', () => {
  it("someone else's new message raises the count", () => {
    const map = base();
    applyIncomingMessage(map, message(11, { author: BOB }), ME.id);
    expect(map[TOPIC_ID]).toMatchObject({ lastSeq: 11, unread: 3 });
  });

  it('my own message counts as read', () => {
    const map = base();
    applyIncomingMessage(map, message(11, { author: { ...ME } }), ME.id);
    expect(map[TOPIC_ID]).toMatchObject({ lastSeq: 11, lastReadSeq: 11, unread: 0 });
  });

  it('a message seen twice (live and again from sync) is counted once', () => {
    const map = base();
    applyIncomingMessage(map, message(11), ME.id);
    applyIncomingMessage(map, message(11), ME.id);
    expect(map[TOPIC_ID]?.unread).toBe(3);
  });

  it('a message in a topic not seen before starts its entry', () => {
    const map: UnreadMap = {};
    applyIncomingMessage(map, message(1, { topicId: 'new' }), ME.id);
    expect(map.new).toMatchObject({ partyId: PARTY_ID, lastSeq: 1, unread: 1 });
  });

  it('a read mark lowers the count and never moves backwards', () => {
    const map = base();
    applyReadMark(map, TOPIC_ID, 9);
    expect(map[TOPIC_ID]).toMatchObject({ lastReadSeq: 9, unread: 1 });
    applyReadMark(map, TOPIC_ID, 5);
    expect(map[TOPIC_ID]).toMatchObject({ lastReadSeq: 9, unread: 1 });
    applyReadMark(map, TOPIC_ID, 10);
    expect(map[TOPIC_ID]?.unread).toBe(0);
  });

  it('a party badge sums its topics only', () => {
    expect(partyUnread(base(), PARTY_ID)).toBe(5);
    expect(partyUnread(base(), 'p2')).toBe(1);
    expect(partyUnread(undefined, PARTY_ID)).toBe(0);
  });

  it('the first unread is right after the last read', () => {
    expect(firstUnreadSeq(base()[TOPIC_ID])).toBe(9);
    expect(
      firstUnreadSeq({ partyId: PARTY_ID, topicId: 'x', lastSeq: 4, lastReadSeq: 4, unread: 0 }),
    ).toBeNull();
  });

  it('badges cap at 99+', () => {
    expect(badgeText(7)).toBe('7');
    expect(badgeText(120)).toBe('99+');
  });
});
