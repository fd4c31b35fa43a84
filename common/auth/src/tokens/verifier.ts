// Verifies access tokens. Every rejection carries a stable AUTH.* code. The order matters: the header is
// checked against what we allow before any key is looked up, the signature before any claim is trusted.
import jwt from 'jsonwebtoken';

import { AppError, Id, Username, type ErrorCode } from '@partyline/contracts';

import type { KeyResolver, ResolvedKey } from './key-resolver.js';
import { ACCESS_TOKEN_TYPE } from './signer.js';

export interface AuthUser {
  id: string;
  username: string;
  /** When the access token expires, in milliseconds since the epoch. */
  expiresAt: number;
}

export interface AccessTokenVerifierOptions {
  keys: KeyResolver;
  issuer: string;
  audience: string;
  /** Allowed clock skew for exp and nbf (default 5 s). */
  clockToleranceSeconds?: number;
  now?: () => number;
  /**
   * How many verified tokens are remembered (default 1,000, least recently used out first), so that a
   * client's next request with the same token skips the signature check (an ES256 verify is most of the
   * cost of authenticating a request). 0 turns it off.
   */
  verifiedCacheSize?: number;
}

export interface AccessTokenVerifier {
  verify(token: string): Promise<AuthUser>;
}

const ALLOWED_ALGORITHMS = new Set(['ES256', 'RS256']);

const reject = (code: ErrorCode & `AUTH.${string}`, message: string) => new AppError(code, message);

/** A token whose header passed and whose signature `key` verified: all of that depends on the token alone. */
interface Verified {
  kid: string;
  key: ResolvedKey;
  payload: jwt.JwtPayload;
}

export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const { keys, issuer, audience } = options;
  const tolerance = options.clockToleranceSeconds ?? 5;
  const now = options.now ?? Date.now;
  const cacheSize = options.verifiedCacheSize ?? 1_000;
  // Map order is insertion order: a hit is moved to the end, the first entry is the least recently used.
  const verified = new Map<string, Verified>();

  const claims = (payload: jwt.JwtPayload) =>
    checkClaims(payload, { issuer, audience, tolerance, nowSeconds: now() / 1000 });

  // Only what depends on the token alone is remembered. The claims (expiry first) are checked on every
  // use, and the key is looked up again: a key withdrawn from the JWKS, or replaced under its kid, stops
  // its tokens at once (the remembered check was made with another key object, so it is made again).
  const remembered = async (token: string): Promise<AuthUser | undefined> => {
    const entry = verified.get(token);
    if (entry === undefined) return undefined;
    verified.delete(token);
    if ((await keys.getKey(entry.kid)) !== entry.key) return undefined;
    const user = claims(entry.payload);
    verified.set(token, entry);
    return user;
  };

  const remember = (token: string, entry: Verified) => {
    if (cacheSize <= 0) return;
    if (verified.size >= cacheSize) {
      const oldest = verified.keys().next();
      if (!oldest.done) verified.delete(oldest.value);
    }
    verified.set(token, entry);
  };

  return {
    async verify(token) {
      const known = await remembered(token);
      if (known !== undefined) return known;

      const decoded = jwt.decode(token, { complete: true });
      if (decoded === null || typeof decoded.payload === 'string') {
        throw reject('AUTH.TOKEN_INVALID', 'The access token is malformed');
      }
      const { header } = decoded;
      if (!ALLOWED_ALGORITHMS.has(header.alg)) {
        throw reject('AUTH.ALGORITHM_NOT_ALLOWED', `Tokens signed with ${header.alg} are not accepted`);
      }
      if (header.typ !== ACCESS_TOKEN_TYPE) {
        throw reject('AUTH.WRONG_TYPE', 'The token is not an access token');
      }
      if (typeof header.kid !== 'string' || header.kid === '') {
        throw reject('AUTH.UNKNOWN_KEY', 'The access token names no signing key');
      }
      const key = await keys.getKey(header.kid);
      if (key === undefined)
        throw reject('AUTH.UNKNOWN_KEY', 'The access token was signed by an unknown key');
      // The key decides the algorithm: an RSA key never verifies an ES256 header and vice versa.
      if (key.algorithm !== header.alg) {
        throw reject('AUTH.ALGORITHM_NOT_ALLOWED', `Key ${header.kid} does not sign with ${header.alg}`);
      }

      let payload: jwt.JwtPayload | string;
      try {
        // Only the signature here; the claims are checked below so each failure gets its own code.
        payload = jwt.verify(token, key.key, {
          algorithms: [key.algorithm],
          ignoreExpiration: true,
          ignoreNotBefore: true,
        });
      } catch {
        throw reject('AUTH.TOKEN_INVALID', 'The access token signature is invalid');
      }
      if (typeof payload === 'string') throw reject('AUTH.TOKEN_INVALID', 'The access token is malformed');
      const user = claims(payload);
      // Only a token accepted now is remembered (a refused one is refused again the long way).
      remember(token, { kid: header.kid, key, payload });
      return user;
    },
  };
}

interface ClaimRules {
  issuer: string;
  audience: string;
  tolerance: number;
  nowSeconds: number;
}

function checkClaims(payload: jwt.JwtPayload, rules: ClaimRules): AuthUser {
  const { sub, username, iss, aud, exp, nbf } = payload;
  if (iss !== rules.issuer) throw reject('AUTH.WRONG_ISSUER', 'The access token was issued by someone else');
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(rules.audience)) {
    throw reject('AUTH.WRONG_AUDIENCE', 'The access token is meant for another audience');
  }
  if (typeof exp !== 'number') throw reject('AUTH.TOKEN_INVALID', 'The access token has no expiry');
  if (rules.nowSeconds >= exp + rules.tolerance)
    throw reject('AUTH.TOKEN_EXPIRED', 'The access token has expired');
  if (nbf !== undefined && (typeof nbf !== 'number' || rules.nowSeconds + rules.tolerance < nbf)) {
    throw reject('AUTH.TOKEN_NOT_YET_VALID', 'The access token is not valid yet');
  }
  // A correctly signed token is still checked for shape: a sub that is not a user id must never reach a
  // query (PostgreSQL would refuse it as a uuid and the request would fail with a 500).
  const id = Id.safeParse(sub);
  const name = Username.safeParse(username);
  if (!id.success || !name.success) {
    throw reject('AUTH.TOKEN_INVALID', 'The access token does not name a user');
  }
  return { id: id.data, username: name.data, expiresAt: exp * 1000 };
}
