import { useEffect, useRef } from 'react';

import { useAppDispatch } from '../../../app/hooks';
import { useMarkReadMutation } from '../../unread/unreadApi';
import { viewChanged } from '../../unread/viewSlice';

/** Waits this long at the end before marking read, so scrolling past the end does not send a burst. */
const MARK_READ_DELAY_MS = 150;

/**
 * While this topic's newest message is on screen (`liveAtBottom`): the rest of the app is told, so that
 * arriving messages count as read, and the server is told up to which seq I have read.
 */
export function useMarkReadOnView(topicId: string, liveAtBottom: boolean, newest: number | null): void {
  const dispatch = useAppDispatch();
  const [markRead] = useMarkReadMutation();

  useEffect(() => {
    dispatch(viewChanged({ topicId, atBottom: liveAtBottom }));
  }, [dispatch, topicId, liveAtBottom]);
  useEffect(() => () => void dispatch(viewChanged({ topicId: null, atBottom: false })), [dispatch]);

  // Only while the page is visible: a background tab at the end of a topic has not been read.
  const markedRef = useRef(0);
  useEffect(() => {
    if (!liveAtBottom || newest === null || newest <= markedRef.current) return;
    const t = setTimeout(() => {
      if (document.visibilityState !== 'visible') return;
      markedRef.current = newest;
      markRead({ topicId, seq: newest }).catch(() => undefined);
    }, MARK_READ_DELAY_MS);
    return () => clearTimeout(t);
  }, [liveAtBottom, newest, topicId, markRead]);
}
