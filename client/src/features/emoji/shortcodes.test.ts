import { beforeAll, describe, expect, it } from 'vitest';

import { completeShortcodeAt, hasShortcodeCandidate, loadShortcodes, replaceShortcodes } from './shortcodes';

let codes: Awaited<ReturnType<typeof loadShortcodes>>;
beforeAll(async () => {
  codes = await loadShortcodes();
});

describe('emoji shortcodes', () => {
  it('knows emoji-mart ids and aliases', () => {
    expect(codes.get('smile')).toBe('😄');
    expect(codes.get('+1')).toBe('👍');
    expect(codes.get('thumbsup')).toBe('👍');
    expect(codes.get('satisfied')).toBe(codes.get('laughing'));
  });

  it('replaces known codes, keeps unknown ones and anything in code as typed', () => {
    expect(replaceShortcodes('hi :smile: and :not_an_emoji: at 10:30:00', codes)).toBe(
      'hi 😄 and :not_an_emoji: at 10:30:00',
    );
    expect(replaceShortcodes('`:smile:` and\n```\n:tada:\n```\n:tada:', codes)).toBe(
      '`:smile:` and\n```\n:tada:\n```\n🎉',
    );
    expect(replaceShortcodes(':SMILE:', codes)).toBe('😄');
  });

  it('completes the code just closed before the caret, and only a known one', () => {
    expect(completeShortcodeAt('nice :tada: more', 11, codes)).toEqual({ text: 'nice 🎉 more', caret: 7 });
    expect(completeShortcodeAt('nice :tadaa:', 12, codes)).toBeNull();
    expect(completeShortcodeAt('nice :tada', 10, codes)).toBeNull();
    expect(completeShortcodeAt('in `code :tada:', 15, codes)).toBeNull();
  });

  it('spots candidates worth waiting for on send', () => {
    expect(hasShortcodeCandidate('so :fire:')).toBe(true);
    expect(hasShortcodeCandidate('time 10:30')).toBe(false);
  });
});
