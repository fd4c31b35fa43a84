// typing: tells the party (except the typist's own sockets) that someone is typing in a topic. Repeats
// within the throttle window are acknowledged but not re-broadcast; the throttle is per connection, made on
// the connection's first typing notice (an idle socket holds none).
import { socketActor } from '../realtime/actor.js';
import { handle, type SocketHandler } from '../realtime/ack.js';
import type { HandlerContext } from '../realtime/handlers.js';
import type { RealtimeSocket } from '../realtime/types.js';
import type { Typist } from './typing.service.js';

export function typingHandlers(ctx: HandlerContext): SocketHandler[] {
  const typists = new WeakMap<RealtimeSocket, Typist>();
  const typistOf = (socket: RealtimeSocket): Typist => {
    let typist = typists.get(socket);
    if (!typist) {
      typist = ctx.services.typing.forConnection();
      typists.set(socket, typist);
    }
    return typist;
  };
  return [
    handle(ctx, 'typing', async (socket, { topicId }) => {
      await typistOf(socket)(socketActor(socket), topicId);
      return {};
    }),
  ];
}
