// A TCP proxy in front of one of the stack's servers, so a test can take "the database" away from its own
// clients without stopping the shared server: `cut()` closes every proxied connection and stops
// listening (new connections are refused), `restore()` listens again on the same port.
import net from 'node:net';

export interface TcpProxy {
  /** The port clients connect to (127.0.0.1). */
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  urlFor(url: string): string;
  /** Closes every connection (both sides) and refuses new ones. */
  cut(): Promise<void>;
  /** Accepts connections again, on the same port. */
  restore(): Promise<void>;
  /** Connections accepted so far. */
  accepted(): number;
  close(): Promise<void>;
}

const listen = (server: net.Server, port: number): Promise<void> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

/** Proxies 127.0.0.1:<free port> to `target` ("host:port", or a URL whose host and port are taken). */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const { hostname, port: targetPort } = target.includes('://')
    ? new URL(target)
    : new URL(`tcp://${target}`);
  const host = hostname.replace(/^\[|\]$/g, '');
  const sockets = new Set<net.Socket>();
  let accepted = 0;

  const onConnection = (client: net.Socket) => {
    accepted++;
    const upstream = net.connect(Number(targetPort), host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  };

  let server = net.createServer(onConnection);
  await listen(server, 0);
  const port = (server.address() as net.AddressInfo).port;

  const closeServer = () => new Promise<void>((resolve) => server.close(() => resolve()));

  return {
    port,
    urlFor(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    async cut() {
      const closed = closeServer();
      for (const s of sockets) s.destroy();
      sockets.clear();
      await closed;
    },
    async restore() {
      server = net.createServer(onConnection);
      // The port was ours a moment ago; retry briefly should the OS not have released it yet.
      for (let i = 0; ; i++) {
        try {
          await listen(server, port);
          return;
        } catch (error) {
          if (i >= 50) throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    },
    accepted: () => accepted,
    async close() {
      for (const s of sockets) s.destroy();
      if (server.listening) await closeServer();
    },
  };
}
