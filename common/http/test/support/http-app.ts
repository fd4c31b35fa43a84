// Starts an Express app on port 0 with the shared plumbing around the routes a test adds.
import type { AddressInfo } from 'node:net';

import express, { type RequestHandler, type Router } from 'express';

import { correlationId, errorHandler, notFoundHandler } from '@partyline/http';

export interface LoggedLine {
  level: 'error' | 'warn';
  obj: object;
  msg: string | undefined;
}

export async function startApp(routes: Router, body: RequestHandler = express.json({ limit: '1kb' })) {
  const logged: LoggedLine[] = [];
  const logger = {
    error: (obj: object, msg?: string) => logged.push({ level: 'error', obj, msg }),
    warn: (obj: object, msg?: string) => logged.push({ level: 'warn', obj, msg }),
  };
  const app = express();
  app.use(correlationId());
  app.use(body);
  app.use(routes);
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    logged,
    request: (path: string, init?: RequestInit) => fetch(`${url}${path}`, init),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
