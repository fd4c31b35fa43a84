// The socket event table: each feature contributes its handlers, made once per server; every new connection
// gets a reference to each listener (socket.io calls it with the socket as `this`), not closures of its own.
import { messageHandlers } from '../messages/messages.handlers.js';
import { syncHandlers } from '../messages/sync.handlers.js';
import { presenceHandlers } from '../presence/presence.handlers.js';
import { reactionHandlers } from '../reactions/reactions.handlers.js';
import { readStateHandlers } from '../read-state/read-state.handlers.js';
import { typingHandlers } from '../typing/typing.handlers.js';
import type { HandleContext, SocketHandler } from './ack.js';
import type { RealtimeServices } from './services.js';
import type { RealtimeSocket } from './types.js';

/** What every handler may use. */
export interface HandlerContext extends HandleContext {
  services: RealtimeServices;
}

export const createHandlers = (ctx: HandlerContext): SocketHandler[] => [
  ...messageHandlers(ctx),
  ...syncHandlers(ctx),
  ...typingHandlers(ctx),
  ...readStateHandlers(ctx),
  ...presenceHandlers(ctx),
  ...reactionHandlers(ctx),
];

export function registerHandlers(socket: RealtimeSocket, handlers: readonly SocketHandler[]): void {
  // Through the untyped `on`: the listeners take (payload, ack) as unknown and parse them themselves.
  const untyped = socket as unknown as { on(event: string, listener: SocketHandler['listener']): unknown };
  for (const { event, listener } of handlers) untyped.on(event, listener);
}
