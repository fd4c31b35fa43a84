// Child-process entry that holds a batch of idle sockets for the idle-socket benchmark. On `connect` it
// opens them (bounded handshakes in flight) and answers with how many connected; on `close` it drops them.
import type { Socket } from 'socket.io-client';

import { closeAll, connectAll, type HandshakeAuth } from './clients.js';

let sockets: Socket[] = [];
let disconnected = 0;

process.on(
  'message',
  (request: {
    id: number;
    type: string;
    url?: string;
    auths?: HandshakeAuth[];
    inFlight?: number;
    retries?: number;
  }) => {
    const reply = (body: object) => process.send?.({ id: request.id, ...body });
    if (request.type === 'connect') {
      const started = Date.now();
      connectAll(request.url!, request.auths!, request.inFlight ?? 50, undefined, request.retries ?? 0).then(
        (connected) => {
          sockets = connected;
          for (const socket of sockets) socket.on('disconnect', () => disconnected++);
          reply({ connected: sockets.length, ms: Date.now() - started });
        },
        (error: unknown) => reply({ error: String(error) }),
      );
    } else if (request.type === 'status') {
      reply({ connected: sockets.filter((s) => s.connected).length, disconnected });
    } else if (request.type === 'close') {
      closeAll(sockets);
      reply({});
      setTimeout(() => process.exit(0), 200);
    }
  },
);
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
