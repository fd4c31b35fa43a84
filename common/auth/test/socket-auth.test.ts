import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { socketAuth, type AuthUser, type SocketAuthOptions } from '@partyline/auth';

import { USER_ID, goodToken, makeKeys, signWith, standardClaims } from './support/tokens.js';

const ALLOWED = 'http://localhost:5173';
const keys = makeKeys();

interface SocketData {
  user: AuthUser;
}

async function startSocketServer(options: SocketAuthOptions) {
  const http = createServer();
  const io = new Server<{ whoami: (ack: (user: AuthUser) => void) => void }, object, object, SocketData>(
    http,
  );
  io.use(socketAuth(keys.verifier, options));
  io.on('connection', (socket) => {
    socket.on('whoami', (ack) => ack(socket.data.user));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => io.close() };
}

let server: Awaited<ReturnType<typeof startSocketServer>>;
let strictServer: Awaited<ReturnType<typeof startSocketServer>>;
const clients: ClientSocket[] = [];

beforeAll(async () => {
  server = await startSocketServer({ allowedOrigins: [ALLOWED] });
  strictServer = await startSocketServer({ allowedOrigins: [ALLOWED], allowMissingOrigin: false });
});
afterEach(() => {
  clients.splice(0).forEach((client) => client.close());
});
afterAll(async () => {
  await Promise.all([server.close(), strictServer.close()]);
});

function open(url: string, auth: Record<string, unknown>, origin?: string): ClientSocket {
  const client = connect(url, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    ...(origin === undefined ? {} : { extraHeaders: { origin } }),
  });
  clients.push(client);
  return client;
}

/** Resolves with 'connected' or with the error the server refused the handshake with. */
function outcome(client: ClientSocket): Promise<'connected' | { message: string; data: unknown }> {
  return new Promise((resolve) => {
    client.once('connect', () => resolve('connected'));
    client.once('connect_error', (err: Error & { data?: unknown }) =>
      resolve({ message: err.message, data: err.data }),
    );
  });
}

describe('socketAuth', () => {
  it('when an allowed origin connects with a valid token, then the server knows the user', async () => {
    const client = open(server.url, { token: goodToken(keys.signer, 'ada') }, ALLOWED);

    expect(await outcome(client)).toBe('connected');
    const user = await client.emitWithAck('whoami');
    expect(user).toMatchObject({ id: USER_ID, username: 'ada' });
  });

  it('when the origin is not on the allowlist, then the handshake fails with AUTH.ORIGIN_NOT_ALLOWED', async () => {
    const client = open(server.url, { token: goodToken(keys.signer) }, 'https://evil.example');

    expect(await outcome(client)).toEqual({
      message: 'AUTH.ORIGIN_NOT_ALLOWED',
      data: { code: 'AUTH.ORIGIN_NOT_ALLOWED', message: expect.stringContaining('evil.example') },
    });
  });

  it('when a non-browser client sends no Origin, then it may connect by default', async () => {
    const client = open(server.url, { token: goodToken(keys.signer) });

    expect(await outcome(client)).toBe('connected');
  });

  it('when missing origins are disallowed, then a client without Origin is refused', async () => {
    const client = open(strictServer.url, { token: goodToken(keys.signer) });

    expect(await outcome(client)).toMatchObject({ message: 'AUTH.ORIGIN_NOT_ALLOWED' });
  });

  it('when no token is sent, then the handshake fails with AUTH.REQUIRED', async () => {
    const client = open(server.url, {}, ALLOWED);

    expect(await outcome(client)).toMatchObject({
      message: 'AUTH.REQUIRED',
      data: { code: 'AUTH.REQUIRED' },
    });
  });

  it('when the token has expired, then the handshake fails with AUTH.TOKEN_EXPIRED', async () => {
    const expired = signWith(
      keys.privateKeyPem,
      standardClaims({ exp: Math.floor(Date.now() / 1000) - 60 }),
      {
        kid: keys.kid,
        typ: 'at+jwt',
      },
    );
    const client = open(server.url, { token: expired }, ALLOWED);

    expect(await outcome(client)).toMatchObject({
      message: 'AUTH.TOKEN_EXPIRED',
      data: { code: 'AUTH.TOKEN_EXPIRED', message: 'The access token has expired' },
    });
  });
});
