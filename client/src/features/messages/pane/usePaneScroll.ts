import { useCallback, useEffect, useRef, useState, type MutableRefObject, type RefObject } from 'react';
import type { VirtuosoHandle } from 'react-virtuoso';

/** Closer than this to the end counts as "at the end" (a partly visible last line still reads as caught up). */
export const BOTTOM_SLACK_PX = 48;

export interface PaneScroll {
  listRef: RefObject<VirtuosoHandle>;
  /** The scrolling element (Virtuoso's root), for the observer that tells what is on screen. */
  scroller: HTMLElement | null;
  setScroller: (el: HTMLElement | Window | null) => void;
  atBottom: boolean;
  /** The same as `atBottom`, for effects and handlers that must see a scroll before it has re-rendered. */
  atBottomRef: MutableRefObject<boolean>;
  setAtBottom: (atBottom: boolean) => void;
}

/** Where the message list is scrolled: the one place that knows whether its end is in view. */
export function usePaneScroll(): PaneScroll {
  const listRef = useRef<VirtuosoHandle>(null);
  const atBottomRef = useRef(true);
  const [atBottom, setAtBottomState] = useState(true);
  const [scroller, setScrollerState] = useState<HTMLElement | null>(null);
  const setAtBottom = useCallback((bottom: boolean) => {
    atBottomRef.current = bottom;
    setAtBottomState(bottom);
  }, []);
  const setScroller = useCallback(
    (el: HTMLElement | Window | null) => setScrollerState(el instanceof HTMLElement ? el : null),
    [],
  );
  // Virtuoso reports changes of its own bottom state; a list that mounts (or remounts after a jump) at
  // the end may not report one, so measure once when it settles. Not on every scroll: reading the
  // layout in a scroll handler forces a reflow per event.
  useEffect(() => {
    if (!scroller) return;
    const measure = () =>
      setAtBottom(scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < BOTTOM_SLACK_PX);
    const timers = [200, 800].map((ms) => setTimeout(measure, ms));
    return () => timers.forEach(clearTimeout);
  }, [scroller, setAtBottom]);

  return { listRef, scroller, setScroller, atBottom, atBottomRef, setAtBottom };
}
