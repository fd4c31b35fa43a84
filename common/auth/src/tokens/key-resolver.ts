// Finds the public key for a token's `kid`. Services verify with the JWKS published by accounts-service;
// tests and accounts-service itself can use a static set.
import { createPublicKey, type KeyObject } from 'node:crypto';

import { AppError } from '@partyline/contracts';

import type { Jwk, Jwks } from './keys.js';

export type AccessTokenAlgorithm = 'ES256' | 'RS256';

export interface ResolvedKey {
  key: KeyObject;
  /** The only algorithm a token signed by this key may use: fixed by the key's type, never by the token. */
  algorithm: AccessTokenAlgorithm;
}

export interface KeyResolver {
  /** The key for `kid`, or undefined when no such key is published. */
  getKey(kid: string): Promise<ResolvedKey | undefined>;
}

/** Turns a JWKS into kid → key, silently skipping keys we cannot use (encryption keys, other curves, no kid). */
export function keysFromJwks(jwks: Jwks): Map<string, ResolvedKey> {
  const keys = new Map<string, ResolvedKey>();
  for (const jwk of jwks.keys) {
    const algorithm = algorithmFor(jwk);
    if (jwk.kid === undefined || algorithm === undefined) continue;
    if (jwk.use !== undefined && jwk.use !== 'sig') continue;
    try {
      keys.set(jwk.kid, { key: createPublicKey({ key: { ...jwk }, format: 'jwk' }), algorithm });
    } catch {
      // A malformed key must not take the others down with it.
    }
  }
  return keys;
}

function algorithmFor(jwk: Jwk): AccessTokenAlgorithm | undefined {
  if (jwk.kty === 'EC' && jwk.crv === 'P-256' && (jwk.alg === undefined || jwk.alg === 'ES256'))
    return 'ES256';
  if (jwk.kty === 'RSA' && (jwk.alg === undefined || jwk.alg === 'RS256')) return 'RS256';
  return undefined;
}

export function createStaticKeyResolver(jwks: Jwks): KeyResolver {
  const keys = keysFromJwks(jwks);
  return { getKey: (kid) => Promise.resolve(keys.get(kid)) };
}

const unavailable = (cause?: unknown) =>
  new AppError('INTERNAL', 'Signing keys are unavailable', { status: 503, cause });

export interface JwksKeyResolverOptions {
  jwksUrl: string;
  /** How long a fetched JWKS is trusted before it is fetched again (default 10 minutes). */
  cacheMs?: number;
  /** An unknown kid triggers a refetch (a key was rotated in) at most this often (default 30 s). */
  unknownKidRefetchMs?: number;
  /** While no JWKS was ever fetched, a failed fetch is retried at most this often (default 1 s). */
  unavailableRetryMs?: number;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
}

export function createJwksKeyResolver(options: JwksKeyResolverOptions): KeyResolver {
  const { jwksUrl } = options;
  const cacheMs = options.cacheMs ?? 10 * 60_000;
  const unknownKidRefetchMs = options.unknownKidRefetchMs ?? 30_000;
  const unavailableRetryMs = options.unavailableRetryMs ?? 1_000;
  const fetchJwks = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;

  let keys: Map<string, ResolvedKey> | undefined;
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<void> | undefined;

  // Every caller waiting for keys shares one request.
  const refresh = (): Promise<void> => {
    inFlight ??= load().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  const load = async (): Promise<void> => {
    // Stamp the attempt first so a failing JWKS endpoint is not hammered by every request.
    fetchedAt = now();
    try {
      const response = await fetchJwks(jwksUrl, { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
      const body = (await response.json()) as Partial<Jwks>;
      if (!Array.isArray(body.keys)) throw new Error('JWKS has no keys array');
      keys = keysFromJwks({ keys: body.keys });
    } catch (cause) {
      // Keep verifying with the keys we have; only fail when we never had any.
      if (keys === undefined) throw unavailable(cause);
    }
  };

  return {
    async getKey(kid) {
      // With the JWKS endpoint down, requests fail fast instead of each waiting on a new fetch.
      if (keys === undefined && inFlight === undefined && now() - fetchedAt < unavailableRetryMs) {
        throw unavailable();
      }
      if (keys === undefined || now() - fetchedAt >= cacheMs) await refresh();
      const known = keys?.get(kid);
      if (known !== undefined) return known;
      if (now() - fetchedAt >= unknownKidRefetchMs) {
        await refresh();
        return keys?.get(kid);
      }
      // A refresh may be running for another caller; its result is worth waiting for.
      if (inFlight !== undefined) {
        await inFlight;
        return keys?.get(kid);
      }
      return undefined;
    },
  };
}
