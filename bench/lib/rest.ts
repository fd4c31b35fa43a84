// The service's public REST API as the browser app calls it (bearer token, JSON), for the black-box
// benchmark's set-up (parties, invites, accepts) and its history measurements. Errors carry the status and
// the service's stable error code.
import { Agent, request } from 'node:http';

import { ORIGIN } from './env.js';

export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    what: string,
  ) {
    super(`${what}: ${status}${code ? ` ${code}` : ''}`);
  }
}

export async function rest<T>(
  base: string,
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: object,
): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      origin: ORIGIN,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return replied<T>(response.status, await response.text(), `${method} ${path}`);
}

/** A reply's JSON body, or a RestError with its status and the service's error code. */
function replied<T>(status: number, text: string, what: string): T {
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (status < 200 || status >= 300) {
    const code = (parsed as { error?: { code?: string } } | undefined)?.error?.code;
    throw new RestError(status, code, what);
  }
  return parsed as T;
}

/** One kept-alive connection for `getJson`: the timed requests never pay a connect. */
const keptAlive = new Agent({ keepAlive: true, maxSockets: 1 });

/**
 * GET with node:http on a kept-alive connection and nothing else: the leanest client there is in Node, so
 * the time of a request is the service's and the loopback's, not the client's own machinery (the WHATWG
 * `fetch` above adds streams, a Response and header objects to every request). Same headers as `rest`.
 */
export function getJson<T>(base: string, token: string, path: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      { agent: keptAlive, headers: { authorization: `Bearer ${token}`, origin: ORIGIN } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          try {
            resolve(replied<T>(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), `GET ${path}`));
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Runs `work` over `items` with at most `inFlight` at a time; resolves in the items' order. */
export async function pooled<I, O>(
  items: I[],
  inFlight: number,
  work: (item: I) => Promise<O>,
): Promise<O[]> {
  const out: O[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, items.length) }, worker));
  return out;
}
