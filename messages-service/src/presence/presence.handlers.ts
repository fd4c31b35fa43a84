// presence:list: which members of a party are online right now, from Redis (every instance counts).
import { socketActor } from '../realtime/actor.js';
import { handle, type SocketHandler } from '../realtime/ack.js';
import type { HandlerContext } from '../realtime/handlers.js';

export const presenceHandlers = (ctx: HandlerContext): SocketHandler[] => [
  handle(ctx, 'presence:list', async (socket, { partyId }) => ({
    online: await ctx.services.presence.listOnline(socketActor(socket), partyId),
  })),
];
