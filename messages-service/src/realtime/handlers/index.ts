import type { RealtimeSocket } from '../types.js';
import type { HandlerContext } from './context.js';
import { registerMessageHandlers } from './message.handlers.js';
import { registerPresenceHandler } from './presence.handler.js';
import { registerReadHandler } from './read.handler.js';
import { registerSyncHandler } from './sync.handler.js';
import { registerTypingHandler } from './typing.handler.js';

export type { HandlerContext } from './context.js';

export function registerHandlers(socket: RealtimeSocket, ctx: HandlerContext): void {
  registerMessageHandlers(socket, ctx);
  registerSyncHandler(socket, ctx);
  registerTypingHandler(socket, ctx);
  registerReadHandler(socket, ctx);
  registerPresenceHandler(socket, ctx);
}
