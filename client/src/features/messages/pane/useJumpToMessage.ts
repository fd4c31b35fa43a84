import { useToast } from '@chakra-ui/react';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { VirtuosoHandle } from 'react-virtuoso';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';

import { errorMessage } from '../../../api/apiSlice';
import type { Message } from '../../../api/types';
import { useAppDispatch } from '../../../app/hooks';
import { loadAround } from '../historyThunks';
import type { TopicMessages } from '../messagesAdapter';

/** How long a message jumped to stays highlighted. */
export const HIGHLIGHT_MS = 2500;

export type MessagePlace = Pick<Message, 'partyId' | 'topicId' | 'seq'>;

/**
 * The address that opens a topic at one message: `/parties/:p/topics/:t?message=<seq>`. The message pane
 * loads the history around it when it is not loaded, scrolls it into view and highlights it briefly; the
 * user can then scroll both ways (older and newer pages load up to the live end).
 */
export const messageHref = (m: MessagePlace) => `/parties/${m.partyId}/topics/${m.topicId}?message=${m.seq}`;

/**
 * Jump to a message from anywhere in the app (search results, reply quotes, notification clicks):
 * `const jump = useJumpToMessage(); jump({ partyId, topicId, seq })`. It is a navigation, so Back returns.
 */
export function useJumpToMessage(): (m: MessagePlace) => void {
  const navigate = useNavigate();
  return useCallback((m: MessagePlace) => navigate(messageHref(m)), [navigate]);
}

const parseSeq = (raw: string | null) => (raw && /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : null);

/**
 * The pane's side of a jump: reads `?message=` once the pane has opened, takes it out of the address (so
 * the same jump can be asked again), scrolls to a loaded message or replaces the window with the history
 * around it (a new generation, which the list opens at), and returns the seq to highlight.
 */
export function useMessageTarget(
  topicId: string,
  window: TopicMessages | undefined,
  ready: boolean,
  indexOfSeq: (seq: number) => number,
  listRef: RefObject<VirtuosoHandle>,
): number | null {
  const dispatch = useAppDispatch();
  const toast = useToast();
  const [params, setParams] = useSearchParams();
  const seq = parseSeq(params.get('message'));
  const [highlight, setHighlight] = useState<number | null>(null);
  // One jump per navigation, also while the window changes before the address has been replaced.
  const { key } = useLocation();
  const handled = useRef<string | null>(null);

  useEffect(() => {
    if (seq === null || !window || !ready || handled.current === key) return;
    handled.current = key;
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.delete('message');
        return next;
      },
      { replace: true },
    );
    const loaded = window.ids.some((id) => window.entities[id]?.seq === seq);
    if (loaded) {
      listRef.current?.scrollToIndex({ index: indexOfSeq(seq), align: 'center' });
      setHighlight(seq);
      return;
    }
    dispatch(loadAround(topicId, seq)).then(
      () => setHighlight(seq),
      (err: unknown) => toast({ status: 'error', title: errorMessage(err, 'Could not open that message') }),
    );
  }, [seq, window, ready, key, setParams, indexOfSeq, listRef, dispatch, topicId, toast]);

  useEffect(() => {
    if (highlight === null) return;
    const t = setTimeout(() => setHighlight(null), HIGHLIGHT_MS);
    return () => clearTimeout(t);
  }, [highlight]);

  return highlight;
}
