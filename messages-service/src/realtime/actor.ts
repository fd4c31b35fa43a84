import { randomUUID } from 'node:crypto';

import type { Actor } from '../shared/actor.js';
import type { RealtimeSocket } from './types.js';

/** The acting user of a socket event, with a fresh correlation id for the events it causes. */
export const socketActor = (socket: RealtimeSocket): Actor => ({
  id: socket.data.user.id,
  username: socket.data.user.username,
  correlationId: randomUUID(),
});
