// presence:list: which members of a party are online right now, from Redis (every instance counts).
import { socketActor } from '../realtime/actor.js';
import { handle } from '../realtime/ack.js';
import type { HandlerContext } from '../realtime/handlers.js';
import type { RealtimeSocket } from '../realtime/types.js';

export function registerPresenceHandlers(socket: RealtimeSocket, ctx: HandlerContext): void {
  socket.on(
    'presence:list',
    handle(ctx, 'presence:list', async ({ partyId }) => ({
      online: await ctx.services.presence.listOnline(socketActor(socket), partyId),
    })),
  );
}
