// Coalesced deliveries (issue 17, docs/realtime-batching.md): the broadcasts bound for one connection in one
// turn of the event loop, or while its previous write is still waiting for the kernel, leave as ONE
// socket.io packet — `batch [[event, payload], …]` in emission order — so one WebSocket frame and one write
// instead of one per event. Only for clients that ask for it in the handshake (`auth.batch === true`): a
// browser tab still running an older build keeps getting one packet per event.
//
// Where: socket.io's Client.writeToEngine, the one method every packet of a connection passes through (the
// adapter's local delivery of a broadcast, emitted here or received from another instance through Redis;
// direct emits; acks). Everything socket.io decides before it — rooms, `except`, volatile, cross-instance
// delivery — is left as it is. Order is kept per connection: only plain broadcast events are held, and any
// other packet (an ack, a direct emit such as the TOKEN_EXPIRED notice, binary, another namespace, a
// broadcast expecting acks, a volatile one) first writes out what is held, then goes itself.
//
// When:
// - a connection with nothing held gets its first event at the end of the current turn (one setImmediate
//   for the whole gateway): an isolated event is not delayed by any window;
// - events that arrive in the same turn join it;
// - if the transport is still busy with the previous write (engine.io's `writable` is false until the
//   kernel took it: a slow reader), events keep joining until it is ready again, at most `maxDelayMs`,
//   after which the batch goes to engine.io anyway (which queues it, as it queues any packet then);
// - a batch is cut at `maxEvents` events or `maxChars` characters.
// So this layer holds at most one batch per connection; what a slow reader has not taken yet sits in
// engine.io's write buffer exactly as it would without batching (socket.io's own backpressure).
//
// A batch of one is written as it came, with the WebSocket frame the adapter pre-encoded once for all
// recipients of the broadcast; a longer one is a new string, framed per connection.
import type { RealtimeSocket } from './types.js';

export interface BatchingOptions {
  /** Longest a held event waits for a busy transport before it is handed to engine.io anyway. */
  maxDelayMs: number;
  /** Most events per batch. */
  maxEvents: number;
  /** Most characters of encoded events per batch (an event bigger than this goes alone). */
  maxChars: number;
}

export const DEFAULT_BATCHING: BatchingOptions = { maxDelayMs: 5, maxEvents: 256, maxChars: 64 * 1024 };

/** The socket.io event every batch is sent as. */
export const BATCH_EVENT = 'batch';

/** The options socket.io's adapter passes along with an encoded packet. */
interface WriteOptions {
  preEncoded?: boolean;
  volatile?: boolean;
  compress?: boolean;
  wsPreEncodedFrame?: unknown;
}

type Encoded = string | Buffer | (string | Buffer)[];

/** What of socket.io's Client (and engine.io's socket under it) this module touches. */
interface EngineTransport {
  writable: boolean;
  once(event: 'ready', listener: () => void): unknown;
  removeListener(event: 'ready', listener: () => void): unknown;
}
interface BatchedClient {
  writeToEngine(encoded: Encoded, opts: WriteOptions): void;
  conn: {
    transport: EngineTransport;
    once(event: 'close', listener: () => void): unknown;
  };
}

interface Held {
  packet: string;
  opts: WriteOptions;
}

export interface Batching {
  /** Batches what goes to this socket's connection, when its client asked for it. */
  adopt(socket: RealtimeSocket): void;
  /** Connections with events held right now (for tests and metrics). */
  readonly pending: number;
}

// A plain event of the main namespace without ack id or binary attachments: `2[` then the JSON array.
const isPlainEvent = (packet: string) =>
  packet.charCodeAt(0) === 50 /* 2 */ && packet.charCodeAt(1) === 91; /* [ */

/** Called for every packet the batcher writes with the number of events in it (1: written as it came). */
type OnWritten = (events: number) => void;

export function createBatching(
  options: BatchingOptions = DEFAULT_BATCHING,
  onWritten: OnWritten = () => undefined,
): Batching {
  const dirty = new Set<Batcher>();
  let scheduled = false;
  let pending = 0;

  const runTurn = () => {
    scheduled = false;
    const due = [...dirty];
    dirty.clear();
    for (const batcher of due) batcher.flushIfReady();
  };

  class Batcher {
    private held: Held[] = [];
    private chars = 0;
    private timer: ReturnType<typeof setTimeout> | undefined;
    private waitingOn: EngineTransport | undefined;
    private closed = false;
    private readonly write: (encoded: Encoded, opts: WriteOptions) => void;

    constructor(private readonly client: BatchedClient) {
      this.write = client.writeToEngine.bind(client);
      client.writeToEngine = (encoded, opts) => this.accept(encoded, opts);
      client.conn.once('close', () => {
        this.closed = true;
        this.reset();
      });
    }

    private accept(encoded: Encoded, opts: WriteOptions): void {
      const packet = Array.isArray(encoded) ? (encoded.length === 1 ? encoded[0] : undefined) : encoded;
      const batchable =
        !this.closed &&
        opts.preEncoded === true &&
        opts.volatile !== true &&
        typeof packet === 'string' &&
        isPlainEvent(packet);
      if (!batchable) {
        this.flush();
        this.write(encoded, opts);
        return;
      }
      if (this.held.length > 0 && this.chars + packet.length > options.maxChars) this.flush();
      if (this.held.length === 0) pending++;
      this.held.push({ packet, opts });
      this.chars += packet.length;
      if (this.held.length >= options.maxEvents || this.chars >= options.maxChars) {
        this.flush();
        return;
      }
      if (this.timer === undefined && this.waitingOn === undefined) {
        dirty.add(this);
        if (!scheduled) {
          scheduled = true;
          setImmediate(runTurn);
        }
      }
    }

    /** At the end of a turn: write now if the transport can take it, else wait until it can (bounded). */
    flushIfReady(): void {
      if (this.held.length === 0 || this.timer !== undefined) return;
      const transport = this.client.conn.transport;
      if (transport.writable) {
        this.flush();
        return;
      }
      this.waitingOn = transport;
      transport.once('ready', this.onReady);
      this.timer = setTimeout(this.onReady, options.maxDelayMs);
    }

    private readonly onReady = () => this.flush();

    /** Writes what is held, as one packet (or as it came, when it is one event). */
    flush(): void {
      const held = this.held;
      this.reset();
      if (held.length === 0) return;
      onWritten(held.length);
      if (held.length === 1) {
        const [only] = held as [Held];
        this.write(only.packet, only.opts);
        return;
      }
      this.write(batchPacket(held), { preEncoded: true });
    }

    private reset(): void {
      if (this.held.length > 0) pending--;
      this.held = [];
      this.chars = 0;
      dirty.delete(this);
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
      this.waitingOn?.removeListener('ready', this.onReady);
      this.waitingOn = undefined;
    }
  }

  // The members of a room mostly get the same broadcasts in the same turn: the packet built for one of them
  // is reused for the next with the same events (one string, so it is also flattened and encoded once).
  let lastBuilt: { held: Held[]; packet: string } | undefined;
  const batchPacket = (held: Held[]): string => {
    const last = lastBuilt?.held;
    if (last?.length === held.length && last.every((one, i) => one.packet === held[i]!.packet)) {
      return lastBuilt!.packet;
    }
    // Each held packet is `2` + `[event, payload]`: the batch is their arrays, in order, as the payload of
    // one `batch` event — built by concatenation, nothing is serialised again.
    let packet = `2["${BATCH_EVENT}",[`;
    for (let i = 0; i < held.length; i++) packet += (i === 0 ? '' : ',') + held[i]!.packet.slice(1);
    packet += ']]';
    lastBuilt = { held, packet };
    return packet;
  };

  const adopted = new WeakSet<object>();
  return {
    adopt(socket) {
      if (socket.handshake.auth['batch'] !== true) return;
      const client = socket.client as unknown as BatchedClient;
      // One client per connection, whatever the namespaces on it.
      if (adopted.has(client)) return;
      adopted.add(client);
      new Batcher(client);
    },
    get pending() {
      return pending;
    },
  };
}
