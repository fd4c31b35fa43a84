import { describe, expect, it } from 'vitest';

import { BOB, message, ME, PARTY_ID, TOPIC_ID } from '../../test/utils';
import {
  applyDeletedMessage,
  applyIncomingMessage,
  applyReadMark,
  badgeText,
  firstUnreadSeq,
  partyUnread,
  type UnreadMap,
} from './unreadLogic';

const entry = (partyId: string, topicId: string, lastSeq: number, lastReadSeq: number, unread: number) => ({
  partyId,
  topicId,
  lastSeq,
  lastReadSeq,
  unread,
  mentionCount: 0,
  level: 'all' as const,
});
const base = (): UnreadMap => ({
  [TOPIC_ID]: entry(PARTY_ID, TOPIC_ID, 10, 8, 2),
  other: entry(PARTY_ID, 'other', 3, 0, 3),
  elsewhere: entry('p2', 'elsewhere', 1, 0, 1),
});
const NO_MENTIONS = { userIds: [] as string[], everyone: false, here: false };
const mentioning = (seq: number, mentions: Partial<typeof NO_MENTIONS>) =>
  message(seq, { mentions: { ...NO_MENTIONS, ...mentions } });

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
    expect(firstUnreadSeq(entry(PARTY_ID, 'x', 4, 4, 0))).toBeNull();
  });

  it('badges cap at 99+', () => {
    expect(badgeText(7)).toBe('7');
    expect(badgeText(120)).toBe('99+');
  });
});

describe('mention counts', () => {
  it('a message that names me, @everyone or @here raises the mention count; others only the unread', () => {
    const map = base();
    applyIncomingMessage(map, mentioning(11, { userIds: [ME.id] }), ME.id);
    applyIncomingMessage(map, mentioning(12, { everyone: true }), ME.id);
    applyIncomingMessage(map, mentioning(13, { here: true }), ME.id);
    applyIncomingMessage(map, mentioning(14, { userIds: [BOB.id] }), ME.id);
    applyIncomingMessage(map, message(15), ME.id);
    expect(map[TOPIC_ID]).toMatchObject({ unread: 7, mentionCount: 3 });
  });

  it('my own @everyone is no mention of me, and a replayed mention counts once', () => {
    const map = base();
    applyIncomingMessage(map, mentioning(11, { userIds: [ME.id] }), ME.id);
    applyIncomingMessage(map, mentioning(11, { userIds: [ME.id] }), ME.id);
    expect(map[TOPIC_ID]?.mentionCount).toBe(1);
    applyIncomingMessage(map, { ...mentioning(12, { everyone: true }), author: { ...ME } }, ME.id);
    expect(map[TOPIC_ID]).toMatchObject({ unread: 0, mentionCount: 0 });
  });

  it('a read mark clears the mentions it passes, exactly for those that came live', () => {
    const map = base();
    applyIncomingMessage(map, mentioning(11, { userIds: [ME.id] }), ME.id);
    applyIncomingMessage(map, message(12), ME.id);
    applyIncomingMessage(map, mentioning(13, { userIds: [ME.id] }), ME.id);
    expect(applyReadMark(map, TOPIC_ID, 11)).toBe(false);
    expect(map[TOPIC_ID]?.mentionCount).toBe(1);
    applyReadMark(map, TOPIC_ID, 13);
    expect(map[TOPIC_ID]?.mentionCount).toBe(0);
  });

  it("reading to the end clears the server's count; a partial read of it asks for a recount", () => {
    const map = base();
    map.other = { ...entry(PARTY_ID, 'other', 3, 0, 3), mentionCount: 2 };
    expect(applyReadMark(map, 'other', 1)).toBe(true);
    expect(map.other.mentionCount).toBe(2);
    expect(applyReadMark(map, 'other', 2)).toBe(true);
    expect(map.other.mentionCount).toBe(1);
    expect(applyReadMark(map, 'other', 3)).toBe(false);
    expect(map.other.mentionCount).toBe(0);
  });

  it('a deleted mention stops counting', () => {
    const map = base();
    applyIncomingMessage(map, mentioning(11, { userIds: [ME.id] }), ME.id);
    applyDeletedMessage(map, TOPIC_ID, 11);
    applyDeletedMessage(map, TOPIC_ID, 11);
    expect(map[TOPIC_ID]?.mentionCount).toBe(0);
  });
});
