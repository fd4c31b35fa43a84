// Opaque refresh tokens: 32 random bytes, base64url. Only their sha256 is stored.
import { createHash, randomBytes } from 'node:crypto';

export const newRefreshToken = (): string => randomBytes(32).toString('base64url');

export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Rejects anything that cannot be one of our tokens before it reaches the database. */
export const looksLikeRefreshToken = (value: unknown): value is string =>
  typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
