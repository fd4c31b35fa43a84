// Opaque refresh tokens: 32 random bytes, base64url. Only their sha256 is stored.
import { createHash, createHmac, randomBytes } from 'node:crypto';

export const newRefreshToken = (): string => randomBytes(32).toString('base64url');

/** The random secret stored with a session, from which its successor is derived. */
export const newSuccessorSeed = (): string => randomBytes(32).toString('base64url');

/**
 * The one successor a token can ever have: HMAC-SHA256 of the token, keyed by its session's seed. A retry
 * of the same token therefore names the same successor (so a lost reply can be answered again), yet the
 * successor can be computed only by someone holding both the token (never stored) and the seed (never
 * sent): a stolen old token alone cannot be walked forward to the newest one.
 */
export const successorOf = (token: string, seed: string): string =>
  createHmac('sha256', seed).update(token).digest('base64url');

export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Rejects anything that cannot be one of our tokens before it reaches the database. */
export const looksLikeRefreshToken = (value: unknown): value is string =>
  typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
