// sync: for each topic, what the client missed after its last seq, in order, or a gap marker when too much.
import { socketActor } from '../realtime/actor.js';
import { handle, type SocketHandler } from '../realtime/ack.js';
import type { HandlerContext } from '../realtime/handlers.js';
import { topicNotFound } from '../shared/errors.js';
import { presentSyncTopic } from './sync.presenter.js';

export function syncHandlers(ctx: HandlerContext): SocketHandler[] {
  const { sync } = ctx.services;
  return [
    handle(ctx, 'sync', async (socket, { cursors }) => {
      const topics = await sync.sync(socketActor(socket), cursors);
      // Topics the user cannot see are left out (a stale cursor of a deleted topic must not fail the rest);
      // a sync of nothing but such topics is refused, so a non-member learns nothing and gets an error.
      if (cursors.length > 0 && topics.length === 0) throw topicNotFound();
      return { topics: topics.map(presentSyncTopic) };
    }),
  ];
}
