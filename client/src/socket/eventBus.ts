import type { ServerEventName, ServerToClientEvents } from '../api/types';

type Handler<E extends ServerEventName> = (...args: Parameters<ServerToClientEvents[E]>) => void;

// Cache entries subscribe here rather than to the socket itself, so a subscription made before the socket
// exists (or across a sign-out/sign-in) keeps working.
const handlers = new Map<ServerEventName, Set<(...args: unknown[]) => void>>();

export function onServerEvent<E extends ServerEventName>(event: E, handler: Handler<E>): () => void {
  let set = handlers.get(event);
  if (!set) handlers.set(event, (set = new Set()));
  const h = handler as (...args: unknown[]) => void;
  set.add(h);
  return () => set.delete(h);
}

export function emitServerEvent(event: string, ...args: unknown[]): void {
  const set = handlers.get(event as ServerEventName);
  if (!set) return;
  for (const handler of [...set]) {
    try {
      handler(...args);
    } catch (err) {
      console.error(`handler for ${event} failed`, err);
    }
  }
}

/**
 * Everything the socket receives comes through here. A `batch` (several events the server coalesced into
 * one packet, docs/realtime-batching.md) is unpacked and its events are dispatched one by one in its order,
 * exactly as if each had arrived alone: a handler never sees the batch itself.
 */
export function receiveServerEvent(event: string, ...args: unknown[]): void {
  if (event !== 'batch') {
    emitServerEvent(event, ...args);
    return;
  }
  const [events] = args;
  if (!Array.isArray(events)) return;
  for (const entry of events as unknown[]) {
    // Never nested; an entry that is not `[name, ...payload]` is skipped, the rest still dispatched.
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || entry[0] === 'batch') continue;
    const [name, ...payload] = entry as [string, ...unknown[]];
    emitServerEvent(name, ...payload);
  }
}
