import { describe, expect, it } from 'vitest';

import {
  CreateBanBody,
  CreatePartyBody,
  CreateTopicBody,
  EditMessageBody,
  SearchQuery,
  SendMessageBody,
  UpdateMeBody,
} from '../src/index.js';

const NUL = '\u0000';
const LONE_SURROGATE = '\uD800';
const send = (body: string, nonce = 'nonce-12345') => SendMessageBody.safeParse({ body, nonce });

describe('text the store could not keep', () => {
  it.each([
    ['a message body', () => send(`hi${NUL}`)],
    ['a nonce', () => send('hi', `nonce-${NUL}-12345`)],
    ['an edit', () => EditMessageBody.safeParse({ body: `x${NUL}` })],
    ['a party name', () => CreatePartyBody.safeParse({ name: `Board${NUL}games` })],
    ['a topic name', () => CreateTopicBody.safeParse({ name: `gen${NUL}` })],
    ['a display name', () => UpdateMeBody.safeParse({ displayName: `Ada${NUL}` })],
    ['a ban reason', () => CreateBanBody.safeParse({ userId: crypto.randomUUID(), reason: `spam${NUL}` })],
    ['a search query', () => SearchQuery.safeParse({ q: `hello${NUL}` })],
    ['a message with a lone surrogate', () => send(`broken ${LONE_SURROGATE} text`)],
    ['a party name with a lone surrogate', () => CreatePartyBody.safeParse({ name: `x${LONE_SURROGATE}` })],
  ])('when %s holds U+0000 or broken Unicode, then it is refused', (_what, parse) => {
    expect(parse().success).toBe(false);
  });

  it('when a message holds emoji, scripts and marks (valid surrogate pairs included), then it is kept as sent', () => {
    const body = '  Zoë 🎉 👨‍👩‍👧 שלום مرحبا 漢字 e\u0301\n';
    const parsed = send(body);

    expect(parsed.success && parsed.data.body).toBe(body);
  });
});

describe('names that show nothing or reorder text', () => {
  it.each([
    ['only zero-width spaces', '\u200B\u200B'],
    ['only a zero-width joiner and a word joiner', '\u200D\u2060'],
    ['only bidi controls', '\u202E\u2066'],
    ['a right-to-left override', 'admin\u202Egnp.exe'],
    ['a left-to-right isolate', 'a\u2066b'],
    ['a newline', 'two\nlines'],
    ['an escape character', 'bell\u001b[31m'],
  ])('when a party name is %s, then it is refused', (_what, name) => {
    expect(CreatePartyBody.safeParse({ name }).success).toBe(false);
    expect(CreateTopicBody.safeParse({ name }).success).toBe(false);
    expect(UpdateMeBody.safeParse({ displayName: name }).success).toBe(false);
  });

  it('when a name is visible text in any script, then it is accepted (trimmed)', () => {
    for (const name of ['Board games', ' שלום ', '🎲', '漢字', 'Zoë']) {
      const parsed = CreatePartyBody.safeParse({ name });
      expect(parsed.success && parsed.data.name).toBe(name.trim());
    }
  });

  it('when a message body is only zero-width characters, then it is refused as empty', () => {
    expect(send('\u200B\u200C').success).toBe(false);
  });
});
