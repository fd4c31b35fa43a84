// Issues access tokens (accounts-service only). The shape is fixed by docs/interfaces.md "Access tokens".
import { randomUUID } from 'node:crypto';

import jwt from 'jsonwebtoken';

import { publicJwkFromPrivateKey, type Jwk, type Jwks } from './keys.js';

export const ACCESS_TOKEN_TYPE = 'at+jwt';

export interface AccessTokenSignerOptions {
  privateKeyPem: string;
  kid: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
  /** Public keys still published after a rotation, so tokens signed by them keep verifying. */
  previousPublicKeys?: Jwk[];
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
}

export interface SignedAccessToken {
  token: string;
  /** Seconds until the token expires. */
  expiresIn: number;
}

export interface AccessTokenSigner {
  sign(subject: { sub: string; username: string }): SignedAccessToken;
  jwks(): Jwks;
}

export function createAccessTokenSigner(options: AccessTokenSignerOptions): AccessTokenSigner {
  const { privateKeyPem, kid, issuer, audience, ttlSeconds } = options;
  const now = options.now ?? Date.now;
  const publicJwks: Jwks = {
    keys: [publicJwkFromPrivateKey(privateKeyPem, kid), ...(options.previousPublicKeys ?? [])],
  };

  return {
    sign({ sub, username }) {
      const iat = Math.floor(now() / 1000);
      const claims = {
        sub,
        username,
        iss: issuer,
        aud: audience,
        iat,
        nbf: iat,
        exp: iat + ttlSeconds,
        jti: randomUUID(),
      };
      const token = jwt.sign(claims, privateKeyPem, {
        algorithm: 'ES256',
        header: { alg: 'ES256', kid, typ: ACCESS_TOKEN_TYPE },
      });
      return { token, expiresIn: ttlSeconds };
    },
    jwks: () => structuredClone(publicJwks),
  };
}
