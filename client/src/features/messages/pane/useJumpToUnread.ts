import { useToast } from '@chakra-ui/react';

import { errorMessage } from '../../../api/apiSlice';
import type { Message } from '../../../api/types';
import { useAppDispatch } from '../../../app/hooks';
import { loadAround } from '../historyThunks';
import type { TopicMessages } from '../messagesAdapter';
import type { NewMessagesLine } from './useNewMessagesLine';
import type { PaneScroll } from './usePaneScroll';

/** The "Jump to first unread" button: whether unread messages lie above the view, and going there. */
export function useJumpToUnread(
  topicId: string,
  window: TopicMessages | undefined,
  messages: Message[],
  { seq, target }: NewMessagesLine,
  { messageElement }: PaneScroll,
) {
  const dispatch = useAppDispatch();
  const toast = useToast();

  // The line is loaded, or it lies in older history that is not loaded yet.
  const first = messages[0];
  const unreadAbove =
    target !== undefined || (seq !== null && !!window?.hasOlder && !!first && first.seq > seq);

  const jumpToUnread = async () => {
    if (seq === null) return;
    const el = target && messageElement(target.seq);
    if (el) return el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    try {
      await dispatch(loadAround(topicId, seq));
      requestAnimationFrame(() => messageElement(seq)?.scrollIntoView({ block: 'center' }));
    } catch (err) {
      toast({ status: 'error', title: errorMessage(err) });
    }
  };
  return { unreadAbove, jumpToUnread };
}
