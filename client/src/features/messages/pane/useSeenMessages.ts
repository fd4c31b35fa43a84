import { useCallback, useEffect, useRef, useState } from 'react';

import { useAppDispatch } from '../../../app/hooks';
import { useMarkReadMutation } from '../../unread/unreadApi';
import { viewChanged } from '../../unread/viewSlice';

/** A message counts as seen when this much of it is on screen (or it fills this much of the screen). */
const SEEN_RATIO = 0.5;
/** A row counts once it has stayed on screen this long: not while the list settles or flies past. */
const DWELL_MS = 250;
/** Read marks wait this long, so scrolling through a backlog sends one mark, not one per message. */
const MARK_READ_DELAY_MS = 300;

export interface SeenMessages {
  /** Watches a rendered message row (with `data-seen-seq`); returns the function that stops watching it. */
  observe: (el: HTMLElement) => () => void;
  /** The newest seq the user has had on screen in a visible tab; the read position never passes it. */
  seenUpTo: number;
  /** The oldest and newest seq on screen now (null before anything is). */
  visible: { first: number; last: number } | null;
}

/**
 * What the user has actually seen: an IntersectionObserver over the rendered rows (root: the list), and
 * only while the tab is visible (`document.visibilityState`). The read position on the server moves to the
 * newest seen seq, never further. While the newest message is on screen, arriving ones count as read.
 */
export function useSeenMessages(
  topicId: string,
  root: HTMLElement | null,
  liveAtBottom: boolean,
): SeenMessages {
  const dispatch = useAppDispatch();
  const [markRead] = useMarkReadMutation();
  const onScreen = useRef(new Map<Element, number>());
  const [visible, setVisible] = useState<SeenMessages['visible']>(null);
  const [seenUpTo, setSeenUpTo] = useState(0);

  const dwell = useRef<ReturnType<typeof setTimeout>>();
  const update = useCallback(() => {
    const seqs = [...onScreen.current.values()];
    const range = seqs.length ? { first: Math.min(...seqs), last: Math.max(...seqs) } : null;
    setVisible((v) => (v?.first === range?.first && v?.last === range?.last ? v : range));
    clearTimeout(dwell.current);
    if (!range) return;
    dwell.current = setTimeout(() => {
      if (document.visibilityState !== 'visible') return;
      // What is still on screen after the dwell time (not what flew past meanwhile).
      const still = [...onScreen.current.values()];
      if (still.length) setSeenUpTo((s) => Math.max(s, ...still));
    }, DWELL_MS);
  }, []);
  useEffect(() => () => clearTimeout(dwell.current), []);

  const observer = useRef<IntersectionObserver | null>(null);
  const rows = useRef(new Set<HTMLElement>());
  useEffect(() => {
    if (!root || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const seq = Number((e.target as HTMLElement).dataset.seenSeq);
          const rootHeight = e.rootBounds?.height ?? 0;
          const seen =
            e.isIntersecting &&
            (e.intersectionRatio >= SEEN_RATIO || e.intersectionRect.height >= rootHeight * SEEN_RATIO);
          if (seen) onScreen.current.set(e.target, seq);
          else onScreen.current.delete(e.target);
        }
        update();
      },
      { root, threshold: [0, SEEN_RATIO, 1] },
    );
    observer.current = io;
    for (const el of rows.current) io.observe(el);
    return () => {
      io.disconnect();
      observer.current = null;
      onScreen.current.clear();
    };
  }, [root, update]);

  // Virtuoso mounts and unmounts rows as they scroll in and out of its rendered range.
  const observe = useCallback(
    (el: HTMLElement) => {
      rows.current.add(el);
      observer.current?.observe(el);
      return () => {
        rows.current.delete(el);
        observer.current?.unobserve(el);
        if (onScreen.current.delete(el)) update();
      };
    },
    [update],
  );

  // A background tab shows nothing to anyone: what is on screen counts once the tab is visible again.
  useEffect(() => {
    const onVisibility = () => update();
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, [update]);

  const markedRef = useRef(0);
  useEffect(() => {
    if (seenUpTo <= markedRef.current) return;
    const t = setTimeout(() => {
      markedRef.current = seenUpTo;
      markRead({ topicId, seq: seenUpTo }).catch(() => undefined);
    }, MARK_READ_DELAY_MS);
    return () => clearTimeout(t);
  }, [seenUpTo, topicId, markRead]);

  useEffect(() => {
    dispatch(viewChanged({ topicId, atBottom: liveAtBottom }));
  }, [dispatch, topicId, liveAtBottom]);
  useEffect(() => () => void dispatch(viewChanged({ topicId: null, atBottom: false })), [dispatch]);

  return { observe, seenUpTo, visible };
}
