// read:mark: stores the read position; the notifier tells the user's other sockets (not this one).
import { ReadMarkPayload } from '@partyline/contracts';

import { handle } from '../ack.js';
import { withOriginSocket } from '../origin.js';
import type { RealtimeSocket } from '../types.js';
import { actorOf } from './actor.js';
import type { HandlerContext } from './context.js';

export function registerReadHandler(socket: RealtimeSocket, ctx: HandlerContext): void {
  socket.on(
    'read:mark',
    handle(ctx, 'read:mark', ReadMarkPayload, async (input) => {
      await withOriginSocket(socket.id, () => ctx.services.readState.markRead(actorOf(socket), input));
      return {};
    }),
  );
}
