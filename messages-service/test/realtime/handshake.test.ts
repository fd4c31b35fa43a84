// Who may connect, and for how long: a valid access token from an allowed Origin, until the token expires.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createParty, createWorld, type Gateway, type World } from './support/world.js';
import { nextEvent } from './support/wait.js';

describe('realtime handshake and token lifetime', () => {
  let world: World;
  let gateway: Gateway;

  beforeAll(async () => {
    world = await createWorld();
    gateway = await world.startGateway();
  });
  afterAll(() => world.close());

  it('when the token has expired, the connection is refused with AUTH.TOKEN_EXPIRED', async () => {
    const error = await world.connectError(gateway, world.auth.expiredToken(world.user()));
    expect(error.message).toBe('AUTH.TOKEN_EXPIRED');
  });

  it('when there is no token, the connection is refused with AUTH.REQUIRED', async () => {
    const error = await world.connectError(gateway, '');
    expect(error.message).toBe('AUTH.REQUIRED');
  });

  it('when the token is not one of ours, the connection is refused', async () => {
    const error = await world.connectError(gateway, 'eyJhbGciOiJub25lIn0.e30.');
    expect(error.message).toMatch(/^AUTH\./);
  });

  it('when the Origin is not allowed, the connection is refused with AUTH.ORIGIN_NOT_ALLOWED', async () => {
    const token = world.auth.token(world.user());
    const error = await world.connectError(gateway, token, { origin: 'https://evil.example' });
    expect(error.message).toBe('AUTH.ORIGIN_NOT_ALLOWED');
  });

  it('when a connected socket’s token expires, it gets AUTH.TOKEN_EXPIRED and is disconnected', async () => {
    const user = world.user();
    await createParty(gateway.services, user);
    const client = await world.connect(gateway, world.auth.token(user, 2));

    const notice = nextEvent(client, 'error', () => true, 5_000);
    const disconnected = new Promise<string>((resolve) => client.once('disconnect', resolve));

    expect(await notice).toMatchObject({ code: 'AUTH.TOKEN_EXPIRED' });
    expect(await disconnected).toBe('io server disconnect');
  });

  it('when the client reconnects, its auth callback supplies a fresh token and it is let back in', async () => {
    const user = world.user();
    const client = await world.connect(gateway, world.auth.token(user, 1));
    await new Promise<void>((resolve) => client.once('disconnect', () => resolve()));

    // A fresh token, as the client's `auth: (cb) => cb({ token })` would fetch after a refresh.
    client.auth = (cb) => cb({ token: world.auth.token(user) });
    const reconnected = new Promise<void>((resolve, reject) => {
      client.once('connect', resolve);
      client.once('connect_error', reject);
    });
    client.connect();
    await reconnected;
    expect(client.connected).toBe(true);
  });
});
