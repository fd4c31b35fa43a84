// The baseline: a bare socket.io server of the same version, default in-memory adapter, no auth, no
// database. It speaks the same `message:send` → ack + `message:created` broadcast as the app, with a
// Message-shaped payload of about the same size, so the same load generator drives both.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Server } from 'socket.io';

export interface RunningServer {
  url: string;
  clientsCount(): number;
  close(): Promise<void>;
}

export async function startBareServer(): Promise<RunningServer> {
  const httpServer = createServer();
  const io = new Server(httpServer, { serveClient: false });
  let seq = 0;
  io.on('connection', (socket) => {
    const auth = socket.handshake.auth as { room?: string; userId?: string; username?: string };
    const room = `party:${auth.room ?? 'default'}`;
    void socket.join(room);
    const author = {
      id: auth.userId ?? randomUUID(),
      username: auth.username ?? 'bench',
      displayName: auth.username ?? 'bench',
      avatarUrl: null,
    };
    socket.on(
      'message:send',
      (input: { topicId: string; body: string; nonce: string }, ack: (reply: unknown) => void) => {
        const message = {
          id: randomUUID(),
          topicId: input.topicId,
          partyId: auth.room,
          seq: ++seq,
          nonce: input.nonce,
          author,
          body: input.body,
          createdAt: new Date().toISOString(),
          editedAt: null,
          deletedAt: null,
        };
        io.to(room).emit('message:created', message);
        ack({ ok: true, message });
      },
    );
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    clientsCount: () => io.engine.clientsCount,
    async close() {
      io.local.disconnectSockets(true);
      io.engine.close();
      httpServer.closeAllConnections();
      await new Promise((resolve) => httpServer.close(resolve));
    },
  };
}
