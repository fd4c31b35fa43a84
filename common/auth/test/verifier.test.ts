import { generateKeyPairSync } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { createAccessTokenVerifier, createStaticKeyResolver, type Jwk } from '@partyline/auth';
import { AppError } from '@partyline/contracts';

import {
  AUDIENCE,
  ISSUER,
  USER_ID,
  goodToken,
  hs256WithPublicKey,
  makeKeys,
  nowSeconds,
  signWith,
  standardClaims,
  tamperPayload,
  unsignedToken,
} from './support/tokens.js';

const keys = makeKeys();
const atJwt = { kid: keys.kid, typ: 'at+jwt' };

async function rejection(token: string, verifier = keys.verifier): Promise<AppError> {
  const error: unknown = await verifier.verify(token).then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('access token verification', () => {
  it('when the token was signed by the signer, then it yields the user and expiry', async () => {
    const before = Date.now();
    const user = await keys.verifier.verify(goodToken(keys.signer, 'ada'));

    expect(user.id).toBe(USER_ID);
    expect(user.username).toBe('ada');
    expect(user.expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 600_000);
    expect(user.expiresAt).toBeLessThanOrEqual(before + 601_000);
  });

  it('when a token is issued, then its header and claims follow the interface contract', () => {
    const token = goodToken(keys.signer);
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));

    expect(header).toEqual({ alg: 'ES256', kid: keys.kid, typ: 'at+jwt' });
    expect(Object.keys(payload as object).sort()).toEqual([
      'aud',
      'exp',
      'iat',
      'iss',
      'jti',
      'nbf',
      'sub',
      'username',
    ]);
  });

  const matrix: [string, () => string, string][] = [
    ['alg is none', () => unsignedToken(standardClaims(), keys.kid), 'AUTH.ALGORITHM_NOT_ALLOWED'],
    [
      'it is HS256 signed with the public key as the secret',
      () => hs256WithPublicKey(standardClaims(), keys.kid, keys.publicKeyPem),
      'AUTH.ALGORITHM_NOT_ALLOWED',
    ],
    [
      'the issuer is someone else',
      () => signWith(keys.privateKeyPem, standardClaims({ iss: 'evil' }), atJwt),
      'AUTH.WRONG_ISSUER',
    ],
    [
      'the audience is another service',
      () => signWith(keys.privateKeyPem, standardClaims({ aud: 'billing' }), atJwt),
      'AUTH.WRONG_AUDIENCE',
    ],
    [
      'it has expired',
      () =>
        signWith(
          keys.privateKeyPem,
          standardClaims({ iat: nowSeconds() - 700, exp: nowSeconds() - 60 }),
          atJwt,
        ),
      'AUTH.TOKEN_EXPIRED',
    ],
    [
      'it is not valid yet (nbf in the future)',
      () => signWith(keys.privateKeyPem, standardClaims({ nbf: nowSeconds() + 120 }), atJwt),
      'AUTH.TOKEN_NOT_YET_VALID',
    ],
    [
      'typ is not at+jwt',
      () => signWith(keys.privateKeyPem, standardClaims(), { kid: keys.kid, typ: 'JWT' }),
      'AUTH.WRONG_TYPE',
    ],
    [
      'the kid is unknown',
      () => signWith(keys.privateKeyPem, standardClaims(), { ...atJwt, kid: 'nope' }),
      'AUTH.UNKNOWN_KEY',
    ],
    [
      'there is no kid',
      () => signWith(keys.privateKeyPem, standardClaims(), { typ: 'at+jwt' }),
      'AUTH.UNKNOWN_KEY',
    ],
    [
      'the payload was tampered with',
      () => tamperPayload(goodToken(keys.signer), { username: 'root' }),
      'AUTH.TOKEN_INVALID',
    ],
    [
      'it is signed by another key under our kid',
      () => signWith(makeKeys().privateKeyPem, standardClaims(), atJwt),
      'AUTH.TOKEN_INVALID',
    ],
    ['it is not a JWT at all', () => 'not-a-token', 'AUTH.TOKEN_INVALID'],
    [
      'it names no user',
      () => signWith(keys.privateKeyPem, standardClaims({ sub: undefined }), atJwt),
      'AUTH.TOKEN_INVALID',
    ],
    [
      'its sub is not a user id (a UUID)',
      () => signWith(keys.privateKeyPem, standardClaims({ sub: 'admin' }), atJwt),
      'AUTH.TOKEN_INVALID',
    ],
    [
      'its sub is a number',
      () => signWith(keys.privateKeyPem, standardClaims({ sub: 42 }), atJwt),
      'AUTH.TOKEN_INVALID',
    ],
    [
      'its username is not a username',
      () => signWith(keys.privateKeyPem, standardClaims({ username: 'Robert"); DROP\u0000' }), atJwt),
      'AUTH.TOKEN_INVALID',
    ],
  ];

  it.each(matrix)('when %s, then it is rejected with its stable code', async (_case, makeToken, code) => {
    const error = await rejection(makeToken());

    expect(error.code).toBe(code);
    expect(error.status).toBe(401);
  });

  it('when a token expired within the clock tolerance, then it is still accepted', async () => {
    const token = signWith(keys.privateKeyPem, standardClaims({ exp: nowSeconds() - 2 }), atJwt);

    await expect(keys.verifier.verify(token)).resolves.toMatchObject({ id: USER_ID });
  });

  it('when the header claims RS256 but the kid names an EC key, then the algorithm is refused', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rsaPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const token = signWith(rsaPem, standardClaims(), atJwt, 'RS256');

    expect((await rejection(token)).code).toBe('AUTH.ALGORITHM_NOT_ALLOWED');
  });

  it('when the JWKS publishes an RSA key, then RS256 tokens signed by it are accepted', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...(publicKey.export({ format: 'jwk' }) as Jwk), kid: 'rsa-1', use: 'sig' };
    const verifier = createAccessTokenVerifier({
      keys: createStaticKeyResolver({ keys: [jwk] }),
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    const rsaPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const token = signWith(rsaPem, standardClaims(), { kid: 'rsa-1', typ: 'at+jwt' }, 'RS256');

    await expect(verifier.verify(token)).resolves.toMatchObject({ id: USER_ID, username: 'ada' });
  });
});
