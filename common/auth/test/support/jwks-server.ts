// A real HTTP server on port 0 serving a JWKS we can swap, counting how often it is asked.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Jwks } from '@partyline/auth';

export async function startJwksServer(initial: Jwks, options: { delayMs?: number } = {}) {
  let jwks = initial;
  let status = 200;
  let requests = 0;
  const server = createServer((_req, res) => {
    requests += 1;
    setTimeout(() => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status === 200 ? jwks : { error: 'down' }));
    }, options.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    requests: () => requests,
    publish: (next: Jwks) => {
      jwks = next;
    },
    failWith: (next: number) => {
      status = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
