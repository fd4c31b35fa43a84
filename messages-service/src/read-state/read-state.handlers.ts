// read:mark: stores the read position; the notifier tells the user's other sockets (not this one).
import { socketActor } from '../realtime/actor.js';
import { handle } from '../realtime/ack.js';
import type { HandlerContext } from '../realtime/handlers.js';
import { withOriginSocket } from '../realtime/origin.js';
import type { RealtimeSocket } from '../realtime/types.js';

export function registerReadStateHandlers(socket: RealtimeSocket, ctx: HandlerContext): void {
  socket.on(
    'read:mark',
    handle(ctx, 'read:mark', async (input) => {
      await withOriginSocket(socket.id, () => ctx.services.readState.markRead(socketActor(socket), input));
      return {};
    }),
  );
}
