// Turns what a provider tells us (a login, an email, a name) into usernames that fit the contract.
import { randomInt } from 'node:crypto';

import {
  AvatarUrl,
  DISPLAY_NAME_MAX,
  DisplayName,
  USERNAME_MAX,
  USERNAME_MIN,
  Username,
} from '@partyline/contracts';

// A retry appends `_` and 4 to 8 digits; the base leaves room for them so every candidate is a valid name.
const SUFFIX_MIN = 1_000;
const SUFFIX_BOUND = 100_000_000;
const BASE_MAX = USERNAME_MAX - `_${SUFFIX_BOUND - 1}`.length;

export function baseUsername(hints: (string | null | undefined)[]): string {
  for (const hint of hints) {
    if (!hint) continue;
    const cleaned = hint
      .toLowerCase()
      .replace(/@.*$/, '')
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, BASE_MAX);
    if (Username.safeParse(cleaned).success) return cleaned;
  }
  return 'user';
}

/** The base itself first, then the base with a random suffix. */
export const usernameCandidate = (base: string, attempt: number): string =>
  attempt === 0 && base.length >= USERNAME_MIN
    ? base
    : `${base.slice(0, BASE_MAX)}_${randomInt(SUFFIX_MIN, SUFFIX_BOUND)}`;

export const safeDisplayName = (value: string | null | undefined, fallback: string): string => {
  const parsed = DisplayName.safeParse((value ?? '').slice(0, DISPLAY_NAME_MAX));
  return parsed.success ? parsed.data : fallback;
};

export const safeAvatarUrl = (value: string | null | undefined): string | null =>
  value && AvatarUrl.safeParse(value).success ? value : null;
