import {
  useCallback,
  useRef,
  type FocusEvent,
  type KeyboardEvent,
  type MutableRefObject,
  type RefObject,
} from 'react';
import type { VirtuosoHandle } from 'react-virtuoso';

import { whenShown } from '../../../components/whenShown';

const ROW = '[data-testid="message"]';
const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]';
/** A click inside the list this recently put the focus there on purpose (not a Tab from outside). */
const POINTER_GRACE_MS = 600;
const isEditable = (el: Element) =>
  el instanceof HTMLTextAreaElement ||
  el instanceof HTMLInputElement ||
  (el as HTMLElement).isContentEditable;

/**
 * Moves the focus to the first tab stop of the page after `container` (or the last one before it) that
 * takes it: an element that is hidden or inert does not, so each is tried in turn. False if none did.
 */
function focusBeside(container: HTMLElement, after: boolean): boolean {
  const beside = [...document.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => {
    if (el.tabIndex < 0 || container.contains(el)) return false;
    const pos = container.compareDocumentPosition(el);
    return after ? pos & Node.DOCUMENT_POSITION_FOLLOWING : pos & Node.DOCUMENT_POSITION_PRECEDING;
  });
  if (!after) beside.reverse();
  return beside.some((el) => {
    el.focus();
    return document.activeElement === el;
  });
}

interface Options {
  listRef: RefObject<VirtuosoHandle>;
  /** The loaded message seqs in list order (the row index of seqs[i] is indexOf(seqs[i])). */
  seqsRef: MutableRefObject<number[]>;
  indexOfSeq: (seq: number) => number;
  /** The row to start from when the list takes focus and no row had it before (e.g. the newest on screen). */
  defaultSeq: () => number | null;
}

/**
 * Roving focus over the virtualized message list (WAI-ARIA feed/grid style): the list is ONE tab stop;
 * inside it Up/Down move between messages (scrolling the row into view first, since rows far away are not
 * rendered), Home/End go to the first/last loaded one, Enter or the context-menu key opens the focused
 * message's menu (the row does that itself), Escape goes back to the composer, and Tab / Shift+Tab leave
 * the list instead of walking through every row's buttons and links.
 */
export function useRovingFocus({ listRef, seqsRef, indexOfSeq, defaultSeq }: Options) {
  const container = useRef<HTMLDivElement>(null);
  const activeSeq = useRef<number | null>(null);
  const lastPointer = useRef(0);

  const rowOf = useCallback(
    (seq: number) => container.current?.querySelector<HTMLElement>(`${ROW}[data-seq="${seq}"]`) ?? null,
    [],
  );

  const focusSeq = useCallback(
    (seq: number) => {
      activeSeq.current = seq;
      const index = indexOfSeq(seq);
      const focus = () =>
        whenShown(
          () => rowOf(seq),
          (el) => el.focus({ preventScroll: true }),
        );
      if (index < 0) return;
      // A rendered row only needs nudging into view; one far away is rendered once scrolled to.
      const rendered = rowOf(seq);
      listRef.current?.scrollIntoView({ index, behavior: 'auto', done: focus });
      if (rendered) focus();
    },
    [indexOfSeq, listRef, rowOf],
  );

  const focusActive = useCallback(() => {
    const seqs = seqsRef.current;
    const seq =
      activeSeq.current !== null && seqs.includes(activeSeq.current) ? activeSeq.current : defaultSeq();
    if (seq !== null) focusSeq(seq);
  }, [defaultSeq, focusSeq, seqsRef]);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      const box = container.current;
      const target = e.target as HTMLElement;
      // Portaled menus and dialogs of a row bubble through React's tree too: only the list's own DOM counts.
      if (!box || !box.contains(target) || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'Tab') {
        // One tab stop: leave the list from wherever inside it the focus is.
        if (focusBeside(box, !e.shiftKey)) e.preventDefault();
        return;
      }
      if (isEditable(target)) return; // the message editor has its own keys
      const row = target.closest<HTMLElement>(ROW);
      const seq = row ? Number(row.dataset.seq) : activeSeq.current;
      const seqs = seqsRef.current;
      const at = seq === null ? -1 : seqs.indexOf(seq);
      const go = (i: number) => {
        e.preventDefault();
        const to = seqs[Math.max(0, Math.min(seqs.length - 1, i))];
        if (to !== undefined) focusSeq(to);
      };
      switch (e.key) {
        case 'ArrowUp':
          return go(at < 0 ? seqs.length - 1 : at - 1);
        case 'ArrowDown':
          return go(at < 0 ? seqs.length - 1 : at + 1);
        case 'Home':
          return go(0);
        case 'End':
          return go(seqs.length - 1);
        case 'Escape':
          // From a row's own button (after its menu closed): back to the row; from the row: the composer.
          e.preventDefault();
          if (row && target !== row) row.focus({ preventScroll: true });
          else document.getElementById('composer')?.focus();
          return;
      }
    },
    [focusSeq, seqsRef],
  );

  const onFocus = useCallback(
    (e: FocusEvent<HTMLElement>) => {
      const box = container.current;
      const target = e.target as HTMLElement;
      if (!box || !box.contains(target)) return;
      const row = target.closest<HTMLElement>(ROW);
      if (row && target === row) {
        activeSeq.current = Number(row.dataset.seq);
        return;
      }
      // A row's menu closing hands the focus back to its ⋯ button: give it to the row, so arrows go on.
      // From the menu, or from the row itself when the menu closed before it took the focus (the keyboard
      // has no other way from a row to its own button: Tab leaves the list).
      const from = e.relatedTarget as HTMLElement | null;
      if (row && (from?.closest('[role="menu"]') || from === row)) {
        row.focus({ preventScroll: true });
        return;
      }
      const fromOutside = !e.relatedTarget || !box.contains(e.relatedTarget as Node);
      const byPointer = Date.now() - lastPointer.current < POINTER_GRACE_MS;
      // Tab into the list (its scroller is the tab stop), or Shift+Tab landing on the last row's button:
      // the focus goes to the active message instead. A click or the message editor stay put.
      if (!fromOutside || byPointer || isEditable(target)) return;
      focusActive();
    },
    [focusActive],
  );

  const onPointerDown = useCallback(() => {
    lastPointer.current = Date.now();
  }, []);

  return { container, containerProps: { onKeyDown, onFocus, onPointerDown }, focusSeq };
}

export type RovingFocus = ReturnType<typeof useRovingFocus>;
