// read:mark: stores the read position; the notifier tells the user's other sockets (not this one).
import { socketActor } from '../realtime/actor.js';
import { handle, type SocketHandler } from '../realtime/ack.js';
import type { HandlerContext } from '../realtime/handlers.js';
import { withOriginSocket } from '../realtime/origin.js';

export const readStateHandlers = (ctx: HandlerContext): SocketHandler[] => [
  handle(ctx, 'read:mark', async (socket, input) => {
    await withOriginSocket(socket.id, () => ctx.services.readState.markRead(socketActor(socket), input));
    return {};
  }),
];
