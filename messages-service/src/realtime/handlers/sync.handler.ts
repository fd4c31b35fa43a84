// sync: for each topic, what the client missed after its last seq, in order, or a gap marker when too much.
import { AppError, SyncPayload } from '@partyline/contracts';

import { handle } from '../ack.js';
import type { RealtimeSocket } from '../types.js';
import { actorOf } from './actor.js';
import type { HandlerContext } from './context.js';

const topicNotFound = () => AppError.notFound('TOPIC.NOT_FOUND', 'No such topic');

export function registerSyncHandler(socket: RealtimeSocket, ctx: HandlerContext): void {
  socket.on(
    'sync',
    handle(ctx, 'sync', SyncPayload, async ({ cursors }) => {
      const topics = await ctx.services.messages.sync(actorOf(socket), cursors);
      // Topics the user cannot see are left out (a stale cursor of a deleted topic must not fail the rest);
      // a sync of nothing but such topics is refused, so a non-member learns nothing and gets an error.
      if (cursors.length > 0 && topics.length === 0) throw topicNotFound();
      return { topics };
    }),
  );
}
