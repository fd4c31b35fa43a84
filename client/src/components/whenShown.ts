/** Frames to wait for an element to be rendered and shown (about two seconds at 60 Hz). */
const WAIT_FRAMES = 120;

// An element that is hidden (`visibility: hidden`, as virtuoso keeps a list until it has reached its
// opening position, or a popover or menu before its opening animation starts) does not take the focus:
// an element counts once it is really shown.
const shown = (el: HTMLElement) =>
  typeof el.checkVisibility === 'function' ? el.checkVisibility({ visibilityProperty: true }) : true;

/**
 * Waits (a frame at a time, up to WAIT_FRAMES) until `find` finds the element, shown, then calls `then`
 * with it. Returns a cancel function. Chakra's menus and popovers focus themselves once, a frame after
 * they render; on a busy machine that frame can come before they are shown, the focus is refused and
 * nothing tries again: this does.
 */
export function whenShown(find: () => HTMLElement | null, then: (el: HTMLElement) => void): () => void {
  let frames = 0;
  let frame = 0;
  const attempt = () => {
    const el = find();
    if (el && shown(el)) then(el);
    else if (++frames < WAIT_FRAMES) frame = requestAnimationFrame(attempt);
  };
  attempt();
  return () => cancelAnimationFrame(frame);
}
