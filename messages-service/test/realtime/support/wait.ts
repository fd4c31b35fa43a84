// Bounded waits on socket.io clients: every wait has a deadline and fails with a message saying what it
// waited for, never a fixed sleep.
import type { ClientToServerEvents, ServerToClientEvents } from '@partyline/contracts';
import type { Socket } from 'socket.io-client';

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents>;
type EventName = keyof ServerToClientEvents;
type Payload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

export function nextEvent<E extends EventName>(
  client: TestClient,
  event: E,
  match: (payload: Payload<E>) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<Payload<E>> {
  return new Promise((resolve, reject) => {
    const listener = (payload: Payload<E>) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      client.off(event, listener as never);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      client.off(event, listener as never);
      reject(new Error(`no ${String(event)} event within ${timeoutMs} ms`));
    }, timeoutMs);
    client.on(event, listener as never);
  });
}

/** Collects every payload of `event` from now on, for asserting that something did NOT arrive. */
export function record<E extends EventName>(client: TestClient, event: E): Payload<E>[] {
  const seen: Payload<E>[] = [];
  client.on(event, ((payload: Payload<E>) => seen.push(payload)) as never);
  return seen;
}

/** Polls `check` until it holds or the deadline passes. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5_000,
  what = 'condition',
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${what} did not hold within ${timeoutMs} ms`);
}

/** Emits with an ack and a deadline; resolves with the server's reply. */
export function request<E extends keyof ClientToServerEvents>(
  client: TestClient,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = 5_000,
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  // The typed emitWithAck wants the ack in the event signature, which every client event has.
  const timed = client.timeout(timeoutMs) as unknown as {
    emitWithAck(ev: string, p: unknown): Promise<never>;
  };
  return timed.emitWithAck(event, payload);
}
