// Real ES256 access tokens in the shape accounts-service issues (header alg/kid/typ, claims sub, username,
// iss, aud, iat, nbf, exp, jti); the servers verify them with @partyline/auth's verifier against the static
// JWKS. Signed here with a key parsed once: the project's signer (jsonwebtoken) re-parses the PEM for every
// token, which made setting up 20,000 sockets take minutes. `createBenchAuth` checks the first token against
// the real verifier, so the two can never drift apart unnoticed.
import { createPrivateKey, randomUUID, sign } from 'node:crypto';

import {
  ACCESS_TOKEN_TYPE,
  createAccessTokenSigner,
  createAccessTokenVerifier,
  createStaticKeyResolver,
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
  /** Verifies one token with the project's verifier (throws when the bench's tokens would be refused). */
  selfCheck(): Promise<void>;
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function createBenchAuth(ttlSeconds = 3600): BenchAuth {
  const signingKey = generateSigningKey();
  const key = createPrivateKey(signingKey.privateKeyPem);
  const jwks = createAccessTokenSigner({
    ...signingKey,
    issuer: ISSUER,
    audience: AUDIENCE,
    ttlSeconds,
  }).jwks();
  const header = b64({ alg: 'ES256', kid: signingKey.kid, typ: ACCESS_TOKEN_TYPE });
  const token = (user: BenchUser) => {
    const iat = Math.floor(Date.now() / 1000);
    const claims = {
      sub: user.id,
      username: user.username,
      iss: ISSUER,
      aud: AUDIENCE,
      iat,
      nbf: iat,
      exp: iat + ttlSeconds,
      jti: randomUUID(),
    };
    const input = `${header}.${b64(claims)}`;
    return `${input}.${sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
  };
  return {
    jwks,
    token,
    async selfCheck() {
      const verifier = createAccessTokenVerifier({
        keys: createStaticKeyResolver(jwks),
        issuer: ISSUER,
        audience: AUDIENCE,
      });
      const user = { id: randomUUID(), username: 'bench_check' };
      const verified = await verifier.verify(token(user));
      if (verified.id !== user.id) throw new Error('the bench token did not verify as its user');
    },
  };
}
