import type { Attachment, Message } from '../../api/types';
import type { AppThunk, AppThunkDispatch, RootState } from '../../app/rootReducer';
import { emitWithAck, isSocketConnected, probeConnection } from '../../socket/socketClient';
import { loadLatest, selectTopicWindow } from './historyThunks';
import { storedMessageArrived } from './liveOrder';
import { messagesApi } from './messagesApi';
import { messageStored } from './messageStored';
import { newNonce } from './nonce';
import {
  selectNextToSend,
  sendAcked,
  sendDeferred,
  sendFailed,
  sendQueued,
  sendRetried,
  type OutgoingMessage,
} from './outboxSlice';
import {
  MAX_SERVER_FAILURES,
  outcomeOfRestError,
  outcomeOfServerError,
  type SendOutcome,
} from './sendOutcome';

/** A send ack slower than this counts as no answer; the same nonce goes again once connected. */
const SEND_ACK_TIMEOUT_MS = 8_000;
const SLOW_ACK_MS = 1_500;
/** While waiting for the connection, look again this often even if no event says it is back. */
const RECHECK_MS = 5_000;

const isOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

/** One attempt over the socket when it is up, else over REST; never throws. */
async function attempt(dispatch: AppThunkDispatch, m: OutgoingMessage): Promise<SendOutcome> {
  const { topicId, body, nonce } = m;
  const replyTo = m.replyToId ? { replyToId: m.replyToId } : {};
  const files = m.attachmentIds?.length ? { attachmentIds: m.attachmentIds } : {};
  const failures = m.attempts ?? 0;
  if (isSocketConnected()) {
    let reply;
    // A slow ack is the first sign of a dead link: check it rather than wait out the whole timeout.
    const slow = setTimeout(probeConnection, SLOW_ACK_MS);
    try {
      reply = await emitWithAck(
        'message:send',
        { topicId, body, nonce, ...replyTo, ...files },
        SEND_ACK_TIMEOUT_MS,
      );
    } catch {
      return { kind: 'whenConnected' };
    } finally {
      clearTimeout(slow);
    }
    return reply.ok
      ? { kind: 'stored', message: reply.message }
      : outcomeOfServerError(reply.error, failures);
  }
  if (isOffline()) return { kind: 'whenConnected' };
  try {
    // The body of the POST is everything but the topic id, attachment ids included.
    const send = { topicId, body, nonce, ...replyTo, ...files };
    const message = await dispatch(messagesApi.endpoints.postMessage.initiate(send)).unwrap();
    return { kind: 'stored', message };
  } catch (err) {
    return outcomeOfRestError(err, failures);
  }
}

function stored(dispatch: AppThunkDispatch, message: Message) {
  dispatch(sendAcked(message.nonce));
  // In line with the topic's broadcasts: shown once every earlier seq is there.
  storedMessageArrived(message, (m) =>
    messageStored(
      m,
      (recipe) => void dispatch(messagesApi.util.updateQueryData('getMessages', m.topicId, recipe)),
      dispatch,
    ),
  );
}

interface PumpState {
  /** The run in progress: a caller while it runs waits for it (it will see the caller's message too). */
  running: Promise<void> | null;
  again: boolean;
  timer?: ReturnType<typeof setTimeout>;
}
const pumps = new WeakMap<object, PumpState>();

/**
 * Sends the outbox one message at a time, oldest first, so messages arrive in the order they were
 * written. A message that must wait (offline, rate limited, server unavailable) holds back the ones after
 * it; the pump runs again when the connection is back (`connected`), when a send is queued or retried,
 * or when the wait the server gave is over. Only a definite refusal marks a message failed.
 */
export const pumpOutbox = (): AppThunk<Promise<void>> => (dispatch, getState) => {
  let pump = pumps.get(dispatch);
  if (!pump) pumps.set(dispatch, (pump = { running: null, again: false }));
  if (pump.running) {
    pump.again = true;
    return pump.running;
  }
  const run = runPump(dispatch, getState, pump).finally(() => {
    pump.running = null;
    if (pump.again) void dispatch(pumpOutbox());
  });
  pump.running = run;
  return run;
};

async function runPump(dispatch: AppThunkDispatch, getState: () => RootState, pump: PumpState) {
  clearTimeout(pump.timer);
  const wakeIn = (ms: number) => {
    clearTimeout(pump.timer);
    pump.timer = setTimeout(() => void dispatch(pumpOutbox()), ms);
  };
  for (;;) {
    pump.again = false;
    const next = selectNextToSend(getState());
    if (!next) break;
    const wait = (next.retryAt ?? 0) - Date.now();
    if (wait > 0) {
      wakeIn(wait);
      break;
    }
    const outcome = await attempt(dispatch, next);
    if (!getState().outbox.entities[next.nonce]) continue; // discarded meanwhile
    if (outcome.kind === 'stored') {
      stored(dispatch, outcome.message);
    } else if (outcome.kind === 'refused') {
      dispatch(sendFailed({ nonce: next.nonce, error: outcome.error }));
    } else if (outcome.kind === 'later') {
      const attempts = (next.attempts ?? 0) + (outcome.countsAsFailure ? 1 : 0);
      if (attempts >= MAX_SERVER_FAILURES) {
        dispatch(sendFailed({ nonce: next.nonce, error: 'The server could not take it. Try again.' }));
        continue;
      }
      dispatch(sendDeferred({ nonce: next.nonce, retryAt: Date.now() + outcome.afterMs, attempts }));
      wakeIn(outcome.afterMs);
      break;
    } else {
      // No answer: `connected` wakes the pump; the recheck covers a connection that never drops.
      if (!pump.again) {
        wakeIn(RECHECK_MS);
        break;
      }
    }
  }
}

/** Shows the message at once as pending, then sends it in turn; the nonce makes every retry safe. */
export const sendMessage =
  (args: {
    topicId: string;
    partyId: string;
    body: string;
    replyToId?: string;
    attachmentIds?: string[];
    attachments?: Attachment[];
  }): AppThunk<Promise<void>> =>
  async (dispatch, getState) => {
    const nonce = newNonce();
    dispatch(sendQueued({ ...args, nonce, createdAt: new Date().toISOString() }));
    // Writing while reading old history: go back to the present so the message lands in view.
    if (selectTopicWindow(getState(), args.topicId)?.hasNewer) {
      void dispatch(loadLatest(args.topicId)).catch(() => undefined);
    }
    await dispatch(pumpOutbox());
  };

export const retrySend =
  (nonce: string): AppThunk<Promise<void>> =>
  async (dispatch) => {
    dispatch(sendRetried(nonce));
    await dispatch(pumpOutbox());
  };
