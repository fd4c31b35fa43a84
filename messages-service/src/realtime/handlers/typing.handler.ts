// typing: tells the party (except the typist's own sockets) that someone is typing in a topic. Nothing is
// stored: the notice carries its expiry and the client hides it then unless it is repeated. Repeats within
// the throttle window are acknowledged but not re-broadcast (and cost no database round trip).
import { TypingPayload } from '@partyline/contracts';

import { handle } from '../ack.js';
import { partyRoom, type RealtimeSocket, userRoom } from '../types.js';
import { actorOf } from './actor.js';
import type { HandlerContext } from './context.js';

export function registerTypingHandler(socket: RealtimeSocket, ctx: HandlerContext): void {
  // The last notice handled (one person types in one topic at a time), and its refusal if it was refused:
  // a repeat within the window gets the same answer.
  let last: { topicId: string; at: number; refusal?: unknown } | undefined;

  socket.on(
    'typing',
    handle(ctx, 'typing', TypingPayload, async ({ topicId }) => {
      const now = Date.now();
      if (last?.topicId === topicId && now - last.at < ctx.typingThrottleMs) {
        if (last.refusal !== undefined) throw last.refusal;
        return {};
      }
      const handled: { topicId: string; at: number; refusal?: unknown } = { topicId, at: now };
      last = handled;
      const actor = actorOf(socket);
      const { partyId } = await ctx.services.topics.requireTopic(actor, topicId).catch((refusal: unknown) => {
        handled.refusal = refusal;
        throw refusal;
      });
      const user = await ctx.services.users.getPublicUser(actor.id);
      const displayName = user?.displayName ?? socket.data.user.username;
      const expiresAt = new Date(now + ctx.typingTtlMs).toISOString();
      ctx.io
        .to(partyRoom(partyId))
        .except(userRoom(actor.id))
        .emit('typing', { partyId, topicId, userId: actor.id, displayName, expiresAt });
      return {};
    }),
  );
}
