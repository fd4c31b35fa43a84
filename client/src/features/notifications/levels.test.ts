import { describe, expect, it } from 'vitest';

import { BOB, message, ME, PARTY_ID, TOPIC_ID } from '../../test/utils';
import { notificationExcerpt } from './browserNotifications';
import {
  applySetting,
  effectiveLevel,
  levelNotifies,
  mentionsMe,
  settingsFromReply,
  type NotificationSettings,
} from './levels';

const mentions = (m: Partial<{ userIds: string[]; everyone: boolean; here: boolean }>) => ({
  userIds: [],
  everyone: false,
  here: false,
  ...m,
});

describe('what mentions me', () => {
  it('my id, @everyone and @here do; someone else’s id does not', () => {
    expect(mentionsMe(message(1, { mentions: mentions({ userIds: [ME.id] }) }), ME.id)).toBe(true);
    expect(mentionsMe(message(1, { mentions: mentions({ everyone: true }) }), ME.id)).toBe(true);
    expect(mentionsMe(message(1, { mentions: mentions({ here: true }) }), ME.id)).toBe(true);
    expect(mentionsMe(message(1, { mentions: mentions({ userIds: [BOB.id] }) }), ME.id)).toBe(false);
  });

  it('never my own message, nor a deleted one', () => {
    const mine = message(1, { author: { ...ME }, mentions: mentions({ everyone: true }) });
    expect(mentionsMe(mine, ME.id)).toBe(false);
    const deleted = message(1, {
      deletedAt: '2026-01-01T00:00:00.000Z',
      mentions: mentions({ everyone: true }),
    });
    expect(mentionsMe(deleted, ME.id)).toBe(false);
  });
});

describe('notification levels', () => {
  it('all notifies on every message, mentions on mentions only, none never', () => {
    expect([levelNotifies('all', false), levelNotifies('all', true)]).toEqual([true, true]);
    expect([levelNotifies('mentions', false), levelNotifies('mentions', true)]).toEqual([false, true]);
    expect([levelNotifies('none', false), levelNotifies('none', true)]).toEqual([false, false]);
  });

  it("a topic's own level wins over its party's; inherit and unset follow the party; the default is all", () => {
    const s = settingsFromReply({
      parties: [{ partyId: PARTY_ID, level: 'mentions' }],
      topics: [{ partyId: PARTY_ID, topicId: TOPIC_ID, level: 'none' }],
    });
    expect(effectiveLevel(s, PARTY_ID, TOPIC_ID)).toBe('none');
    expect(effectiveLevel(s, PARTY_ID, 'other-topic')).toBe('mentions');
    expect(effectiveLevel(s, 'other-party', 'x')).toBe('all');
  });

  it('a change from another device (notify:updated) applies; inherit drops the topic’s own level', () => {
    const s: NotificationSettings = { parties: {}, topics: {} };
    applySetting(s, { partyId: PARTY_ID, topicId: TOPIC_ID, level: 'none' });
    applySetting(s, { partyId: PARTY_ID, topicId: null, level: 'mentions' });
    expect(effectiveLevel(s, PARTY_ID, TOPIC_ID)).toBe('none');
    applySetting(s, { partyId: PARTY_ID, topicId: TOPIC_ID, level: 'inherit' });
    expect(s.topics).toEqual({});
    expect(effectiveLevel(s, PARTY_ID, TOPIC_ID)).toBe('mentions');
  });
});

describe('the notification text', () => {
  it('shows mentions as @names on one line and cuts a long text at a word', () => {
    const names = new Map([[BOB.id, 'Bob']]);
    expect(notificationExcerpt(`hey <@${BOB.id}>,\nlook`, (id) => names.get(id))).toBe('hey @Bob, look');
    expect(notificationExcerpt(`<@${ME.id}> hi`, () => undefined)).toBe('@someone hi');
    const long = notificationExcerpt('word '.repeat(60), () => undefined);
    expect(long.length).toBeLessThanOrEqual(141);
    expect(long.endsWith('word…')).toBe(true);
  });
});
