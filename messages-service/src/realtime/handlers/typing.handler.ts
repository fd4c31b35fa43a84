// typing: tells the party (except the typist's own sockets) that someone is typing in a topic. Nothing is
// stored: the notice carries its expiry and the client hides it then unless it is repeated.
import { TypingPayload } from '@partyline/contracts';

import { handle } from '../ack.js';
import { partyRoom, type RealtimeSocket, userRoom } from '../types.js';
import { actorOf } from './actor.js';
import type { HandlerContext } from './context.js';

export function registerTypingHandler(socket: RealtimeSocket, ctx: HandlerContext): void {
  socket.on(
    'typing',
    handle(
      TypingPayload,
      async ({ topicId }) => {
        const actor = actorOf(socket);
        const { partyId } = await ctx.services.topics.requireTopic(actor, topicId);
        const user = await ctx.services.users.getPublicUser(actor.id);
        const displayName = user?.displayName ?? socket.data.user.username;
        const expiresAt = new Date(Date.now() + ctx.typingTtlMs).toISOString();
        ctx.io
          .to(partyRoom(partyId))
          .except(userRoom(actor.id))
          .emit('typing', { partyId, topicId, userId: actor.id, displayName, expiresAt });
        return {};
      },
      ctx.logger,
    ),
  );
}
