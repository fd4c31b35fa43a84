/**
 * Puts the focus in the emoji picker's search field and keeps it there until the user acts.
 *
 * emoji-mart's own `autoFocus` runs once, when its element has rendered (after its data loads, inside the
 * element's shadow root). On a busy machine that single call can land while the popover is still hidden
 * (`focus()` on an invisible element does nothing) or before the menu that opened the picker has handed the
 * focus back to its button; then what the user types goes nowhere (seen in a CI run: the picker open, its
 * search without the focus). So for a short while each frame puts the focus back in the search field,
 * until the user presses a pointer or a key other than typing into the field (their choice wins) or the
 * time is up, counted from when the field appeared. Returns a function that stops it.
 */
const HOLD_MS = 1500;
/** How long to wait for the field to appear at all. */
const APPEAR_MS = 10_000;

export function holdSearchFocus(container: HTMLElement, now: () => number = () => performance.now()) {
  const start = now();
  let appeared: number | null = null;
  let frame = 0;
  let stopped = false;
  const doc = container.ownerDocument;

  const searchField = () => {
    const root = container.querySelector('em-emoji-picker')?.shadowRoot;
    const input = root?.querySelector<HTMLInputElement>('input[type="search"], input');
    return root && input ? { root, input } : null;
  };
  const stop = () => {
    if (stopped) return;
    stopped = true;
    cancelAnimationFrame(frame);
    doc.removeEventListener('keydown', onUserAct, true);
    doc.removeEventListener('pointerdown', onUserAct, true);
  };
  // A key typed into the field is the user using it (fine to keep holding); anything else is theirs.
  function onUserAct(event: Event) {
    const field = searchField();
    if (field && field.root.activeElement === field.input && event.type === 'keydown') {
      const key = (event as KeyboardEvent).key;
      if (key !== 'Tab' && key !== 'Escape') return;
    }
    stop();
  }
  const tick = () => {
    if (stopped) return;
    const field = searchField();
    if (field && appeared === null) appeared = now();
    if (now() - (appeared ?? start) > (appeared === null ? APPEAR_MS : HOLD_MS)) return stop();
    if (field) {
      const held = field.root.activeElement === field.input && doc.activeElement === field.root.host;
      if (!held) field.input.focus({ preventScroll: true });
    }
    frame = requestAnimationFrame(tick);
  };

  doc.addEventListener('keydown', onUserAct, true);
  doc.addEventListener('pointerdown', onUserAct, true);
  frame = requestAnimationFrame(tick);
  return stop;
}
