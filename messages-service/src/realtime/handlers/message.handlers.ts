// message:send / message:edit / message:delete. The service commits, then broadcasts through the notifier;
// the ack carries the stored message.
import { MessageDeletePayload, MessageEditPayload, MessageSendPayload } from '@partyline/contracts';

import { handle } from '../ack.js';
import type { RealtimeSocket } from '../types.js';
import type { HandlerContext } from './context.js';
import { actorOf } from './actor.js';

export function registerMessageHandlers(socket: RealtimeSocket, ctx: HandlerContext): void {
  const { services } = ctx;

  socket.on(
    'message:send',
    handle(ctx, 'message:send', MessageSendPayload, async (input) => {
      // The service applies the per-user send limit (the same one REST sends count against).
      const { message } = await services.messages.send(actorOf(socket), input);
      return { message };
    }),
  );

  socket.on(
    'message:edit',
    handle(ctx, 'message:edit', MessageEditPayload, async (input) => ({
      message: await services.messages.edit(actorOf(socket), input),
    })),
  );

  socket.on(
    'message:delete',
    handle(ctx, 'message:delete', MessageDeletePayload, async (input) => {
      await services.messages.remove(actorOf(socket), input);
      return {};
    }),
  );
}
