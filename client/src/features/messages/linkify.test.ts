import { describe, expect, it } from 'vitest';

import { safeHref, tokenize } from './linkify';

describe('the link tokenizer', () => {
  it('turns http and https URLs into links and keeps the rest as text', () => {
    expect(tokenize('see https://example.com/a?b=1 and http://x.org')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://x.org', href: 'http://x.org/' },
    ]);
  });

  it('leaves sentence punctuation outside the link', () => {
    expect(tokenize('go to https://example.com.')).toEqual([
      { kind: 'text', text: 'go to ' },
      { kind: 'link', text: 'https://example.com', href: 'https://example.com/' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('keeps balanced parentheses that belong to the URL', () => {
    const tokens = tokenize('(https://en.wikipedia.org/wiki/Foo_(bar))');
    expect(tokens[1]).toMatchObject({ kind: 'link', text: 'https://en.wikipedia.org/wiki/Foo_(bar)' });
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '<a href="javascript:alert(1)">x</a>',
    '<img src=x onerror=alert(1)>',
    'file:///etc/passwd',
  ])('never makes a link of %s', (text) => {
    const tokens = tokenize(text);
    expect(tokens.every((t) => t.kind === 'text')).toBe(true);
    expect(tokens.map((t) => t.text).join('')).toBe(text);
  });

  it('only accepts absolute http(s) URLs', () => {
    expect(safeHref('https://ok.example/x')).toBe('https://ok.example/x');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('//evil.example')).toBeNull();
    expect(safeHref('http://')).toBeNull();
  });

  it('returns the whole text when there is no URL', () => {
    expect(tokenize('just words')).toEqual([{ kind: 'text', text: 'just words' }]);
    expect(tokenize('')).toEqual([]);
  });
});
