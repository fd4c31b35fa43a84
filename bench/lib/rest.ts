// The service's public REST API as the browser app calls it (bearer token, JSON), for the black-box
// benchmark's set-up (parties, invites, accepts) and its history measurements. Errors carry the status and
// the service's stable error code.
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
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const code = (parsed as { error?: { code?: string } } | undefined)?.error?.code;
    throw new RestError(response.status, code, `${method} ${path}`);
  }
  return parsed as T;
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
