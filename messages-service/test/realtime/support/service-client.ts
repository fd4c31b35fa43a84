// socket.io clients of a whole running service (startTestService), over either transport.
import { io as connect } from 'socket.io-client';

import { TEST_ORIGIN, type TestService } from '../../helpers/service.js';
import type { TestClient } from './wait.js';

export interface ServiceClientOptions {
  transports?: ('websocket' | 'polling')[];
}

/** Connects with `token`; resolves with the connected client or rejects with the connect_error. */
export function connectToService(
  t: TestService,
  token: string,
  options: ServiceClientOptions = {},
): Promise<TestClient> {
  const client: TestClient = connect(t.service.url, {
    transports: options.transports ?? ['websocket'],
    auth: { token },
    extraHeaders: { origin: TEST_ORIGIN },
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('connect_error', (error) => {
      client.close();
      reject(error);
    });
  });
}
