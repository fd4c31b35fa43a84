import { io, type Socket } from 'socket.io-client';

import type { ClientToServerEvents, ServerToClientEvents } from '../api/types';
import { receiveServerEvent } from './eventBus';

type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface SocketOptions {
  /** Called on every (re)connect, so each handshake carries a current access token. */
  getToken: () => Promise<string | null>;
  /** Gets a new access token; resolves true when there is one. */
  refresh: () => Promise<boolean>;
  onConnect: () => void;
  onDisconnect: (willReconnect: boolean) => void;
  onConnecting: () => void;
  /** The browser says the network went away or came back. */
  onBrowserOnline?: (online: boolean) => void;
  url?: string;
}

/** A heartbeat this often while connected: socket.io's own ping only notices a dead link after ~45 s. */
export const HEARTBEAT_MS = 4_000;
/** No answer to a heartbeat within this long: the link is dead; drop it so socket.io reconnects. */
export const HEARTBEAT_TIMEOUT_MS = 2_000;

let socket: AppSocket | null = null;
let recoverTimer: ReturnType<typeof setTimeout> | undefined;
let heartbeat: ReturnType<typeof setInterval> | undefined;
let removeBrowserListeners: (() => void) | undefined;
let probeNow: (() => void) | undefined;

export function isSocketConnected(): boolean {
  return socket?.connected ?? false;
}

export function startSocket(options: SocketOptions): AppSocket {
  stopSocket();
  const s: AppSocket = io(options.url ?? '/', {
    path: '/socket.io',
    transports: ['websocket'],
    // batch: the server may coalesce the events bound for this tab into `batch` packets, which
    // receiveServerEvent unpacks (docs/realtime-batching.md).
    auth: (cb) => void options.getToken().then((token) => cb({ token, batch: true })),
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  });
  socket = s;
  options.onConnecting();

  // Reconnect by hand after the server (or its auth middleware) refused us: refresh the token first.
  const recover = (delayMs: number) => {
    clearTimeout(recoverTimer);
    recoverTimer = setTimeout(async () => {
      if (socket !== s || s.connected) return;
      const ok = await options.refresh();
      if (socket !== s) return;
      if (ok) s.connect();
      else recover(Math.min(delayMs * 2, 15_000));
    }, delayMs);
  };

  // The cheapest acknowledged event: a sync of no topics touches no store. A missed answer means the
  // link is gone although no event said so (a sleeping laptop, a dropped Wi-Fi, a proxy that hangs).
  const probe = () => {
    if (socket !== s || !s.connected) return;
    s.timeout(HEARTBEAT_TIMEOUT_MS).emit('sync', { cursors: [] }, (err: Error | null) => {
      if (err && socket === s && s.connected) s.io.engine?.close();
    });
  };
  probeNow = probe;
  const onOffline = () => {
    options.onBrowserOnline?.(false);
    // Sends and the banner must not wait for a ping timeout: close now, socket.io retries by itself.
    if (s.connected) s.io.engine?.close();
  };
  const onOnline = () => {
    options.onBrowserOnline?.(true);
    if (s.connected) return probe();
    // Skip the rest of the reconnect backoff: try now.
    clearTimeout(recoverTimer);
    s.disconnect();
    s.connect();
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible') probe();
  };
  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisible);
  removeBrowserListeners = () => {
    window.removeEventListener('offline', onOffline);
    window.removeEventListener('online', onOnline);
    document.removeEventListener('visibilitychange', onVisible);
  };

  s.on('connect', () => {
    clearTimeout(recoverTimer);
    clearInterval(heartbeat);
    heartbeat = setInterval(probe, HEARTBEAT_MS);
    options.onConnect();
  });
  s.on('disconnect', (reason) => {
    clearInterval(heartbeat);
    const serverClosed = reason === 'io server disconnect';
    options.onDisconnect(true);
    if (serverClosed) recover(200);
  });
  s.on('connect_error', () => {
    options.onDisconnect(true);
    // `active` is false when the server refused the handshake (e.g. an expired token): no auto-retry.
    if (!s.active) recover(500);
  });
  s.on('error', (event) => {
    if (event?.code === 'AUTH.TOKEN_EXPIRED') void options.refresh();
  });
  s.onAny((event: string, ...args: unknown[]) => receiveServerEvent(event, ...args));
  // A hook for the end-to-end tests: drop the transport as a network failure would (socket.io then
  // reconnects by itself). It exposes nothing a user could not do by toggling their own network.
  (window as unknown as { __partyline?: object }).__partyline = {
    dropConnection: () => s.io.engine?.close(),
    /** Checks the link now (as a heartbeat would); for tests that freeze the network without events. */
    probe,
  };
  return s;
}

/** Checks the link now, e.g. when a send has waited long for its ack. */
export function probeConnection(): void {
  probeNow?.();
}

export function stopSocket(): void {
  clearTimeout(recoverTimer);
  clearInterval(heartbeat);
  removeBrowserListeners?.();
  removeBrowserListeners = undefined;
  probeNow = undefined;
  if (socket) {
    socket.removeAllListeners();
    socket.offAny();
    socket.disconnect();
  }
  socket = null;
}

class SocketUnavailableError extends Error {
  constructor() {
    super('Not connected');
  }
}

type EventArgs<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>;
type AckOf<E extends keyof ClientToServerEvents> = Parameters<EventArgs<E>[1]>[0];

/** Emits with an acknowledgement and a timeout; rejects when the socket is down or the server is silent. */
export function emitWithAck<E extends keyof ClientToServerEvents>(
  event: E,
  payload: EventArgs<E>[0],
  timeoutMs = 10_000,
): Promise<AckOf<E>> {
  const s = socket;
  if (!s || !s.connected) return Promise.reject(new SocketUnavailableError());
  return new Promise((resolve, reject) => {
    // socket.io's typed overloads do not spread generics well; the event map above keeps callers typed.
    const emitter = s.timeout(timeoutMs) as unknown as {
      emit: (e: string, p: unknown, cb: (err: Error | null, reply: unknown) => void) => void;
    };
    emitter.emit(event, payload, (err, reply) => (err ? reject(err) : resolve(reply as AckOf<E>)));
  });
}
