// Group commit per topic. The sends of a topic on this instance queue here and are written in batches, one
// statement each (messages.repository.ts insertBatch), one batch of a topic in flight at a time: the sends
// that arrive while a batch is being written form the next one (natural batching, no timer), up to
// `maxBatch`. An idle topic's first send waits only for the end of the current event-loop turn
// (setImmediate), so the sends read from one socket read or one burst of requests go together.
//
// Since a topic's batches are written one after another, and a batch's seqs follow the previous batch's,
// emitting each batch in seq order as soon as it has committed (before the next one is written) emits the
// topic's messages in seq order on this instance. Seqs taken by other instances are never waited for:
// order across instances is the client's reorder window's job.
//
// Every send still fails alone: the checks that can refuse one send run before it queues (messages.service.ts),
// a send the statement leaves out (not a member, nonce stored) comes back as null for its caller to
// explain, and a statement broken by one send is written again one send at a time. An unreachable database
// fails the batch's sends only, each with the same mapped error (SERVICE.UNAVAILABLE); one that stops
// answering fails the sends queued behind the stuck batch after SEND_QUEUE_WAIT_MS.
import { AppError } from '@partyline/contracts';

import { DuplicateNonceError } from './messages.errors.js';
import type { MessageRecord, NewMessage } from './messages.repository.js';

/** Sends written by one statement at most (its JSON parameter stays well under a megabyte). */
export const SEND_BATCH_MAX = 64;

/** A statement that lost a race on a nonce is run again this many times (each time it sees more). */
const DUPLICATE_NONCE_RETRIES = 3;

/**
 * How long sends may wait behind a batch that has not come back before they are answered
 * SERVICE.UNAVAILABLE: a database that stopped answering without closing the connection must not make the
 * topic's later sends hang with it. Under the client's 8 s ack timeout, so they hear it before giving up,
 * and far above a busy database's slow statement (a slow answer is not an outage).
 */
export const SEND_QUEUE_WAIT_MS = 5_000;

const isUnavailable = (error: unknown) => error instanceof AppError && error.code === 'SERVICE.UNAVAILABLE';

export interface SendBatcherDeps {
  /** Aligned with `sends`: the stored message, or null when the send stored nothing. */
  write(topicId: string, sends: NewMessage[]): Promise<(MessageRecord | null)[]>;
  /** Runs after commit, once per stored message, in seq order. */
  emit(message: MessageRecord): void;
  maxBatch?: number;
  /** Told of each statement written (tests count the batches). */
  onBatch?: (batch: { topicId: string; size: number }) => void;
  /** Told of each batch stored and emitted: how long its statement(s) and its emits took (metrics). */
  onWritten?: (batch: WrittenBatch) => void;
  /** SEND_QUEUE_WAIT_MS unless given (tests). */
  maxQueueWaitMs?: number;
}

export interface WrittenBatch {
  size: number;
  /** The batch's statement, retries after a lost nonce race included. */
  statementSeconds: number;
  /** Emitting the stored messages (the fan-out's local writes and the adapter's publish). */
  emitSeconds: number;
}

interface Pending {
  send: NewMessage;
  resolve(stored: MessageRecord | null): void;
  reject(error: unknown): void;
}

export function createSendBatcher(deps: SendBatcherDeps) {
  const maxBatch = deps.maxBatch ?? SEND_BATCH_MAX;
  const maxQueueWaitMs = deps.maxQueueWaitMs ?? SEND_QUEUE_WAIT_MS;
  /** Per topic with sends queued or in flight: the sends waiting for the next batch. */
  const queues = new Map<string, Pending[]>();

  async function writeRetrying(topicId: string, sends: NewMessage[]) {
    for (let attempt = 0; ; attempt++) {
      deps.onBatch?.({ topicId, size: sends.length });
      try {
        return await deps.write(topicId, sends);
      } catch (error) {
        if (!(error instanceof DuplicateNonceError) || attempt >= DUPLICATE_NONCE_RETRIES) throw error;
      }
    }
  }

  /** Writes the sends of one batch, emits what they stored in seq order, and settles each send. */
  async function write(topicId: string, batch: Pending[]): Promise<void> {
    let stored: (MessageRecord | null)[];
    const started = performance.now();
    try {
      stored = await writeRetrying(
        topicId,
        batch.map((p) => p.send),
      );
    } catch (error) {
      // A send that passed its checks can still break the statement (a constraint): then each is written
      // alone, so that one fails alone. An unreachable database fails the whole batch at once.
      if (batch.length > 1 && !isUnavailable(error)) {
        for (const pending of batch) await write(topicId, [pending]);
        return;
      }
      for (const pending of batch) pending.reject(error);
      return;
    }
    const results = batch.map((pending, i) => ({ pending, message: stored[i] ?? null }));
    const inSeqOrder = results
      .filter((r): r is { pending: Pending; message: MessageRecord } => r.message !== null)
      .sort((x, y) => x.message.seq - y.message.seq);
    // Emitted before any caller hears back (and before the next batch is written). A failed emit is its
    // own send's error (the message is stored: a retry returns it); the others still go out.
    const failed = new Map<Pending, unknown>();
    const written = performance.now();
    for (const { pending, message } of inSeqOrder) {
      try {
        deps.emit(message);
      } catch (error) {
        failed.set(pending, error);
      }
    }
    deps.onWritten?.({
      size: batch.length,
      statementSeconds: (written - started) / 1000,
      emitSeconds: (performance.now() - written) / 1000,
    });
    for (const { pending, message } of results) {
      if (failed.has(pending)) pending.reject(failed.get(pending));
      else pending.resolve(message);
    }
  }

  async function drain(topicId: string, queue: Pending[]) {
    while (queue.length > 0) {
      const taken = queue.splice(0, maxBatch);
      // A repeated (author, nonce) is written once; its repeats store nothing (they are told null, a retry)
      // or fail with the first one's error.
      const firsts = new Map<string, Pending>();
      for (const pending of taken) {
        const key = `${pending.send.authorId} ${pending.send.nonce}`;
        const first = firsts.get(key);
        if (!first) {
          firsts.set(key, pending);
          continue;
        }
        const { resolve, reject } = first;
        first.resolve = (message) => {
          resolve(message);
          pending.resolve(null);
        };
        first.reject = (error) => {
          reject(error);
          pending.reject(error);
        };
      }
      // While the batch is out, what queued behind it is answered at every period it stays out (nothing of
      // it is written: a retry with the same nonce is safe). The batch's own sends wait for its outcome.
      const shedding = setInterval(() => {
        for (const pending of queue.splice(0)) {
          pending.reject(AppError.unavailable('The database is slow to answer; try again shortly', 2));
        }
      }, maxQueueWaitMs);
      try {
        await write(topicId, [...firsts.values()]);
      } finally {
        clearInterval(shedding);
      }
    }
    queues.delete(topicId);
  }

  return {
    /** Stores `send` in `topicId` with the sends around it: the message, or null when it stored nothing. */
    submit(topicId: string, send: NewMessage): Promise<MessageRecord | null> {
      return new Promise((resolve, reject) => {
        const queue = queues.get(topicId);
        if (queue) {
          queue.push({ send, resolve, reject });
          return;
        }
        const fresh: Pending[] = [{ send, resolve, reject }];
        queues.set(topicId, fresh);
        setImmediate(() => void drain(topicId, fresh));
      });
    },
  };
}

export type SendBatcher = ReturnType<typeof createSendBatcher>;
