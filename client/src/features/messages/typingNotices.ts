import { emitWithAck, isSocketConnected } from '../../socket/socketClient';

const lastTypingSent = new Map<string, number>();

/** Typing notices last 6 s on the server; repeat at most every 3 s while the user keeps typing. */
export function notifyTyping(topicId: string, now = Date.now()): boolean {
  const last = lastTypingSent.get(topicId) ?? 0;
  if (now - last < 3_000 || !isSocketConnected()) return false;
  lastTypingSent.set(topicId, now);
  emitWithAck('typing', { topicId }).catch(() => undefined);
  return true;
}

/** After a send: the next keystroke announces typing again at once. */
export function typingStopped(topicId: string): void {
  lastTypingSent.delete(topicId);
}
