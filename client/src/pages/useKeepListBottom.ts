import { useEffect, type RefObject } from 'react';

/** The element that scrolls the message list: the list itself, or the scroller a virtual list puts in it. */
function messageScroller(): HTMLElement | null {
  const list = document.querySelector<HTMLElement>('[data-testid="message-list"]');
  if (!list) return null;
  const scrolls = (el: HTMLElement) => /(auto|scroll)/.test(getComputedStyle(el).overflowY);
  if (scrolls(list)) return list;
  return (
    [...list.querySelectorAll<HTMLElement>('*')].find(scrolls) ??
    list.closest<HTMLElement>('[data-virtuoso-scroller]')
  );
}

/**
 * When the composer grows (a second line, a pasted paragraph) the message list above it gets shorter from
 * the bottom: scroll it by as much, so the newest message stays in view instead of going under the
 * composer. Shrinking gives the space back the same way.
 */
export function useKeepListBottom(composer: RefObject<HTMLElement>) {
  useEffect(() => {
    const el = composer.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let height = el.getBoundingClientRect().height;
    const observer = new ResizeObserver(() => {
      const next = el.getBoundingClientRect().height;
      const delta = next - height;
      height = next;
      if (delta === 0) return;
      const scroller = messageScroller();
      if (scroller) scroller.scrollTop += delta;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [composer]);
}
