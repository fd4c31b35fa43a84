// Builds the tokens of the rejection matrix. Good tokens come from the real signer; hostile ones are
// assembled by hand so nothing in jsonwebtoken can refuse to make them.
import { createHmac, createPublicKey, createPrivateKey } from 'node:crypto';

import jwt from 'jsonwebtoken';

import {
  createAccessTokenSigner,
  createAccessTokenVerifier,
  createStaticKeyResolver,
  generateSigningKey,
  type AccessTokenSigner,
} from '@partyline/auth';

export const ISSUER = 'partyline-accounts';
export const AUDIENCE = 'partyline';
export const USER_ID = '3f1c2a7e-5b7d-4c7a-9f3e-2b1a0c9d8e7f';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

export function makeKeys() {
  const key = generateSigningKey();
  const signer = createAccessTokenSigner({ ...key, issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 600 });
  const verifier = createAccessTokenVerifier({
    keys: createStaticKeyResolver(signer.jwks()),
    issuer: ISSUER,
    audience: AUDIENCE,
  });
  const publicKeyPem = createPublicKey(createPrivateKey(key.privateKeyPem))
    .export({ format: 'pem', type: 'spki' })
    .toString();
  return { ...key, signer, verifier, publicKeyPem };
}

export const goodToken = (signer: AccessTokenSigner, username = 'ada') =>
  signer.sign({ sub: USER_ID, username }).token;

export function standardClaims(overrides: Record<string, unknown> = {}) {
  const iat = nowSeconds();
  return {
    sub: USER_ID,
    username: 'ada',
    iss: ISSUER,
    aud: AUDIENCE,
    iat,
    nbf: iat,
    exp: iat + 600,
    jti: 'test-jti',
    ...overrides,
  };
}

/** An ES256 token signed with the real key but with chosen claims and header fields. */
export function signWith(
  privateKeyPem: string,
  claims: object,
  header: Record<string, unknown>,
  algorithm: jwt.Algorithm = 'ES256',
): string {
  return jwt.sign(claims, privateKeyPem, {
    algorithm,
    header: { alg: algorithm, ...header } as jwt.JwtHeader,
  });
}

export function unsignedToken(claims: object, kid: string): string {
  return `${b64({ alg: 'none', typ: 'at+jwt', kid })}.${b64(claims)}.`;
}

/** The classic key-confusion attack: HS256 with the public key (which anyone can read) as the secret. */
export function hs256WithPublicKey(claims: object, kid: string, publicKeyPem: string): string {
  const input = `${b64({ alg: 'HS256', typ: 'at+jwt', kid })}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', publicKeyPem).update(input).digest('base64url')}`;
}

/** Swaps the payload of a signed token and keeps its signature. */
export function tamperPayload(token: string, change: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as object;
  return `${header}.${b64({ ...claims, ...change })}.${signature}`;
}

export { nowSeconds };
