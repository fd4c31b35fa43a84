// reaction:add / reaction:remove: the service commits, then pushes `message:reactions` to the party; the ack
// carries the message's reactions after the change.
import { socketActor } from '../realtime/actor.js';
import { handle, type SocketHandler } from '../realtime/ack.js';
import type { HandlerContext } from '../realtime/handlers.js';
import { presentReactionsReply } from './reactions.presenter.js';

export function reactionHandlers(ctx: HandlerContext): SocketHandler[] {
  const { reactions } = ctx.services;
  return [
    handle(ctx, 'reaction:add', async (socket, input) =>
      presentReactionsReply(await reactions.add(socketActor(socket), input)),
    ),
    handle(ctx, 'reaction:remove', async (socket, input) =>
      presentReactionsReply(await reactions.remove(socketActor(socket), input)),
    ),
  ];
}
