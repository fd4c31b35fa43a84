// Per topic, this instance emits `message:created` in seq order. Sends of a topic take their seqs one after
// another under the topic's row lock, but their replies come back on different pool connections and their
// continuations run in any order, so broadcasting from each continuation reorders them.
//
// Each send takes a place in its topic's line just before the statement that assigns its seq. When it has
// committed, its message is held until every send that entered the line before the commit came back has
// settled: only those can have a lower seq (a send that enters later runs its statement after this commit,
// so it gets a higher one). Then the held messages go out in seq order. Seqs taken by other instances are
// never waited for: order across instances is the client's reorder window's job.
//
// Sends are not serialised: they still queue on the row lock in PostgreSQL, so the next one is already
// waiting when a commit releases it, and a message waits here about as long as the sends around it take.

export interface EmitPlace {
  /**
   * The send stored `seq`: `emit` runs once nothing before it on this instance can still have a lower seq.
   * Resolves after it ran (rejects with what it threw).
   */
  committed(seq: number, emit: () => void): Promise<void>;
  /** The send stored nothing (failed, refused, or a retry of a stored message). */
  abandon(): void;
}

export interface EmitOrder {
  enter(topicId: string): EmitPlace;
}

interface Held {
  seq: number;
  /** The last place taken when this commit came back: every place up to it must settle first. */
  barrier: number;
  emit: () => void;
  done: (error?: unknown) => void;
}

interface Line {
  nextPlace: number;
  /** Places that have not settled, in the order they were taken (a Set keeps insertion order). */
  open: Set<number>;
  /** Committed messages waiting to go out, by seq. */
  held: Held[];
}

export function createEmitOrder(): EmitOrder {
  const lines = new Map<string, Line>();

  const flush = (topicId: string, line: Line) => {
    for (let first = line.held[0]; first; first = line.held[0]) {
      const oldestOpen = line.open.values().next();
      if (!oldestOpen.done && oldestOpen.value <= first.barrier) break;
      line.held.shift();
      // One failed emit is its own send's error; the messages behind it still go out.
      try {
        first.emit();
        first.done();
      } catch (error) {
        first.done(error);
      }
    }
    if (line.open.size === 0 && line.held.length === 0) lines.delete(topicId);
  };

  return {
    enter(topicId) {
      let line = lines.get(topicId);
      if (!line) {
        line = { nextPlace: 0, open: new Set(), held: [] };
        lines.set(topicId, line);
      }
      const own = line;
      const place = own.nextPlace++;
      own.open.add(place);
      let settled = false;
      const settle = () => {
        if (settled) throw new Error('an emit place settles once');
        settled = true;
        own.open.delete(place);
      };
      return {
        committed(seq, emit) {
          settle();
          return new Promise<void>((resolve, reject) => {
            const done = (error?: unknown) => (error === undefined ? resolve() : reject(error));
            const held: Held = { seq, barrier: own.nextPlace - 1, emit, done };
            const at = own.held.findIndex((other) => other.seq > seq);
            own.held.splice(at === -1 ? own.held.length : at, 0, held);
            flush(topicId, own);
          });
        },
        abandon() {
          if (settled) return;
          settle();
          flush(topicId, own);
        },
      };
    },
  };
}
