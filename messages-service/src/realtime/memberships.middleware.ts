// The second handshake step (after socketAuth): load the user's parties, to be joined as rooms on connect.
// Connections are refused until the services are attached. A database that is away refuses the handshake
// with SERVICE.UNAVAILABLE (as REST and acks do), so a client knows to retry rather than to give up.
import { socketAuthError } from '@partyline/auth';
import { AppError } from '@partyline/contracts';

import type { Logger } from './logger.js';
import type { RealtimeServices } from './services.js';
import type { RealtimeSocket } from './types.js';

export function loadMemberships(services: () => RealtimeServices | undefined, logger: Logger) {
  return (socket: RealtimeSocket, next: (err?: Error) => void): void => {
    const attached = services();
    if (attached === undefined) {
      next(socketAuthError('SERVICE.UNAVAILABLE', 'The server is starting; retry shortly'));
      return;
    }
    attached.parties.listMembershipIds(socket.data.user.id).then(
      (partyIds) => {
        socket.data.partyIds = partyIds;
        next();
      },
      (error: unknown) => {
        if (error instanceof AppError && error.code === 'SERVICE.UNAVAILABLE') {
          logger.warn({ err: error }, 'realtime: memberships unavailable, handshake refused');
          next(socketAuthError('SERVICE.UNAVAILABLE', 'Your parties cannot be loaded now; retry shortly'));
          return;
        }
        logger.error({ err: error }, 'realtime: could not load memberships');
        next(socketAuthError('INTERNAL', 'Could not load your parties'));
      },
    );
  };
}
