// Turns what a provider tells us (a login, an email, a name) into usernames that fit the contract.
import { randomInt } from 'node:crypto';

import { AvatarUrl, DisplayName, Username } from '@partyline/contracts';

export function baseUsername(hints: (string | null | undefined)[]): string {
  for (const hint of hints) {
    if (!hint) continue;
    const cleaned = hint
      .toLowerCase()
      .replace(/@.*$/, '')
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 24);
    if (Username.safeParse(cleaned).success) return cleaned;
  }
  return 'user';
}

/** The base itself first, then the base with a random suffix. */
export const usernameCandidate = (base: string, attempt: number): string =>
  attempt === 0 && base.length >= 3 ? base : `${base.slice(0, 24)}_${randomInt(1000, 100_000_000)}`;

export const safeDisplayName = (value: string | null | undefined, fallback: string): string => {
  const parsed = DisplayName.safeParse((value ?? '').slice(0, 64));
  return parsed.success ? parsed.data : fallback;
};

export const safeAvatarUrl = (value: string | null | undefined): string | null =>
  value && AvatarUrl.safeParse(value).success ? value : null;
