import { useCallback, useLayoutEffect, useRef } from 'react';

import type { Message } from '../../../api/types';
import type { PaneScroll } from './usePaneScroll';

export interface ScrollAnchoring {
  /** Before an older page is added above: remember where the view is, to restore it after. */
  holdPosition: (el: HTMLDivElement) => void;
  releaseHold: () => void;
}

/** Keeps the view pinned to the end while I am there, and steady when older pages load above. */
export function useScrollAnchoring(
  { listRef, atBottomRef, scrollToBottom }: PaneScroll,
  messages: Message[],
  pendingCount: number,
): ScrollAnchoring {
  const restoreRef = useRef<{ height: number; top: number } | null>(null);
  // Changes when a message (or a pending one) is added at the end.
  const lastKey = `${messages[messages.length - 1]?.id}:${pendingCount}`;
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    if (restoreRef.current) {
      el.scrollTop = el.scrollHeight - restoreRef.current.height + restoreRef.current.top;
      restoreRef.current = null;
    } else if (atBottomRef.current) {
      scrollToBottom();
    }
  }, [lastKey, messages.length, scrollToBottom, listRef, atBottomRef]);

  const holdPosition = useCallback((el: HTMLDivElement) => {
    restoreRef.current = { height: el.scrollHeight, top: el.scrollTop };
  }, []);
  const releaseHold = useCallback(() => {
    restoreRef.current = null;
  }, []);
  return { holdPosition, releaseHold };
}
