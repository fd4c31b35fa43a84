// message:send / message:edit / message:delete (sync: sync.handlers.ts). The service commits, then
// broadcasts through the notifier; the ack carries the stored message.
import { socketActor } from '../realtime/actor.js';
import { handle, type SocketHandler } from '../realtime/ack.js';
import type { HandlerContext } from '../realtime/handlers.js';
import { presentMessage } from './messages.presenter.js';

export function messageHandlers(ctx: HandlerContext): SocketHandler[] {
  const { messages } = ctx.services;
  return [
    handle(ctx, 'message:send', async (socket, input) => {
      // The service applies the per-user send limit (the same one REST sends count against).
      const { message } = await messages.send(socketActor(socket), input);
      return { message: presentMessage(message) };
    }),
    handle(ctx, 'message:edit', async (socket, input) => ({
      message: presentMessage(await messages.edit(socketActor(socket), input)),
    })),
    handle(ctx, 'message:delete', async (socket, input) => {
      await messages.remove(socketActor(socket), input);
      return {};
    }),
  ];
}
