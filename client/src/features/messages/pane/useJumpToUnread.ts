import { useToast } from '@chakra-ui/react';
import type { RefObject } from 'react';
import type { VirtuosoHandle } from 'react-virtuoso';

import { errorMessage } from '../../../api/apiSlice';
import { useAppDispatch } from '../../../app/hooks';
import { loadAround } from '../historyThunks';
import { minSeq, type TopicMessages } from '../messagesAdapter';
import type { NewMessagesLine } from './useNewMessagesLine';
import type { SeenMessages } from './useSeenMessages';

/** Offset of a jump target from the top of the view, so a little of what came before shows above it. */
export const JUMP_CONTEXT_PX = -56;

/**
 * "Jump to first unread": shown while the line lies above what is on screen (loaded or not), gone once it
 * is in view. A loaded line is scrolled to; otherwise the history around it replaces the window, which the
 * list opens at (a new generation), so one click always lands.
 */
export function useJumpToUnread(
  topicId: string,
  window: TopicMessages | undefined,
  { seq, target }: NewMessagesLine,
  visible: SeenMessages['visible'],
  indexOfSeq: (seq: number) => number,
  listRef: RefObject<VirtuosoHandle>,
) {
  const dispatch = useAppDispatch();
  const toast = useToast();
  const lineSeq = target?.seq ?? seq;
  const oldest = window ? minSeq(window) : null;
  const notLoaded = seq !== null && !target && !!window?.hasOlder && oldest !== null && oldest > seq;
  const unreadAbove =
    lineSeq !== null && (notLoaded || (!!target && visible !== null && visible.first > lineSeq));

  const jumpToUnread = async () => {
    if (seq === null) return;
    if (target) {
      listRef.current?.scrollToIndex({
        index: indexOfSeq(target.seq),
        align: 'start',
        offset: JUMP_CONTEXT_PX,
      });
      return;
    }
    try {
      await dispatch(loadAround(topicId, seq));
    } catch (err) {
      toast({ status: 'error', title: errorMessage(err) });
    }
  };
  return { unreadAbove, jumpToUnread };
}
