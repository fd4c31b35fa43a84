/**
 * Serialises the writes of one process to one document. MongoDB applies a single-document update
 * atomically, but FerretDB 1.x (the local stack) reads, modifies and writes the document back without
 * isolation, so a relay's `$pullAll` running at the same moment as a service's `$push` update can silently
 * undo that update. The service and its outbox relay share one lock so that, within a process, those
 * writes never overlap. (Across processes on FerretDB the race remains; production runs MongoDB.)
 */
export interface DocumentLock {
  run<T>(id: unknown, write: () => Promise<T>): Promise<T>;
}

export function createDocumentLock(): DocumentLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    async run<T>(id: unknown, write: () => Promise<T>): Promise<T> {
      const key = String(id);
      const previous = tails.get(key) ?? Promise.resolve();
      const current = previous.then(write, write);
      const tail = current.catch(() => undefined);
      tails.set(key, tail);
      try {
        return await current;
      } finally {
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
  };
}
