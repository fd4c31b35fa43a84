// socket.io clients as the browser app opens them (websocket transport, auth in the handshake), with a cap
// on handshakes in flight so that connecting thousands does not become a connection storm.
import { io, type Socket } from 'socket.io-client';

import { ORIGIN } from './env.js';

export interface HandshakeAuth {
  /** The access token (the app checks it; the bare baseline ignores it). */
  token: string;
  /** The bare baseline joins `party:<room>`; the app joins the user's parties from the database. */
  room: string;
  userId: string;
  username: string;
}

export function openSocket(url: string, auth: HandshakeAuth): Socket {
  return io(url, {
    transports: ['websocket'],
    auth: (cb) => cb({ ...auth }),
    extraHeaders: { origin: ORIGIN },
    reconnection: false,
    forceNew: true,
    timeout: 60_000,
  });
}

/**
 * Connects every socket (at most `inFlight` handshakes at a time); rejects on the first connect_error once
 * `retries` new attempts of that socket (after 0.5 s, 1 s, …, as the browser client backs off) have failed.
 */
export async function connectAll(
  url: string,
  auths: HandshakeAuth[],
  inFlight = 100,
  onProgress?: (connected: number) => void,
  retries = 0,
): Promise<Socket[]> {
  const sockets: Socket[] = new Array(auths.length);
  let next = 0;
  let connected = 0;
  const worker = async () => {
    while (next < auths.length) {
      const index = next++;
      for (let attempt = 0; ; attempt++) {
        const socket = openSocket(url, auths[index]!);
        sockets[index] = socket;
        const error = await new Promise<Error | undefined>((resolve) => {
          socket.once('connect', () => resolve(undefined));
          socket.once('connect_error', (failure) => resolve(failure));
        });
        if (!error) break;
        socket.disconnect();
        if (attempt >= retries) throw new Error(`socket ${index}: ${error.message}`);
        await new Promise((resolve) => setTimeout(resolve, 500 * (attempt + 1)));
      }
      connected++;
      if (onProgress && connected % 1000 === 0) onProgress(connected);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(inFlight, auths.length) }, worker));
  } catch (error) {
    closeAll(sockets);
    throw error;
  }
  return sockets;
}

export function closeAll(sockets: (Socket | undefined)[]): void {
  for (const socket of sockets) socket?.disconnect();
}
