// message:send / message:edit / message:delete (sync: sync.handlers.ts). The service commits, then
// broadcasts through the notifier; the ack carries the stored message.
import { socketActor } from '../realtime/actor.js';
import { handle } from '../realtime/ack.js';
import type { HandlerContext } from '../realtime/handlers.js';
import type { RealtimeSocket } from '../realtime/types.js';
import { presentMessage } from './messages.presenter.js';

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
}
