import { generateKeyPairSync } from 'node:crypto';

import jwt from 'jsonwebtoken';
import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  createAccessTokenVerifier,
  createStaticKeyResolver,
  type Jwk,
  type KeyResolver,
} from '@partyline/auth';
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

describe('remembered tokens', () => {
  // The signature check is the one step a remembered token skips: counted on the library's own function.
  const signatureChecks = () => vi.spyOn(jwt, 'verify');
  afterEach(() => vi.restoreAllMocks());

  /** Publishes `keys`' key until withdraw() or replace(), as a JWKS refetch would. */
  function switchableKeys() {
    let current: KeyResolver = createStaticKeyResolver(keys.signer.jwks());
    const resolver: KeyResolver = { getKey: (kid) => current.getKey(kid) };
    return {
      resolver,
      withdraw: () => (current = createStaticKeyResolver({ keys: [] })),
      replace: (jwks: ReturnType<typeof keys.signer.jwks>) => (current = createStaticKeyResolver(jwks)),
    };
  }

  const verifierWith = (options: { resolver?: KeyResolver; now?: () => number; size?: number } = {}) =>
    createAccessTokenVerifier({
      keys: options.resolver ?? createStaticKeyResolver(keys.signer.jwks()),
      issuer: ISSUER,
      audience: AUDIENCE,
      ...(options.now === undefined ? {} : { now: options.now }),
      ...(options.size === undefined ? {} : { verifiedCacheSize: options.size }),
    });

  it('when the same token comes again, then it yields the same user without a second signature check', async () => {
    const verifier = verifierWith();
    const token = goodToken(keys.signer, 'ada');
    const checks = signatureChecks();

    const first = await verifier.verify(token);
    expect(await verifier.verify(token)).toEqual(first);
    expect(await verifier.verify(token)).toEqual(first);
    expect(checks).toHaveBeenCalledTimes(1);
  });

  it('when remembering is off, then every use checks the signature', async () => {
    const verifier = verifierWith({ size: 0 });
    const token = goodToken(keys.signer);
    const checks = signatureChecks();

    await verifier.verify(token);
    await verifier.verify(token);
    expect(checks).toHaveBeenCalledTimes(2);
  });

  it('when a remembered token expires, then it is refused as expired', async () => {
    let clock = Date.now();
    const verifier = verifierWith({ now: () => clock });
    const token = goodToken(keys.signer);
    await verifier.verify(token);

    clock += 601_000 + 5_000;
    expect((await rejection(token, verifier)).code).toBe('AUTH.TOKEN_EXPIRED');
  });

  /** A token verified once (so remembered) by a verifier whose published keys the test then changes. */
  async function rememberedUnderSwitchableKeys() {
    const published = switchableKeys();
    const verifier = verifierWith({ resolver: published.resolver });
    const token = goodToken(keys.signer);
    await verifier.verify(token);
    return { published, verifier, token };
  }

  it('when the key of a remembered token is withdrawn, then the token is refused at once', async () => {
    const { published, verifier, token } = await rememberedUnderSwitchableKeys();

    published.withdraw();
    expect((await rejection(token, verifier)).code).toBe('AUTH.UNKNOWN_KEY');
  });

  it('when another key is published under the kid of a remembered token, then its signature is checked again and refused', async () => {
    const { published, verifier, token } = await rememberedUnderSwitchableKeys();

    const impostor = makeKeys();
    const [jwk] = impostor.signer.jwks().keys;
    published.replace({ keys: [{ ...jwk!, kid: keys.kid }] });
    expect((await rejection(token, verifier)).code).toBe('AUTH.TOKEN_INVALID');
  });

  it('when more tokens come than it remembers, then the least recently used is forgotten first', async () => {
    const verifier = verifierWith({ size: 2 });
    const [a, b, c] = ['ada', 'bob', 'carol'].map((name) => goodToken(keys.signer, name)) as [
      string,
      string,
      string,
    ];
    await verifier.verify(a);
    await verifier.verify(b);
    await verifier.verify(a); // a is now the most recently used
    await verifier.verify(c); // b goes
    const checks = signatureChecks();

    await verifier.verify(a);
    await verifier.verify(c);
    expect(checks).toHaveBeenCalledTimes(0);
    await verifier.verify(b);
    expect(checks).toHaveBeenCalledTimes(1);
  });

  it('when a token is refused, then it is not remembered: the next use is refused the long way too', async () => {
    const verifier = verifierWith();
    const token = tamperPayload(goodToken(keys.signer), { username: 'root' });
    const checks = signatureChecks();

    expect((await rejection(token, verifier)).code).toBe('AUTH.TOKEN_INVALID');
    expect((await rejection(token, verifier)).code).toBe('AUTH.TOKEN_INVALID');
    expect(checks).toHaveBeenCalledTimes(2);
  });
});
