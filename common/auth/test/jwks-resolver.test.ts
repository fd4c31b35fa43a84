import { afterEach, describe, expect, it } from 'vitest';

import {
  createAccessTokenSigner,
  createAccessTokenVerifier,
  createJwksKeyResolver,
  generateSigningKey,
} from '@partyline/auth';

import { startJwksServer } from './support/jwks-server.js';
import { AUDIENCE, ISSUER, USER_ID, makeKeys } from './support/tokens.js';

type JwksServer = Awaited<ReturnType<typeof startJwksServer>>;
const servers: JwksServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function setup(options: { delayMs?: number; cacheMs?: number; unknownKidRefetchMs?: number } = {}) {
  const keys = makeKeys();
  const server = await startJwksServer(keys.signer.jwks(), options);
  servers.push(server);
  let clock = 1_000_000;
  const resolver = createJwksKeyResolver({
    jwksUrl: server.url,
    cacheMs: options.cacheMs ?? 60_000,
    unknownKidRefetchMs: options.unknownKidRefetchMs ?? 10_000,
    now: () => clock,
  });
  const verifier = createAccessTokenVerifier({ keys: resolver, issuer: ISSUER, audience: AUDIENCE });
  const advance = (ms: number) => {
    clock += ms;
  };
  return { keys, server, resolver, verifier, advance };
}

describe('JWKS key resolution', () => {
  it('when many tokens are verified, then the JWKS is fetched once', async () => {
    const { keys, server, verifier } = await setup();

    for (let i = 0; i < 5; i += 1) {
      await verifier.verify(keys.signer.sign({ sub: USER_ID, username: 'ada' }).token);
    }

    expect(server.requests()).toBe(1);
  });

  it('when requests arrive together before the first fetch, then they share one fetch', async () => {
    const { keys, server, verifier } = await setup({ delayMs: 50 });
    const token = keys.signer.sign({ sub: USER_ID, username: 'ada' }).token;

    const users = await Promise.all(Array.from({ length: 10 }, () => verifier.verify(token)));

    expect(users.every((user) => user.id === USER_ID)).toBe(true);
    expect(server.requests()).toBe(1);
  });

  it('when the cache has aged out, then the JWKS is fetched again', async () => {
    const { keys, server, verifier, advance } = await setup({ cacheMs: 60_000 });
    const token = keys.signer.sign({ sub: USER_ID, username: 'ada' }).token;
    await verifier.verify(token);

    advance(61_000);
    await verifier.verify(token);

    expect(server.requests()).toBe(2);
  });

  it('when a key is rotated in, then an unknown kid refetches and the new key verifies', async () => {
    const { keys, server, verifier, advance } = await setup({ unknownKidRefetchMs: 10_000 });
    await verifier.verify(keys.signer.sign({ sub: USER_ID, username: 'ada' }).token);
    const rotated = createAccessTokenSigner({
      ...generateSigningKey(),
      issuer: ISSUER,
      audience: AUDIENCE,
      ttlSeconds: 600,
      previousPublicKeys: keys.signer.jwks().keys,
    });
    server.publish(rotated.jwks());

    advance(10_000);
    const user = await verifier.verify(rotated.sign({ sub: USER_ID, username: 'ada' }).token);

    expect(user.username).toBe('ada');
    expect(server.requests()).toBe(2);
  });

  it('when unknown kids keep arriving, then the JWKS is refetched at most once per interval', async () => {
    const { server, verifier, advance } = await setup({ unknownKidRefetchMs: 10_000 });
    const stranger = makeKeys();
    const forged = stranger.signer.sign({ sub: USER_ID, username: 'mallory' }).token;

    const codes: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const outcome = await verifier.verify(forged).then(
        () => 'accepted',
        (err: { code: string }) => err.code,
      );
      codes.push(outcome);
      advance(1_000);
    }

    expect(codes).toEqual(Array(5).fill('AUTH.UNKNOWN_KEY'));
    expect(server.requests()).toBe(1);
  });

  it('when the JWKS endpoint fails after a good fetch, then the cached keys keep verifying', async () => {
    const { keys, server, verifier, advance } = await setup({ cacheMs: 60_000 });
    const token = keys.signer.sign({ sub: USER_ID, username: 'ada' }).token;
    await verifier.verify(token);

    server.failWith(500);
    advance(61_000);

    await expect(verifier.verify(token)).resolves.toMatchObject({ id: USER_ID });
    expect(server.requests()).toBe(2);
  });

  it('when the JWKS endpoint has never answered, then verification fails with 503 INTERNAL', async () => {
    const { keys, server, verifier } = await setup();
    server.failWith(502);

    await expect(
      verifier.verify(keys.signer.sign({ sub: USER_ID, username: 'ada' }).token),
    ).rejects.toMatchObject({
      code: 'INTERNAL',
      status: 503,
    });
  });

  it('when the JWKS endpoint is down, then retries are spaced out and it recovers once it answers', async () => {
    const { keys, server, verifier, advance } = await setup();
    const token = keys.signer.sign({ sub: USER_ID, username: 'ada' }).token;
    server.failWith(503);

    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(server.requests()).toBe(1);

    server.failWith(200);
    advance(1_000);
    await expect(verifier.verify(token)).resolves.toMatchObject({ id: USER_ID });
    expect(server.requests()).toBe(2);
  });
});
