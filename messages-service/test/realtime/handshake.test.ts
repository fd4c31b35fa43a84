// Who may connect, and for how long: a valid access token from an allowed Origin, until the token expires.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createParty, createWorld, type Gateway, type World } from './support/world.js';
import { nextEvent, request } from './support/wait.js';

describe('realtime handshake and token lifetime', () => {
  let world: World;
  let gateway: Gateway;

  beforeAll(async () => {
    world = await createWorld();
    gateway = await world.startGateway();
  });
  afterAll(() => world.close());

  it('once connected, the server keeps neither the access token nor the handshake party list', async () => {
    const user = world.user();
    await createParty(gateway.services, user);
    const token = world.auth.token(user);
    const client = await world.connect(gateway, token);
    const server = gateway.realtime.io.of('/').sockets.get(client.id!);
    expect(server?.data.user.id).toBe(user.id);
    expect(server?.handshake.auth).not.toHaveProperty('token');
    expect(JSON.stringify(server?.handshake)).not.toContain(token);
    expect(server?.data.partyIds).toEqual([]);
    // It still works as a member: the party's room was joined.
    expect([...(server?.rooms ?? [])].some((room) => room.startsWith('party:'))).toBe(true);
    client.disconnect();
  });

  it('when someone joins a party while their socket is mid-handshake, the socket still ends up in it and gets its messages', async () => {
    const owner = world.user();
    const late = world.user();
    const { party, topic } = await createParty(gateway.services, owner);
    const invite = await gateway.services.invites.create(owner, party.id, {});
    const inParty = (id: string | undefined) =>
      gateway.realtime.io
        .of('/')
        .sockets.get(id ?? '')
        ?.rooms.has(`party:${party.id}`) ?? false;
    // The user's other tab, connected already: it shows when the join's push has been applied.
    const other = await world.connect(gateway, world.auth.token(late));
    // The next handshake reads the memberships (none yet), then waits until the join has committed and its
    // push reached the user's room, which that socket is not in yet: the push misses it.
    const parties = gateway.services.parties;
    const read = parties.listMembershipIds.bind(parties);
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = false;
    parties.listMembershipIds = async (userId) => {
      const ids = await read(userId);
      if (userId === late.id && !holding) {
        holding = true;
        await held;
      }
      return ids;
    };
    try {
      const connecting = world.connect(gateway, () => world.auth.token(late), { reconnection: true });
      await expect.poll(() => holding, { timeout: 5_000 }).toBe(true);
      await gateway.services.invites.accept(late, invite.code);
      await expect.poll(() => inParty(other.id), { timeout: 5_000 }).toBe(true);
      release();
      const client = await connecting;
      // The connection with stale rooms is replaced by a fresh one, in the party; its messages arrive.
      await expect.poll(() => client.connected && inParty(client.id), { timeout: 5_000 }).toBe(true);
      const arrived = nextEvent(client, 'message:created', (m) => m.topicId === topic.id);
      await gateway.services.messages.send(owner, { topicId: topic.id, body: 'welcome', nonce: 'n-late-1' });
      expect((await arrived).body).toBe('welcome');
      client.disconnect();
      other.disconnect();
    } finally {
      parties.listMembershipIds = read;
    }
  });

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

  it('when a connected socket’s token expires, it gets AUTH.TOKEN_EXPIRED, is dropped, and reconnects with a fresh token', async () => {
    const user = world.user();
    await createParty(gateway.services, user);
    // Like the browser: the auth callback hands over the current token; the first one lives 2 s.
    const tokens = [world.auth.token(user, 2)];
    const client = await world.connect(gateway, () => tokens.at(-1) ?? '', { reconnection: true });
    const dropped = new Promise<string>((resolve) => client.once('disconnect', resolve));

    const notice = await nextEvent(client, 'error', () => true, 5_000);
    expect(notice).toMatchObject({ code: 'AUTH.TOKEN_EXPIRED' });
    tokens.push(world.auth.token(user)); // the client refreshes when told
    expect(await dropped).toBe('transport close');

    await new Promise<void>((resolve, reject) => {
      client.once('connect', resolve);
      client.once('connect_error', reject);
    });
    const reply = await request(client, 'sync', { cursors: [] });
    expect(reply).toEqual({ ok: true, topics: [] });
  });

  it('when a socket’s token expired and the client has no fresh one, reconnecting is refused', async () => {
    const user = world.user();
    const client = await world.connect(gateway, world.auth.token(user, 1), { reconnection: true });

    const refused = await new Promise<Error>((resolve) => client.once('connect_error', resolve));
    expect(refused.message).toBe('AUTH.TOKEN_EXPIRED');
  });
});
