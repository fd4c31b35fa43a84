import { useCallback, useMemo } from 'react';

import type { Message } from '../../../api/types';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { selectOutgoingInTopic, sendDiscarded } from '../outboxSlice';
import { retrySend } from '../sendThunks';

/** My sends in this topic that the server has not confirmed yet, with Retry and Discard for failed ones. */
export function usePendingMessages(topicId: string, messages: Message[]) {
  const dispatch = useAppDispatch();
  const outgoing = useAppSelector((s) => selectOutgoingInTopic(s, topicId));
  // A stored copy can arrive (broadcast) before the outbox entry is dropped (ack): show it once.
  const unconfirmed = useMemo(() => {
    const confirmed = new Set(messages.map((m) => m.nonce));
    return outgoing.filter((o) => !confirmed.has(o.nonce));
  }, [messages, outgoing]);
  const retry = useCallback((nonce: string) => void dispatch(retrySend(nonce)), [dispatch]);
  const discard = useCallback((nonce: string) => void dispatch(sendDiscarded(nonce)), [dispatch]);
  return { count: outgoing.length, unconfirmed, retry, discard };
}
