// reaction:add / reaction:remove: the service commits, then pushes `message:reactions` to the party; the ack
// carries the message's reactions after the change.
import { socketActor } from '../realtime/actor.js';
import { handle } from '../realtime/ack.js';
import type { HandlerContext } from '../realtime/handlers.js';
import type { RealtimeSocket } from '../realtime/types.js';
import { presentReactionsReply } from './reactions.presenter.js';

export function registerReactionHandlers(socket: RealtimeSocket, ctx: HandlerContext): void {
  const { reactions } = ctx.services;

  socket.on(
    'reaction:add',
    handle(ctx, 'reaction:add', async (input) =>
      presentReactionsReply(await reactions.add(socketActor(socket), input)),
    ),
  );

  socket.on(
    'reaction:remove',
    handle(ctx, 'reaction:remove', async (input) =>
      presentReactionsReply(await reactions.remove(socketActor(socket), input)),
    ),
  );
}
