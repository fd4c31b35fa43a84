import { describe, expect, it } from 'vitest';

import type { Member } from '../../api/types';
import { activeMention, insertMention, suggestMentions } from './mentionQuery';
import { toEditableText, toStoredBody, usesGroupMention } from './mentionTokens';

const member = (userId: string, username: string | null, displayName: string): Member => ({
  userId,
  username,
  displayName,
  avatarUrl: null,
  role: 'member',
  joinedAt: '2026-01-01T00:00:00.000Z',
});

const BOB_ID = '00000000-0000-4000-8000-000000000002';
const MEMBERS = [
  member('00000000-0000-4000-8000-000000000001', 'alice', 'Alice Liddell'),
  member(BOB_ID, 'bob', 'Bob Builder'),
  member('00000000-0000-4000-8000-000000000003', 'zoe_k', 'Zoë Kravitz'),
  member('00000000-0000-4000-8000-000000000004', 'rob', 'Roberta'),
  member('00000000-0000-4000-8000-000000000005', null, 'Deleted user'),
];
const names = (s: ReturnType<typeof suggestMentions>) =>
  s.map((x) => (x.kind === 'member' ? x.username : `@${x.word}`));

describe('where a mention starts', () => {
  it('an @ at the start or after a space opens a query up to the caret', () => {
    expect(activeMention('@bo', 3)).toEqual({ start: 0, query: 'bo' });
    expect(activeMention('hi @', 4)).toEqual({ start: 3, query: '' });
    expect(activeMention('hi (@al', 7)).toEqual({ start: 4, query: 'al' });
  });

  it('an @ inside a word (an e-mail address) or a finished word does not', () => {
    expect(activeMention('mail me at bob@example', 22)).toBeNull();
    expect(activeMention('@bob and more', 13)).toBeNull();
    expect(activeMention('hello', 5)).toBeNull();
  });

  it('only the text before the caret counts', () => {
    expect(activeMention('@bob is here', 2)).toEqual({ start: 0, query: 'b' });
  });
});

describe('suggestions', () => {
  it('match the username first, then a word of the display name, accents ignored', () => {
    expect(names(suggestMentions(MEMBERS, 'b', false))).toEqual(['bob', 'rob']);
    expect(names(suggestMentions(MEMBERS, 'rob', false))).toEqual(['rob']);
    expect(names(suggestMentions(MEMBERS, 'builder', false))).toEqual(['bob']);
    expect(names(suggestMentions(MEMBERS, 'zoe', false))).toEqual(['zoe_k']);
    expect(names(suggestMentions(MEMBERS, 'KRAV', false))).toEqual(['zoe_k']);
  });

  it('an empty query lists members by display name and never offers a deleted user', () => {
    expect(names(suggestMentions(MEMBERS, '', false))).toEqual(['alice', 'bob', 'rob', 'zoe_k']);
  });

  it('offers @everyone and @here to admins and owners only', () => {
    expect(names(suggestMentions(MEMBERS, '', true))).toEqual([
      'alice',
      'bob',
      'rob',
      'zoe_k',
      '@everyone',
      '@here',
    ]);
    expect(names(suggestMentions(MEMBERS, 'ev', true))).toEqual(['@everyone']);
    expect(names(suggestMentions(MEMBERS, 'ev', false))).toEqual([]);
    expect(names(suggestMentions(MEMBERS, 'h', true))).toEqual(['@here']);
  });

  it('are capped', () => {
    const many = Array.from({ length: 30 }, (_, i) => member(`id-${i}`, `user${i}`, `User ${i}`));
    expect(suggestMentions(many, 'user', false)).toHaveLength(8);
  });
});

describe('inserting a pick', () => {
  it('replaces the query with @username and a space, and puts the caret after it', () => {
    const text = 'hi @bo';
    expect(insertMention(text, { start: 3, query: 'bo' }, 6, 'bob')).toEqual({
      text: 'hi @bob ',
      caret: 8,
    });
  });

  it('keeps the text after the caret and does not double a space', () => {
    expect(insertMention('@b see you', { start: 0, query: 'b' }, 2, 'bob')).toEqual({
      text: '@bob see you',
      caret: 5,
    });
  });
});

describe('stored tokens', () => {
  const known = new Map([
    ['bob', BOB_ID],
    ['alice', '00000000-0000-4000-8000-000000000001'],
  ]);

  it('a known @username becomes <@id>; unknown names, e-mails and group words stay text', () => {
    expect(toStoredBody('hey @bob and @Alice, mail x@bob.com @nobody @everyone @here', known)).toBe(
      `hey <@${BOB_ID}> and <@00000000-0000-4000-8000-000000000001>, mail x@bob.com @nobody @everyone @here`,
    );
  });

  it('a longer name that starts with a known one is not cut', () => {
    expect(toStoredBody('@bobby @bob_', known)).toBe('@bobby @bob_');
  });

  it('code is left as typed', () => {
    expect(toStoredBody('`@bob` and\n```\n@bob\n```\n@bob', known)).toBe(
      `\`@bob\` and\n\`\`\`\n@bob\n\`\`\`\n<@${BOB_ID}>`,
    );
  });

  it('a stored body reads back as @username for editing', () => {
    const body = toStoredBody('@bob hi @alice', known);
    const byId = new Map([...known].map(([name, id]) => [id, name]));
    expect(toEditableText(body, (id) => byId.get(id))).toBe('@bob hi @alice');
    expect(toEditableText('<@00000000-0000-4000-8000-00000000ffff>', () => null)).toBe(
      '<@00000000-0000-4000-8000-00000000ffff>',
    );
  });

  it('group mentions are found outside code only', () => {
    expect(usesGroupMention('hello @everyone')).toBe(true);
    expect(usesGroupMention('@here!')).toBe(true);
    expect(usesGroupMention('`@everyone`')).toBe(false);
    expect(usesGroupMention('me@here.org')).toBe(false);
  });
});
