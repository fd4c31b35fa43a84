import { describe, expect, it } from 'vitest';

import { excerpt, highlight, queryTerms } from './highlight';

describe('search highlighting', () => {
  it('takes the words of a query, without operators or duplicates', () => {
    expect(queryTerms('Pizza "friday night" -work pizza')).toEqual(['friday', 'pizza', 'night']);
  });

  it('marks each occurrence of a term, whole words that start with it, in any case', () => {
    expect(highlight('Meeting moved: meet at 5, MEETUP after', ['meet'])).toEqual([
      { text: 'Meeting', hit: true },
      { text: ' moved: ', hit: false },
      { text: 'meet', hit: true },
      { text: ' at 5, ', hit: false },
      { text: 'MEETUP', hit: true },
      { text: ' after', hit: false },
    ]);
  });

  it('treats the terms as text, not as patterns', () => {
    expect(highlight('a+b and (c)', ['a+b', '(c)']).filter((p) => p.hit)).toHaveLength(2);
  });

  it('cuts a long message around the first hit', () => {
    const text = `${'x '.repeat(300)}the needle is here ${'y '.repeat(300)}`;
    const cut = excerpt(text, ['needle'], 60);
    expect(cut).toContain('needle');
    expect(cut.startsWith('…')).toBe(true);
    expect(cut.endsWith('…')).toBe(true);
  });
});
