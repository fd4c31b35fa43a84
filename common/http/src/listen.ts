// Starts an HTTP server on a configured address and says where it is; stops it without cutting requests.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  server: Server;
  /** What the socket is bound to, e.g. { address: '127.0.0.1', port: 4002 }. */
  address: AddressInfo;
  /** A URL that reaches it from this machine (a wildcard bind is reached through loopback). */
  url: string;
}

const reachableHost = (address: string): string => {
  if (address === '0.0.0.0') return '127.0.0.1';
  if (address === '::') return '[::1]';
  return address.includes(':') ? `[${address}]` : address;
};

export async function listen(server: Server, port: number, host: string): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return { server, address, url: `http://${reachableHost(address.address)}:${address.port}` };
}

/** Stops accepting, lets requests in flight finish, and drops idle keep-alive connections. */
export const stopListening = ({ server }: Listening): Promise<void> =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
