// message:send / message:edit / message:delete / sync. The service commits, then broadcasts through the
// notifier; the ack carries the stored message.
import { socketActor } from '../realtime/actor.js';
import { handle } from '../realtime/ack.js';
import type { HandlerContext } from '../realtime/handlers.js';
import type { RealtimeSocket } from '../realtime/types.js';
import { topicNotFound } from '../shared/errors.js';
import { presentMessage, presentSyncTopic } from './messages.presenter.js';

export function registerMessageHandlers(socket: RealtimeSocket, ctx: HandlerContext): void {
  const { messages } = ctx.services;

  socket.on(
    'message:send',
    handle(ctx, 'message:send', async (input) => {
      // The service applies the per-user send limit (the same one REST sends count against).
      const { message } = await messages.send(socketActor(socket), input);
      return { message: presentMessage(message) };
    }),
  );

  socket.on(
    'message:edit',
    handle(ctx, 'message:edit', async (input) => ({
      message: presentMessage(await messages.edit(socketActor(socket), input)),
    })),
  );

  socket.on(
    'message:delete',
    handle(ctx, 'message:delete', async (input) => {
      await messages.remove(socketActor(socket), input);
      return {};
    }),
  );

  // For each topic, what the client missed after its last seq, in order, or a gap marker when too much.
  socket.on(
    'sync',
    handle(ctx, 'sync', async ({ cursors }) => {
      const topics = await messages.sync(socketActor(socket), cursors);
      // Topics the user cannot see are left out (a stale cursor of a deleted topic must not fail the rest);
      // a sync of nothing but such topics is refused, so a non-member learns nothing and gets an error.
      if (cursors.length > 0 && topics.length === 0) throw topicNotFound();
      return { topics: topics.map(presentSyncTopic) };
    }),
  );
}
