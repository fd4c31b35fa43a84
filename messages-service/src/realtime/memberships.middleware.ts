// The second handshake step (after socketAuth): load the user's parties, to be joined as rooms on connect.
// Connections are refused until the services are attached.
import { socketAuthError } from '@partyline/auth';

import type { Logger } from './logger.js';
import type { RealtimeServices } from './services.js';
import type { RealtimeSocket } from './types.js';

export function loadMemberships(services: () => RealtimeServices | undefined, logger: Logger) {
  return (socket: RealtimeSocket, next: (err?: Error) => void): void => {
    const attached = services();
    if (attached === undefined) {
      next(socketAuthError('INTERNAL', 'The server is starting; retry shortly'));
      return;
    }
    attached.parties.listMembershipIds(socket.data.user.id).then(
      (partyIds) => {
        socket.data.partyIds = partyIds;
        next();
      },
      (error: unknown) => {
        logger.error({ err: error }, 'realtime: could not load memberships');
        next(socketAuthError('INTERNAL', 'Could not load your parties'));
      },
    );
  };
}
