import { useCallback, useRef, useState, type MutableRefObject, type RefObject } from 'react';

/** Closer than this to the end counts as "at the end" (a partly visible last line still reads as caught up). */
const BOTTOM_SLACK_PX = 48;

export interface PaneScroll {
  listRef: RefObject<HTMLDivElement>;
  atBottom: boolean;
  /** The same as `atBottom`, for effects and handlers that must see a scroll before it has re-rendered. */
  atBottomRef: MutableRefObject<boolean>;
  /** Measures the list after a scroll; returns whether its end is in view. */
  measure: (el: HTMLDivElement) => boolean;
  scrollToBottom: () => void;
  /** "Jump to present": at the end now, without waiting for the scroll event. */
  jumpToBottom: () => void;
  messageElement: (seq: number) => Element | null | undefined;
}

/** Where the message list is scrolled: the one place that knows whether its end is in view. */
export function usePaneScroll(): PaneScroll {
  const listRef = useRef<HTMLDivElement>(null);
  const atBottomRef = useRef(true);
  const [atBottom, setAtBottom] = useState(true);

  const scrollToBottom = useCallback(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, []);
  const measure = useCallback((el: HTMLDivElement) => {
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK_PX;
    atBottomRef.current = bottom;
    setAtBottom(bottom);
    return bottom;
  }, []);
  const jumpToBottom = useCallback(() => {
    atBottomRef.current = true;
    setAtBottom(true);
    scrollToBottom();
  }, [scrollToBottom]);
  const messageElement = useCallback(
    (seq: number) => listRef.current?.querySelector(`[data-seq="${seq}"]`),
    [],
  );

  return { listRef, atBottom, atBottomRef, measure, scrollToBottom, jumpToBottom, messageElement };
}
