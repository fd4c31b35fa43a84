// sync: for each topic, what the client missed after its last seq, in order, or a gap marker when too much.
import { SyncPayload } from '@partyline/contracts';

import { handle } from '../ack.js';
import type { RealtimeSocket } from '../types.js';
import { actorOf } from './actor.js';
import type { HandlerContext } from './context.js';

export function registerSyncHandler(socket: RealtimeSocket, ctx: HandlerContext): void {
  socket.on(
    'sync',
    handle(
      SyncPayload,
      async ({ cursors }) => ({ topics: await ctx.services.messages.sync(actorOf(socket), cursors) }),
      ctx.logger,
    ),
  );
}
