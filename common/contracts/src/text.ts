// What text the product accepts. PostgreSQL cannot store U+0000 (it answers 22021 and the request would
// fail with a 500), and a lone UTF-16 surrogate cannot be encoded as UTF-8 (it would be replaced by U+FFFD
// on the way to the store), so no client string may hold either. Names must also show something: a party
// called only zero-width spaces, or one whose bidi override flips the text around it, is a spoofing tool.
import { z } from './common.js';

// In unicode mode \p{Cs} matches only unpaired surrogates: a well-formed pair is one code point.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|\p{Cs}/u;
/** Embeddings, overrides and isolates (LRE…RLO, LRI…PDI): they reorder the text that follows them. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
/** Other control characters (newlines, tabs, escapes) have no place in a one-line name. */
const CONTROL = /\p{Cc}/u;
/** Something that is neither white space nor an invisible (control, format, unassigned) character. */
const VISIBLE = /[^\p{White_Space}\p{C}]/u;

/** No NUL and no broken Unicode: the string can be stored and read back exactly as sent. */
export const isStorableText = (value: string): boolean => !UNSTORABLE.test(value);

/** At least one character that shows (an emoji, a letter, a mark), not only spaces or zero-width ones. */
export const hasVisibleText = (value: string): boolean => VISIBLE.test(value);

/** A one-line name: storable, no control or bidi characters, and at least one visible character. */
export const isSafeName = (value: string): boolean =>
  isStorableText(value) && !BIDI_CONTROL.test(value) && !CONTROL.test(value) && hasVisibleText(value);

const STORABLE_MESSAGE = 'Must not contain NUL characters or broken Unicode';

/** Any client text (message bodies, nonces, reasons, queries). */
export const storableString = () => z.string().refine(isStorableText, { message: STORABLE_MESSAGE });

/** A trimmed name of 1..max characters that shows something and cannot reorder the text around it. */
export const nameString = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(isStorableText, { message: STORABLE_MESSAGE })
    .refine((value) => !BIDI_CONTROL.test(value) && !CONTROL.test(value), {
      message: 'Must not contain control or bidirectional-override characters',
    })
    .refine(hasVisibleText, { message: 'Must contain a visible character' });
