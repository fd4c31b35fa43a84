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
