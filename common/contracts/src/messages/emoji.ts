// What counts as one reaction emoji. The server validates with this (REACTION.INVALID_EMOJI otherwise), and
// the stored form is the normalized one, so "❤" and "❤️" are the same reaction.
import { REACTION_EMOJI_MAX } from '../limits.js';

// One RGI emoji (Unicode's "recommended for general interchange" set: single emoji, skin-tone and ZWJ
// sequences, flags, keycaps). Built at first use with the `v` flag: a runtime without it (older browsers)
// falls back to a looser check instead of failing when the module loads.
let rgi: RegExp | null | undefined;
const PICTOGRAPHIC_SEQUENCE =
  /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}{2}|[0-9#*]\uFE0F?\u20E3)[\p{Emoji_Modifier}\uFE0F\u200D\p{Extended_Pictographic}\u{E0020}-\u{E007F}]*$/u;

function isOneEmoji(value: string): boolean {
  if (rgi === undefined) {
    try {
      rgi = new RegExp('^\\p{RGI_Emoji}$', 'v');
    } catch {
      rgi = null;
    }
  }
  return rgi ? rgi.test(value) : PICTOGRAPHIC_SEQUENCE.test(value);
}

/**
 * The stored form of a reaction emoji, or null when `value` is not exactly one emoji of at most
 * REACTION_EMOJI_MAX UTF-16 code units. A text-style character sent without its emoji selector (U+FE0F),
 * such as "❤" or "☺", is taken as its emoji form ("❤️").
 */
export function normalizeReactionEmoji(value: string): string | null {
  if (value.length === 0 || value.length > REACTION_EMOJI_MAX) return null;
  if (isOneEmoji(value)) return value;
  const [first = '', ...rest] = Array.from(value);
  const qualified = `${first}\uFE0F${rest.join('')}`;
  return qualified.length <= REACTION_EMOJI_MAX && isOneEmoji(qualified) ? qualified : null;
}
