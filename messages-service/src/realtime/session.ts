// The life of one connection: join the user's rooms, count it for presence, drop it when its access token
// expires, and uncount it on disconnect.
import type { Presence } from './presence-store.js';
import type { Tasks } from './tasks.js';
import { partyRoom, type RealtimeServer, type RealtimeSocket, userRoom } from './types.js';

// setTimeout fires at once for delays beyond 2^31-1 ms; tokens never live that long, but clamp anyway.
const MAX_TIMER_MS = 2 ** 31 - 1;
const PARTY_ROOM_PREFIX = partyRoom('');

interface SessionContext {
  io: RealtimeServer;
  presence: Presence;
  tasks: Tasks;
  /** The user's parties now (the handshake's read, again). */
  memberships: (userId: string) => Promise<string[]>;
}

export function startSession(socket: RealtimeSocket, ctx: SessionContext): void {
  const { user, partyIds } = socket.data;
  // Joined synchronously, before the client can see its connection: nothing sent afterwards is missed.
  void socket.join([userRoom(user.id), ...partyIds.map(partyRoom)]);
  // Not kept for the life of the connection: the rooms say where it is from now on (joins and leaves), and
  // the access token has been checked (its expiry is the timer below). A credential held in memory no
  // longer than it is needed; and about a kilobyte less per idle socket.
  socket.data.partyIds = [];
  delete socket.handshake.auth['token'];

  // The parties were read during the handshake, before this socket was in its user's room. A join or a
  // ban committed in between was pushed to that room (socketsJoin / socketsLeave) without this socket, so
  // it would sit outside a party it is in, or inside one it left. Now that it is in the room, read them
  // again: a change committed after this read is pushed to it, one before is in the read. If they differ,
  // the connection is closed (until then, one query, the stale rooms stand as if the change had come that
  // much later) and the client reconnects by itself with a fresh handshake, then syncs what it missed.
  const handshake = new Set(partyIds);
  const rechecked = ctx.memberships(user.id).then(
    (now) => {
      const same = now.length === handshake.size && now.every((id) => handshake.has(id));
      if (!same && socket.connected) socket.conn.close();
    },
    // Unreadable now (the database away): the handshake's read stands; pushes keep it current from here.
    () => undefined,
  );
  ctx.tasks.track(rechecked, 'realtime: reading the memberships again after the handshake');

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

  // The parties as they are when it matters (joins and leaves since the handshake included).
  let parties = () => partiesOf(socket);
  socket.on('disconnecting', () => {
    const last = partiesOf(socket); // the rooms are gone once 'disconnect' fires
    parties = () => last;
  });

  const counted = ctx.presence.connected(user.id).then((first) => {
    if (first) announce(ctx.io, user.id, parties(), true);
  });
  ctx.tasks.track(counted, 'presence: counting a socket');

  socket.on('disconnect', () => {
    clearTimeout(expiry);
    // After the connect was counted, so a quick connect/disconnect never leaves a stale count.
    const uncounted = counted
      .catch(() => undefined)
      .then(() => ctx.presence.disconnected(user.id))
      .then((last) => {
        if (last) announce(ctx.io, user.id, parties(), false);
      });
    ctx.tasks.track(uncounted, 'presence: uncounting a socket');
  });
}

const partiesOf = (socket: RealtimeSocket): string[] =>
  [...socket.rooms]
    .filter((room) => room.startsWith(PARTY_ROOM_PREFIX))
    .map((room) => room.slice(PARTY_ROOM_PREFIX.length));

/** Tells each party that the user came online or went offline. */
export function announce(
  io: RealtimeServer,
  userId: string,
  partyIds: readonly string[],
  online: boolean,
): void {
  for (const partyId of partyIds) io.to(partyRoom(partyId)).emit('presence', { partyId, userId, online });
}
