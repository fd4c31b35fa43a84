import { describe, expect, it } from 'vitest';

import {
  Message,
  normalizeReactionEmoji,
  parseMentions,
  ReactionPayload,
  SendMessageBody,
  SyncPayload,
} from '../src/index.js';

const alice = '3f1c2a7e-5b7d-4c7a-9f3e-2b1a0c9d8e7f';
const bob = '8d2e4f60-1a2b-4c3d-8e9f-0a1b2c3d4e5f';

describe('reaction emoji', () => {
  it.each([
    ['a plain emoji', '👍', '👍'],
    ['a skin tone', '👍🏽', '👍🏽'],
    ['a ZWJ family', '👨‍👩‍👧', '👨‍👩‍👧'],
    ['a flag', '🇫🇷', '🇫🇷'],
    ['a keycap', '1️⃣', '1️⃣'],
    ['a subdivision flag', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'],
    ['the text form of a heart', '❤', '❤️'],
    ['the emoji form of a heart', '❤️', '❤️'],
  ])('when it is %s, then it is taken as %s', (_what, input, stored) => {
    expect(normalizeReactionEmoji(input)).toBe(stored);
  });

  it.each([
    ['a letter', 'a'],
    ['two emoji', '👍👍'],
    ['a word', 'like'],
    ['a shortcode', ':smile:'],
    ['an emoji with a space', '👍 '],
    ['nothing', ''],
    ['a digit alone', '1'],
    ['markup', '<b>'],
    ['something too long', '👍'.repeat(40)],
  ])('when it is %s, then it is no reaction', (_what, input) => {
    expect(normalizeReactionEmoji(input)).toBeNull();
  });

  it('when a reaction payload has extra keys, then it is refused', () => {
    expect(ReactionPayload.safeParse({ messageId: alice, emoji: '👍', x: 1 }).success).toBe(false);
  });
});

describe('mentions in a body', () => {
  it('when a body names users, @everyone and @here, then each is found once, in order', () => {
    expect(parseMentions(`<@${bob}> hi <@${alice.toUpperCase()}> and <@${bob}>, @everyone! (@here)`)).toEqual(
      {
        userIds: [bob, alice],
        everyone: true,
        here: true,
      },
    );
  });

  it('when the words sit inside other words, addresses or code, then they are no mentions', () => {
    expect(
      parseMentions(
        [
          'mail me@everyone.org or @everyones or @here_now',
          '`@everyone` and ``<@' + alice + '>``',
          '```',
          '@here',
          '```',
          '~~~ts',
          `<@${bob}>`,
        ].join('\n'),
      ),
    ).toEqual({ userIds: [], everyone: false, here: false });
  });

  it('when a code fence closes, what follows is read again', () => {
    expect(parseMentions('```\ncode @here\n```\nreal @here')).toMatchObject({ here: true });
    expect(parseMentions('`a` @everyone `b`')).toMatchObject({ everyone: true });
  });
});

describe('conversation contracts', () => {
  it('when a send names a reply target, it must be a uuid; unknown keys are refused', () => {
    expect(SendMessageBody.safeParse({ body: 'hi', nonce: 'nonce-1234', replyToId: alice }).success).toBe(
      true,
    );
    expect(SendMessageBody.safeParse({ body: 'hi', nonce: 'nonce-1234', replyToId: 'x' }).success).toBe(
      false,
    );
  });

  it('when a sync cursor carries lastChange, it is a non-negative integer; without it the cursor is still valid', () => {
    const cursor = (extra: object) =>
      SyncPayload.safeParse({ cursors: [{ topicId: alice, lastSeq: 1, ...extra }] });
    expect(cursor({}).success).toBe(true);
    expect(cursor({ lastChange: 3 }).success).toBe(true);
    expect(cursor({ lastChange: -1 }).success).toBe(false);
    expect(cursor({ lastChange: 1.5 }).success).toBe(false);
  });

  it('when a message is read, it carries replyTo, mentions, reactions and changeSeq', () => {
    const base = {
      id: alice,
      topicId: bob,
      partyId: bob,
      seq: 2,
      nonce: 'nonce-1234',
      author: null,
      body: 'hi',
      createdAt: '2026-01-01T00:00:00.000Z',
      editedAt: null,
      deletedAt: null,
    };
    expect(Message.safeParse(base).success).toBe(false);
    expect(
      Message.safeParse({
        ...base,
        replyTo: { id: bob, seq: 1, authorId: null, excerpt: '', deleted: true },
        mentions: { userIds: [alice], everyone: false, here: false },
        reactions: [{ emoji: '👍', count: 1, userIds: [alice] }],
        changeSeq: 0,
      }).success,
    ).toBe(true);
  });
});
