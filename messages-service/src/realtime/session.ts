// The life of one connection: join the user's rooms, count it for presence, drop it when its access token
// expires, and uncount it on disconnect.
import type { Presence } from './presence.js';
import type { Logger } from './logger.js';
import { partyRoom, type RealtimeServer, type RealtimeSocket, userRoom } from './types.js';

// setTimeout fires at once for delays beyond 2^31-1 ms; tokens never live that long, but clamp anyway.
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface SessionContext {
  io: RealtimeServer;
  presence: Presence;
  logger: Logger;
  /** Keeps a presence update in flight until it settles, so shutdown can wait for it. */
  track: (work: Promise<unknown>) => void;
}

export function startSession(socket: RealtimeSocket, ctx: SessionContext): void {
  const { user, partyIds } = socket.data;
  // Joined synchronously, before the client can see its connection: nothing sent afterwards is missed.
  void socket.join([userRoom(user.id), ...partyIds.map(partyRoom)]);

  const expiry = setTimeout(
    () => {
      socket.emit('error', {
        code: 'AUTH.TOKEN_EXPIRED',
        message: 'The access token expired; reconnect with a new one',
      });
      // Close the connection (after the notice is flushed) rather than disconnect the socket: the client
      // then sees a transport close and reconnects by itself, its auth callback supplying a fresh token. A
      // server-side disconnect() would stop its automatic reconnection.
      socket.conn.close();
    },
    Math.min(Math.max(0, user.expiresAt - Date.now()), MAX_TIMER_MS),
  );

  let parties: string[] = partyIds;
  socket.on('disconnecting', () => {
    parties = [...socket.rooms].filter((room) => room.startsWith('party:')).map((room) => room.slice(6));
  });

  const online: Promise<void> = ctx.presence.connected(user.id).then(
    (first) => {
      if (first) announce(ctx.io, user.id, partyIds, true);
    },
    (error: unknown) =>
      ctx.logger.error({ err: error, userId: user.id }, 'presence: could not count a socket'),
  );
  ctx.track(online);

  socket.on('disconnect', () => {
    clearTimeout(expiry);
    // After the connect was counted, so a quick connect/disconnect never leaves a stale count.
    ctx.track(
      online
        .then(() => ctx.presence.disconnected(user.id))
        .then(
          (last) => {
            if (last) announce(ctx.io, user.id, parties, false);
          },
          (error: unknown) =>
            ctx.logger.error({ err: error, userId: user.id }, 'presence: could not uncount a socket'),
        ),
    );
  });
}

export function announce(
  io: RealtimeServer,
  userId: string,
  partyIds: readonly string[],
  online: boolean,
): void {
  for (const partyId of partyIds) io.to(partyRoom(partyId)).emit('presence', { partyId, userId, online });
}
