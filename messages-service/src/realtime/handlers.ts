// The socket event table: each feature registers its own handlers on a new connection.
import { registerMessageHandlers } from '../messages/messages.handlers.js';
import { registerSyncHandlers } from '../messages/sync.handlers.js';
import { registerPresenceHandlers } from '../presence/presence.handlers.js';
import { registerReactionHandlers } from '../reactions/reactions.handlers.js';
import { registerReadStateHandlers } from '../read-state/read-state.handlers.js';
import { registerTypingHandlers } from '../typing/typing.handlers.js';
import type { HandleContext } from './ack.js';
import type { RealtimeServices } from './services.js';
import type { RealtimeSocket } from './types.js';

/** What every handler may use. */
export interface HandlerContext extends HandleContext {
  services: RealtimeServices;
}

export function registerHandlers(socket: RealtimeSocket, ctx: HandlerContext): void {
  registerMessageHandlers(socket, ctx);
  registerSyncHandlers(socket, ctx);
  registerTypingHandlers(socket, ctx);
  registerReadStateHandlers(socket, ctx);
  registerPresenceHandlers(socket, ctx);
  registerReactionHandlers(socket, ctx);
}
