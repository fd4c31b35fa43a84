// The socket an event came from, carried through the service call, so the notifier can leave it out of
// pushes meant for the user's *other* sockets (read:updated).
import { AsyncLocalStorage } from 'node:async_hooks';

const originSocket = new AsyncLocalStorage<string>();

export const withOriginSocket = <T>(socketId: string, run: () => Promise<T>): Promise<T> =>
  originSocket.run(socketId, run);

export const currentOriginSocket = (): string | undefined => originSocket.getStore();
