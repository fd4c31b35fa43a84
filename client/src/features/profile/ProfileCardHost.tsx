// One profile card for every message author on screen. A Chakra Popover per author (two per row: the
// avatar and the name) was a large part of rendering a page of history: each holds a popper, focus and
// outside-click hooks while closed. The rows' buttons ask this host instead; it anchors the one card to the
// button that asked, gives the focus back to it on Escape, and a second click on the same button closes it.
import { Popover, PopoverAnchor } from '@chakra-ui/react';
import type { PlacementWithLogical } from '@chakra-ui/react';
import {
  createContext,
  forwardRef,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type ForwardedRef,
  type ReactNode,
} from 'react';

import type { PublicUser } from '../../api/types';
import { whenShown } from '../../components/whenShown';
import { ProfileCardContent, WIDE } from './ProfileCard';

export interface ProfileCardRequest {
  partyId: string;
  userId: string;
  /** What to show while (or if) the member list has no entry: a message's copy of its author. */
  fallback: PublicUser | null;
  /** The button that asked: the card sits beside it (below it on a phone). */
  anchor: HTMLElement;
}

type Open = (request: ProfileCardRequest) => void;
const HostContext = createContext<Open | null>(null);

/** Opens the shared profile card beside a button (a no-op outside a ProfileCardHost). */
export function useOpenProfileCard(): Open {
  return useContext(HostContext) ?? noop;
}
const noop: Open = () => undefined;

type Shown = ProfileCardRequest & { placement: PlacementWithLogical; id: number };

/** The click on the button that closed its card (outside-click fires first) does not reopen it: a toggle. */
const TOGGLE_MS = 400;

export function ProfileCardHost({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<Shown | null>(null);
  const opened = useRef(0);
  const closed = useRef<{ anchor: HTMLElement; at: number } | null>(null);
  const request = useCallback<Open>((r) => {
    const last = closed.current;
    closed.current = null;
    if (last && last.anchor === r.anchor && performance.now() - last.at < TOGGLE_MS) return;
    opened.current += 1;
    setOpen({
      ...r,
      placement: window.matchMedia(WIDE).matches ? 'right-start' : 'bottom-start',
      id: opened.current,
    });
  }, []);
  // `byAnchor`: the card closed because its own button was pressed (the outside click), whose click
  // follows and must not open it again. Any other close (Escape, a click elsewhere) leaves the button free.
  const close = useCallback((byAnchor: boolean) => {
    setOpen((current) => {
      closed.current = current && byAnchor ? { anchor: current.anchor, at: performance.now() } : null;
      return null;
    });
  }, []);
  return (
    <HostContext.Provider value={request}>
      {children}
      {open && <HostedCard key={open.id} request={open} onClose={close} />}
    </HostContext.Provider>
  );
}

function HostedCard({ request, onClose }: { request: Shown; onClose: (byAnchor: boolean) => void }) {
  const { anchor } = request;
  // Whether the press that is closing the card was on its button.
  const pressedAnchor = useRef(false);
  useEffect(() => {
    const onPointerDown = (e: PointerEvent) => {
      pressedAnchor.current = e.target instanceof Node && anchor.contains(e.target);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [anchor]);
  const closeCard = useCallback(() => onClose(pressedAnchor.current), [onClose]);
  // The trigger says whether its card is open; the focus goes back to it when the card closes with the
  // focus inside (Escape), not when a click elsewhere took it.
  useEffect(() => {
    anchor.setAttribute('aria-expanded', 'true');
    return () => {
      anchor.setAttribute('aria-expanded', 'false');
      requestAnimationFrame(() => {
        const active = document.activeElement;
        if ((active === null || active === document.body) && anchor.isConnected) anchor.focus();
      });
    };
  }, [anchor]);
  // Into the card as it opens, as a Popover opened by its own trigger does (Tab then reaches Message, and
  // Escape closes it). Once it is shown: a frame after rendering it can still be hidden (its opening
  // animation not started on a busy machine), and a hidden card refuses the focus.
  const content = useRef<HTMLElement>(null);
  useEffect(
    () =>
      whenShown(
        () => content.current,
        (card) => {
          if (!card.contains(document.activeElement)) card.focus({ preventScroll: true });
        },
      ),
    [],
  );
  // The virtualized list drops rows scrolled far away: a card whose button is gone closes.
  useEffect(() => {
    const onScroll = () => {
      if (!anchor.isConnected) onClose(false);
    };
    window.addEventListener('scroll', onScroll, true);
    return () => window.removeEventListener('scroll', onScroll, true);
  }, [anchor, onClose]);
  return (
    <Popover isOpen onClose={closeCard} placement={request.placement} closeOnEsc returnFocusOnClose={false}>
      <PopoverAnchor>
        <AnchorBridge element={anchor} />
      </PopoverAnchor>
      <ProfileCardContent
        ref={content}
        partyId={request.partyId}
        userId={request.userId}
        fallback={request.fallback}
      />
    </Popover>
  );
}

/** Hands the popover the button that asked as its anchor (PopoverAnchor passes its ref to its child). */
const AnchorBridge = forwardRef(function AnchorBridge(
  { element }: { element: HTMLElement },
  ref: ForwardedRef<HTMLElement>,
) {
  useLayoutEffect(() => {
    if (typeof ref === 'function') ref(element);
    else if (ref) ref.current = element;
  }, [element, ref]);
  return null;
});
