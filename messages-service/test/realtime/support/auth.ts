// Real ES256 access tokens for tests, verified by a real verifier against the signer's JWKS.
import {
  createAccessTokenSigner,
  createAccessTokenVerifier,
  createStaticKeyResolver,
  generateSigningKey,
} from '@partyline/auth';

const issuer = 'partyline-accounts';
const audience = 'partyline';

export function createTestAuth() {
  const key = generateSigningKey();
  const signer = (ttlSeconds: number, now?: () => number) =>
    createAccessTokenSigner({ ...key, issuer, audience, ttlSeconds, ...(now ? { now } : {}) });
  const standard = signer(600);
  const verifier = createAccessTokenVerifier({
    keys: createStaticKeyResolver(standard.jwks()),
    issuer,
    audience,
    clockToleranceSeconds: 0,
  });
  return {
    verifier,
    /** A token for the user, valid for `ttlSeconds` (default 10 minutes). */
    token(user: { id: string; username: string }, ttlSeconds = 600): string {
      return signer(ttlSeconds).sign({ sub: user.id, username: user.username }).token;
    },
    /** A token that expired `agoSeconds` ago. */
    expiredToken(user: { id: string; username: string }, agoSeconds = 60): string {
      const issuedAt = Date.now() - (agoSeconds + 60) * 1000;
      return signer(60, () => issuedAt).sign({ sub: user.id, username: user.username }).token;
    },
  };
}

export type TestAuth = ReturnType<typeof createTestAuth>;
