// presence:list: which members of a party are online right now, from Redis (every instance counts).
import { PresenceListPayload } from '@partyline/contracts';

import { handle } from '../ack.js';
import type { RealtimeSocket } from '../types.js';
import { actorOf } from './actor.js';
import type { HandlerContext } from './context.js';

export function registerPresenceHandler(socket: RealtimeSocket, ctx: HandlerContext): void {
  socket.on(
    'presence:list',
    handle(ctx, 'presence:list', PresenceListPayload, async ({ partyId }) => {
      const members = await ctx.services.members.list(actorOf(socket), partyId);
      return { online: await ctx.presence.online(members.map((member) => member.userId)) };
    }),
  );
}
