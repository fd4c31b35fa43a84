import { useMemo, useRef } from 'react';
import type { MouseEvent, PointerEvent } from 'react';

const HOLD_MS = 450;
const SLOP_PX = 10;

/**
 * A touch long-press (held still for ~half a second) calls `onLongPress`; so does the context-menu event
 * (a right click, or the long press of Android browsers), whose native menu is replaced by ours. A press
 * that moves is a scroll, not a long press.
 */
export function useLongPress(onLongPress: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const start = useRef<{ x: number; y: number } | null>(null);
  const fired = useRef(false);
  const latest = useRef(onLongPress);
  latest.current = onLongPress;

  return useMemo(() => {
    const cancel = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      start.current = null;
    };
    const insideControl = (target: EventTarget) =>
      target instanceof Element && target.closest('a, button, textarea, input, [role="menu"]') !== null;
    return {
      onPointerDown: (e: PointerEvent) => {
        if (e.pointerType === 'mouse' || insideControl(e.target)) return;
        fired.current = false;
        start.current = { x: e.clientX, y: e.clientY };
        timer.current = setTimeout(() => {
          fired.current = true;
          cancel();
          latest.current();
        }, HOLD_MS);
      },
      onPointerMove: (e: PointerEvent) => {
        const from = start.current;
        if (from && Math.hypot(e.clientX - from.x, e.clientY - from.y) > SLOP_PX) cancel();
      },
      onPointerUp: cancel,
      onPointerCancel: cancel,
      onContextMenu: (e: MouseEvent) => {
        if (insideControl(e.target) && !(e.target instanceof Element && e.target.closest('button'))) return;
        e.preventDefault();
        cancel();
        if (!fired.current) latest.current();
        fired.current = false;
      },
    };
  }, []);
}
