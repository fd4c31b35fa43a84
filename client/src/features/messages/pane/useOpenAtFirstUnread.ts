import { useEffect, useRef, useState } from 'react';

import { useAppDispatch } from '../../../app/hooks';
import { loadAround } from '../historyThunks';
import { minSeq, type TopicMessages } from '../messagesAdapter';
import type { NewMessagesLine } from './useNewMessagesLine';

export interface Opening {
  /** The list can be drawn: the window is there, the line's place is known, and it is loaded. */
  ready: boolean;
  /** The seq the list opens at (its row goes to the top of the view), or null for the end. */
  openSeq: number | null;
}

/**
 * Where the list opens. On opening a topic: at the first unread message (the "New messages" line),
 * loading the history around it first when the cached window starts after it; at the end when all is
 * read. After a jump replaced the window (a new generation): at the seq it was loaded around.
 */
export function useOpenAtFirstUnread(
  topicId: string,
  window: TopicMessages | undefined,
  line: NewMessagesLine,
): Opening {
  const dispatch = useAppDispatch();
  const openedGeneration = useRef<number | null>(null);
  if (window && openedGeneration.current === null) openedGeneration.current = window.generation;
  const onOpening = !!window && window.generation === openedGeneration.current;

  const oldest = window ? minSeq(window) : null;
  const lineSeq = line.seq;
  const needsAround =
    onOpening && line.ready && lineSeq !== null && !!window?.hasOlder && oldest !== null && oldest > lineSeq;
  const [failed, setFailed] = useState(false);
  const asked = useRef(false);
  useEffect(() => {
    if (!needsAround || asked.current || lineSeq === null) return;
    asked.current = true;
    dispatch(loadAround(topicId, lineSeq)).catch(() => setFailed(true));
  }, [needsAround, dispatch, topicId, lineSeq]);

  const openSeq = !window ? null : onOpening ? (line.target?.seq ?? null) : window.anchor;
  return { ready: !!window && line.ready && (!needsAround || failed), openSeq };
}
