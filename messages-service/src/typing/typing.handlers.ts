// typing: tells the party (except the typist's own sockets) that someone is typing in a topic. Repeats
// within the throttle window are acknowledged but not re-broadcast; the throttle is per connection.
import { socketActor } from '../realtime/actor.js';
import { handle } from '../realtime/ack.js';
import type { HandlerContext } from '../realtime/handlers.js';
import type { RealtimeSocket } from '../realtime/types.js';

export function registerTypingHandlers(socket: RealtimeSocket, ctx: HandlerContext): void {
  const typist = ctx.services.typing.forConnection();
  socket.on(
    'typing',
    handle(ctx, 'typing', async ({ topicId }) => {
      await typist(socketActor(socket), topicId);
      return {};
    }),
  );
}
