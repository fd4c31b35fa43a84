// Real ES256 access tokens, as accounts-service signs them; the servers verify them against the static JWKS.
import {
  createAccessTokenSigner,
  generateSigningKey,
  type Jwks,
} from '@partyline/auth';

export const ISSUER = 'partyline-accounts';
export const AUDIENCE = 'partyline';

export interface BenchUser {
  id: string;
  username: string;
}

export interface BenchAuth {
  jwks: Jwks;
  token(user: BenchUser): string;
}

export function createBenchAuth(ttlSeconds = 3600): BenchAuth {
  const signer = createAccessTokenSigner({ ...generateSigningKey(), issuer: ISSUER, audience: AUDIENCE, ttlSeconds });
  return {
    jwks: signer.jwks(),
    token: (user) => signer.sign({ sub: user.id, username: user.username }).token,
  };
}
