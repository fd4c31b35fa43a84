// The typed socket.io server and socket of the gateway.
import type { AuthUser } from '@partyline/auth';
import type { ClientToServerEvents, ServerToClientEvents } from '@partyline/contracts';
import type { Server, Socket } from 'socket.io';

interface SocketData {
  /** Set by the handshake middleware from the access token. */
  user: AuthUser;
  /** The parties the user belonged to at handshake; joined as rooms on connect. */
  partyIds: string[];
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no events between servers
type InterServerEvents = {};

export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type RealtimeSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

export const userRoom = (userId: string) => `user:${userId}`;
export const partyRoom = (partyId: string) => `party:${partyId}`;
